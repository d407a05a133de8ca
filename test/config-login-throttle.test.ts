import { ConfigError, DEFAULT_LOGIN_THROTTLE, loadConfig } from '../src/config';

describe('sign-in throttling and proxy settings', () => {
  it('are on by default, with the documented values, and trust no proxy', () => {
    const config = loadConfig({});
    expect(config.loginThrottle).toEqual(DEFAULT_LOGIN_THROTTLE);
    expect(DEFAULT_LOGIN_THROTTLE).toEqual({ accountFreeAttempts: 5, addressFreeAttempts: 20, firstDelayMs: 1000, maxLockMs: 900_000, windowMs: 900_000 });
    expect(config.trustProxy).toBe(false);
  });

  it('read durations with units and can be turned off', () => {
    const config = loadConfig({ LOGIN_FIRST_DELAY: '500ms', LOGIN_MAX_LOCK: '2m', LOGIN_FAILURE_WINDOW: '1h', LOGIN_ACCOUNT_FREE_ATTEMPTS: '3' });
    expect(config.loginThrottle).toMatchObject({ firstDelayMs: 500, maxLockMs: 120_000, windowMs: 3_600_000, accountFreeAttempts: 3 });
    expect(loadConfig({ LOGIN_THROTTLE: 'off' }).loginThrottle).toBeNull();
  });

  it.each([
    [{ LOGIN_FIRST_DELAY: 'soon' }, /LOGIN_FIRST_DELAY "soon" is not a duration/],
    [{ LOGIN_FIRST_DELAY: '20m' }, /LOGIN_FIRST_DELAY must be more than 0 and at most LOGIN_MAX_LOCK/],
    [{ LOGIN_MAX_LOCK: '1h', LOGIN_FAILURE_WINDOW: '30m' }, /LOGIN_FAILURE_WINDOW must be at least LOGIN_MAX_LOCK/],
    [{ LOGIN_ACCOUNT_FREE_ATTEMPTS: '0' }, /LOGIN_ACCOUNT_FREE_ATTEMPTS/],
    [{ LOGIN_THROTTLE: 'maybe' }, /LOGIN_THROTTLE must be on or off/],
    [{ TRUST_PROXY: 'nginx.example.org' }, /TRUST_PROXY: "nginx.example.org" is not an address/],
  ])('refuse %p at start-up', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    ['true', true],
    ['off', false],
    ['1', 1],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
  ])('TRUST_PROXY=%p means %p', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });
});
