/**
 * A separate process that runs the API's scheduled jobs on the database named by DATABASE_URL, as
 * a server process would, but on a clock the test sets: it prints "ready" when connected; for each
 * line on stdin (an ISO instant) it runs every due job at that instant and prints the results as
 * one JSON line; it exits when stdin closes. The jobs test starts two, to run the same slot at once.
 */
import 'reflect-metadata';
import readline from 'node:readline';
import { createPubSub } from '@graphql-yoga/subscription';
import { DEFAULT_JOBS, parseDatabaseUrl } from '../../src/config';
import { createDataSource, detectDatabaseFlavor } from '../../src/data-source';
import { createLogger } from '../../src/logger';
import { buildJobs, JobScheduler } from '../../src/jobs';
import { AgreementWorkflowService } from '../../src/services/agreement-workflow.service';
import { NotificationService } from '../../src/services/notification.service';
import { databaseNamespace, type Topics } from '../../src/events/topics';
import { EventBus } from '../../src/events/event-bus';
import { AuditTrailService } from '../../src/services/audit-trail.service';

async function main() {
  // TypeORM's own logger prints failed statements on stdout, where the answers go: to stderr instead.
  const quiet = {
    logQuery() {},
    logQueryError(error: string | Error, query: string) {
      process.stderr.write(`jobs process: query failed: ${query}: ${String(error)}\n`);
    },
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
  const dataSource = createDataSource(await detectDatabaseFlavor(parseDatabaseUrl(process.env.DATABASE_URL!)), { logger: quiet });
  await dataSource.initialize();
  const logger = createLogger('silent');
  // As in the server: events published after commit, the audit trail appended before it.
  const events = new EventBus(createPubSub<Topics>(), databaseNamespace(dataSource.options as never), logger);
  events.beforeCommit(new AuditTrailService(dataSource, dataSource).append);
  const services = {
    workflow: new AgreementWorkflowService(dataSource, events, logger),
    notifications: new NotificationService(dataSource, dataSource, events, logger),
  };
  const scheduler = new JobScheduler(dataSource, buildJobs({ dataSource, services, config: { jobs: DEFAULT_JOBS }, mailer: null }), { logger });
  process.stdout.write('ready\n');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    const results = await scheduler.runDue(new Date(line.trim()));
    process.stdout.write(`${JSON.stringify({ holder: scheduler.holder, results })}\n`);
  }
  await dataSource.destroy();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
