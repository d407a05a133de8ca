/**
 * No response may carry internals: a stack trace, a source position, SQL, a driver's error name or
 * code, or a path into node_modules. One pattern for every test that checks this.
 */
const INTERNALS = /stacktrace|\bat .+\.(ts|js):\d+|\.ts:\d|SELECT |INSERT |UPDATE .+ SET |QueryFailedError|node_modules|SQLITE_|\bER_[A-Z]|sqlite|mysql/i;

export function expectNoInternals(body: unknown) {
  expect(JSON.stringify(body)).not.toMatch(INTERNALS);
}
