import { ConfigError, loadConfig } from '../src/config';
import { judgeReplication } from '../src/replicas';

const PRIMARY = 'mysql://jalin:pw@db1.local:3306/jalin';

describe('DATABASE_REPLICA_URLS', () => {
  it('is off by default', () => {
    expect(loadConfig({ DATABASE_URL: PRIMARY }).readReplicas).toBeNull();
    expect(loadConfig({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: ' , ' }).readReplicas).toBeNull();
  });

  it('reads comma-separated replica URLs, the lag bound and the check interval', () => {
    const config = loadConfig({
      DATABASE_URL: PRIMARY,
      DATABASE_REPLICA_URLS: 'mysql://reader:pw@db2.local/jalin, mysql://reader:p%40w@db3.local:3307/jalin',
      DATABASE_REPLICA_MAX_LAG: '30',
      DATABASE_REPLICA_CHECK_INTERVAL: '0.5',
    });
    expect(config.readReplicas).toMatchObject({
      databases: [
        { dialect: 'mysql', host: 'db2.local', port: 3306, user: 'reader', password: 'pw', database: 'jalin' },
        { dialect: 'mysql', host: 'db3.local', port: 3307, user: 'reader', password: 'p@w', database: 'jalin' },
      ],
      maxLagSeconds: 30,
      checkIntervalMs: 500,
    });
    expect(loadConfig({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'mysql://r@db2.local/jalin' }).readReplicas).toMatchObject({ maxLagSeconds: 10, checkIntervalMs: 2000 });
  });

  it.each([
    [{ DATABASE_REPLICA_URLS: 'mysql://r@db2.local/jalin' }, /SQLite database has no replicas/],
    [{ DATABASE_URL: 'sqlite::memory:', DATABASE_REPLICA_URLS: 'mysql://r@db2.local/jalin' }, /SQLite database has no replicas/],
    [{ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'mysql://r@db2.local/jalin,postgres://r@db3/jalin' }, /entry 2: .*"postgres:" is not supported/],
    [{ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'sqlite:./replica.sqlite' }, /entry 1: a replica is a MariaDB or MySQL server/],
    [{ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'mysql://r@db1.local:3306/jalin' }, /entry 1: db1.local:3306 is the DATABASE_URL server itself/],
    [{ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'mysql://db2.local' }, /entry 1: .*must name a host and a database/],
    [{ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'mysql://r@db2.local/jalin', DATABASE_REPLICA_MAX_LAG: '0' }, /DATABASE_REPLICA_MAX_LAG must be at least 1/],
    [{ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'mysql://r@db2.local/jalin', DATABASE_REPLICA_CHECK_INTERVAL: 'soon' }, /DATABASE_REPLICA_CHECK_INTERVAL/],
  ])('refuses %o with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('whether a replica may be read', () => {
  const row = (overrides: Record<string, unknown> = {}) => ({ Slave_IO_Running: 'Yes', Slave_SQL_Running: 'Yes', Seconds_Behind_Master: 0, ...overrides });

  it('reads a replica that replicates and is within the bound', () => {
    expect(judgeReplication('r', [row({ Seconds_Behind_Master: 10 })], 10)).toEqual({ name: 'r', usable: true, lagSeconds: 10, reason: null });
    // MySQL 8.4 names the columns after the source and the replica.
    expect(judgeReplication('r', [{ Replica_IO_Running: 'Yes', Replica_SQL_Running: 'Yes', Seconds_Behind_Source: 2 }], 10)).toMatchObject({ usable: true, lagSeconds: 2 });
  });

  it.each([
    ['further behind than the bound', [row({ Seconds_Behind_Master: 11 })], /11 s behind the primary \(more than 10 s\)/, 11],
    ['with its SQL thread stopped (lag unknown)', [row({ Slave_SQL_Running: 'No', Seconds_Behind_Master: null })], /replication is stopped/, null],
    ['cut off from the primary', [row({ Slave_IO_Running: 'Connecting', Seconds_Behind_Master: null })], /does not receive from the primary \(IO thread: Connecting\)/, null],
    ['not a replica at all', [], /is not a replica/, null],
    ['with one of two sources behind', [row(), row({ Seconds_Behind_Master: 60 })], /60 s behind/, 60],
  ])('does not read a replica %s', (_name, rows, reason, lag) => {
    const status = judgeReplication('r', rows, 10);
    expect(status).toMatchObject({ usable: false, lagSeconds: lag });
    expect(status.reason).toMatch(reason);
  });
});
