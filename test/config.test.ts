import { ConfigError, loadConfig, parseDatabaseUrl } from '../src/config';

describe('configuration', () => {
  it('defaults to the embedded SQLite file and port 4000', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ dialect: 'sqlite', file: './data/jalin.sqlite' });
    expect(config.port).toBe(4000);
    expect(config.seedDemoData).toBe(true);
  });

  it('reads MySQL URLs into their parts', () => {
    expect(parseDatabaseUrl('mysql://jalin:s%40cret@db.local:3307/jalin')).toMatchObject({
      dialect: 'mysql',
      host: 'db.local',
      port: 3307,
      user: 'jalin',
      password: 's@cret',
      database: 'jalin',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', file: ':memory:' });
  });

  it.each([
    ['postgres://x@y/z', /protocol "postgres:" is not supported/],
    ['mysql://localhost', /must name a host and a database/],
    ['not a url', /not a valid URL/],
    ['sqlite:', /names no file/],
  ])('refuses DATABASE_URL %s with a clear message', (url, message) => {
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(message);
  });

  it('refuses a bad port, a bad JWT_TTL and a missing JWT_SECRET in production', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ JWT_TTL: 'soon' })).toThrow(/JWT_TTL "soon" is not a duration/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(loadConfig({ JWT_TTL: '30m' }).jwtTtlSeconds).toBe(1800);
  });

  it('never seeds demo data in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).seedDemoData).toBe(false);
  });

  it('serves GraphiQL in development, and in production only with GRAPHIQL=on', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig({}).graphiql).toBe(true);
    expect(loadConfig({ GRAPHIQL: 'off' }).graphiql).toBe(false);
    expect(loadConfig(production).graphiql).toBe(false);
    expect(loadConfig({ ...production, GRAPHIQL: 'on' }).graphiql).toBe(true);
    expect(loadConfig({ ...production, GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(() => loadConfig({ GRAPHIQL: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ GRAPHIQL: 'yes' })).toThrow(/GRAPHIQL must be on or off/);
  });
});
