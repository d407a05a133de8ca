import { MaxRetriesPerRequestError } from 'ioredis/built/errors';
import { QueryFailedError } from 'typeorm';
import { ConfigError, loadConfig } from '../src/config';
import { PoolAcquireTimeoutError } from '../src/database-timeouts';
import { DomainError, ErrorCode, formatError } from '../src/errors';
import { outageCause } from '../src/outage';

const socketError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.5:3306`), { code, syscall: 'connect' });

/** What counts as an outage (SERVICE_UNAVAILABLE) and what does not, in the one place that decides. */
describe('outage classification', () => {
  it.each([
    ['a refused connection', socketError('ECONNREFUSED'), 'ECONNREFUSED'],
    ['a reset connection', socketError('ECONNRESET'), 'ECONNRESET'],
    ['a connect timeout', socketError('ETIMEDOUT'), 'ETIMEDOUT'],
    ['a lost connection, inside TypeORM’s error', new QueryFailedError('SELECT 1', [], Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' })), 'PROTOCOL_CONNECTION_LOST'],
    ['a statement past its timeout', new QueryFailedError('SELECT 1', [], Object.assign(new Error('Query inactivity timeout'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' })), 'PROTOCOL_SEQUENCE_TIMEOUT'],
    ['the pool wait bound', new PoolAcquireTimeoutError(5000), 'POOL_ACQUIRE_TIMEOUT'],
    ['SQLite locked past busy_timeout', new QueryFailedError('INSERT', [], Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })), 'SQLITE_BUSY'],
    ['ioredis giving up on a command', new MaxRetriesPerRequestError(1), 'MaxRetriesPerRequestError'],
    ['ioredis on a closed connection', new Error('Connection is closed.'), 'CONNECTION_CLOSED'],
    ['ioredis past its commandTimeout (the sign-in throttle)', new Error('Command timed out'), 'REDIS_COMMAND_TIMEOUT'],
    ['the sign-in throttle waiting for Redis to connect', Object.assign(new Error('Redis is not connected (sign-in throttle) after 2000 ms'), { code: 'ETIMEDOUT' }), 'ETIMEDOUT'],
    ['a non-Error value a resolver threw', { originalError: { thrownValue: { code: 'ECONNRESET', fatal: true } } }, 'ECONNRESET'],
  ])('%s is an outage', (_what, error, cause) => {
    expect(outageCause(error)).toBe(cause);
    expect(formatError({ message: 'x' }, error)).toEqual({ message: 'The service is briefly unavailable; retry in a few seconds', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
  });

  it.each([
    ['a domain refusal', new DomainError(ErrorCode.VERSION_CONFLICT, 'changed')],
    ['a duplicate key', new QueryFailedError('INSERT', [], Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY' }))],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
  ])('%s is not', (_what, error) => {
    expect(outageCause(error)).toBeNull();
  });
});

describe('operations settings', () => {
  it('reads the database bounds, the metrics access and the shutdown delay', () => {
    const config = loadConfig({ DB_CONNECT_TIMEOUT_MS: '2000', DB_ACQUIRE_TIMEOUT_MS: '3000', DB_QUERY_TIMEOUT_MS: '60000', METRICS_TOKEN: 'a'.repeat(32), METRICS_PORT: '9464', SHUTDOWN_DELAY_MS: '3000' });
    expect(config.databaseTimeouts).toEqual({ connectMs: 2000, acquireMs: 3000, queryMs: 60000 });
    expect(config.metrics).toEqual({ token: 'a'.repeat(32), port: 9464 });
    expect(config.shutdownDelayMs).toBe(3000);
    expect(loadConfig({}).metrics).toEqual({ token: null, port: null });
  });

  it.each([
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 24 characters/],
    [{ METRICS_TOKEN: `${'a'.repeat(24)} b` }, /printable ASCII without spaces/],
    [{ METRICS_PORT: '4000', PORT: '4000' }, /METRICS_PORT must differ from PORT/],
    [{ METRICS_PORT: '70000' }, /METRICS_PORT/],
    [{ SHUTDOWN_DELAY_MS: '8000' }, /SHUTDOWN_DELAY_MS must be at most 5000/],
    [{ DB_QUERY_TIMEOUT_MS: '10' }, /DB_QUERY_TIMEOUT_MS/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
