import { testDialects, type Dialect } from './databases';

/** Runs a describe block once per database this run covers (SQLite, and MariaDB in CI). */
export function describeEachDatabase(name: string, body: (dialect: Dialect) => void) {
  describe.each(testDialects())(`${name} [%s]`, (dialect) => body(dialect));
}
