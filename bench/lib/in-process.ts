import { startServer, type RunningServer } from '../../src/server';
import { loadConfig } from '../../src/config';
import { BENCH_JWT_SECRET } from './process';
import { SqlCounter } from '../../src/sql-counter';

/**
 * The same server started inside the bench process with a counting TypeORM logger, to count the SQL
 * statements that one request costs. Only for counting: nothing is timed while it runs.
 */
export async function withCountingServer<T>(databaseUrl: string, work: (server: RunningServer, counter: SqlCounter) => Promise<T>): Promise<T> {
  const counter = new SqlCounter();
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    SEED_DEMO_DATA: 'false',
  });
  const server = await startServer(config, { sqlLogger: counter });
  try {
    return await work(server, counter);
  } finally {
    await server.close();
  }
}

/** POSTs one GraphQL operation and returns its body; a GraphQL error is thrown. */
export async function postGraphql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}
