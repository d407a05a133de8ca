/**
 * A separate process that sweeps lapsed MoUs once, on the database named by DATABASE_URL: it
 * prints "ready" when connected, sweeps when it reads a line on stdin, prints {"expired": n}, exits.
 * The expiry test starts several, to sweep concurrently from real other processes.
 */
import 'reflect-metadata';
import readline from 'node:readline';
import { createPubSub } from '@graphql-yoga/subscription';
import { parseDatabaseUrl } from '../../src/config';
import { createDataSource, detectDatabaseFlavor } from '../../src/data-source';
import { createLogger } from '../../src/logger';
import { createServices } from '../../src/services';
import { EventBus } from '../../src/events/event-bus';
import { databaseNamespace, type Topics } from '../../src/events/topics';

async function main() {
  const dataSource = createDataSource(await detectDatabaseFlavor(parseDatabaseUrl(process.env.DATABASE_URL!)));
  await dataSource.initialize();
  const logger = createLogger('silent');
  // The services as the server builds them, so that a sweep here writes its audit entries too.
  const events = new EventBus(createPubSub<Topics>(), databaseNamespace(dataSource.options as never), logger);
  const { workflow } = createServices({ dataSource, events, logger, auth: { jwtSecret: 'sweeper', jwtTtlSeconds: 60 } });
  process.stdout.write('ready\n');
  const lines = readline.createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
  const expired = await workflow.expireLapsed();
  process.stdout.write(`${JSON.stringify({ expired })}\n`);
  await dataSource.destroy();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
