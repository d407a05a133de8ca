import { ConfigError, DEFAULT_LIMITS, loadConfig } from '../src/config';

describe('configuration of identity, introspection and limits', () => {
  it('defaults: introspection on outside production, off in production, no external provider, default limits', () => {
    expect(loadConfig({}).introspection).toBe(true);
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(production.introspection).toBe(false);
    expect(production.externalIdp).toBeNull();
    expect(production.limits).toEqual(DEFAULT_LIMITS);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('reads the external identity provider and the limits', () => {
    const config = loadConfig({
      JWT_JWKS_URL: 'https://idp.example.org/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example.org/',
      JWT_AUDIENCE: 'jalin',
      MAX_QUERY_DEPTH: '12',
      MAX_QUERY_COST: '50000',
      WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '5',
      WS_MAX_SOCKETS_PER_USER: '3',
    });
    expect(config.externalIdp).toEqual({ jwksUrl: 'https://idp.example.org/.well-known/jwks.json', issuer: 'https://idp.example.org/', audience: 'jalin' });
    expect(config.limits).toEqual({ maxQueryDepth: 12, maxQueryCost: 50000, maxSubscriptionsPerSocket: 5, maxSocketsPerUser: 3 });
  });

  it.each([
    [{ INTROSPECTION: 'yes' }, /INTROSPECTION must be true or false/],
    [{ JWT_JWKS_URL: 'https://idp.example.org/jwks' }, /JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE/],
    [{ JWT_JWKS_URL: 'ftp://idp.example.org/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }, /JWT_JWKS_URL must be an http\(s\) URL/],
    [{ JWT_ISSUER: 'https://idp.example.org/' }, /set JWT_JWKS_URL as well/],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), JWT_JWKS_URL: 'http://idp.example.org/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }, /https:\/\/ URL in production/],
    [{ MAX_QUERY_DEPTH: '1' }, /MAX_QUERY_DEPTH must be at least 2/],
    [{ MAX_QUERY_COST: 'lots' }, /MAX_QUERY_COST/],
    [{ WS_MAX_SOCKETS_PER_USER: '0' }, /WS_MAX_SOCKETS_PER_USER/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
