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
import { AgreementWorkflowService } from '../../src/services/agreement-workflow.service';
import type { Topics } from '../../src/events/topics';

async function main() {
  const dataSource = createDataSource(await detectDatabaseFlavor(parseDatabaseUrl(process.env.DATABASE_URL!)));
  await dataSource.initialize();
  const workflow = new AgreementWorkflowService(dataSource, createPubSub<Topics>(), createLogger('silent'));
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
