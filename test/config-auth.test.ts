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

  it('INTROSPECTION takes on/off as well as true/false, in any environment', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...production, INTROSPECTION: 'on' }).introspection).toBe(true);
    expect(loadConfig({ ...production, INTROSPECTION: 'off' }).introspection).toBe(false);
    expect(loadConfig({ INTROSPECTION: 'off' }).introspection).toBe(false);
    expect(loadConfig({ INTROSPECTION: 'false' }).introspection).toBe(false);
    expect(loadConfig({ INTROSPECTION: 'on' }).introspection).toBe(true);
  });

  it('CORS_ORIGINS: none by default; a comma-separated list of exact origins, kept as browsers send them', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' https://kerjasama.denpasarkota.go.id, http://localhost:5173,,https://kerjasama.denpasarkota.go.id ' }).corsOrigins).toEqual([
      'https://kerjasama.denpasarkota.go.id',
      'http://localhost:5173',
    ]);
    expect(loadConfig({ CORS_ORIGINS: 'http://[::1]:8080' }).corsOrigins).toEqual(['http://[::1]:8080']);
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
    [{ INTROSPECTION: 'yes' }, /INTROSPECTION must be on or off/],
    [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS: "\*" is not an http\(s\) origin/],
    [{ CORS_ORIGINS: 'https://*.denpasarkota.go.id' }, /no wildcards/],
    [{ CORS_ORIGINS: 'ftp://files.example.org' }, /is not an http\(s\) origin/],
    [{ CORS_ORIGINS: 'kerjasama.denpasarkota.go.id' }, /is not an http\(s\) origin/],
    [{ CORS_ORIGINS: 'https://app.example.org, https://app.example.org/graphql' }, /"https:\/\/app.example.org\/graphql" is not an origin as a browser sends it; write "https:\/\/app.example.org"/],
    [{ CORS_ORIGINS: 'https://app.example.org/' }, /write "https:\/\/app.example.org"/],
    [{ CORS_ORIGINS: 'https://App.Example.org:443' }, /write "https:\/\/app.example.org"/],
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
