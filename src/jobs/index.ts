import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createMailer, type Mailer } from '../notifications/mailer';
import type { Services } from '../services';
import { expirySweepJob } from './expiry-sweep.job';
import { RemindersJob } from './reminders.job';
import { JobScheduler, type Job, type SchedulerOptions } from './scheduler';

export { JobScheduler, slotOf, type Job, type JobContext, type JobRunResult } from './scheduler';
export { EXPIRY_SWEEP_JOB } from './expiry-sweep.job';
export { REMINDERS_JOB, RemindersJob, MAX_EMAIL_ATTEMPTS } from './reminders.job';

export interface JobDeps {
  dataSource: DataSource;
  services: Pick<Services, 'workflow' | 'notifications'>;
  config: Pick<Config, 'jobs'>;
  /** Null: notifications stay in the app. */
  mailer: Mailer | null;
}

/** Every scheduled job of the API, in the order a tick runs them (expiry first: reminders then see today's statuses). */
export function buildJobs({ dataSource, services, config, mailer }: JobDeps): Job[] {
  return [
    expirySweepJob(services.workflow, config.jobs.expirySweepIntervalMs),
    new RemindersJob(dataSource, services.notifications, { intervalMs: config.jobs.remindersIntervalMs, reminderDays: config.jobs.reminderDays, stuckAfterDays: config.jobs.stuckAfterDays }, mailer),
  ];
}

export interface RunningJobs {
  scheduler: JobScheduler | null;
  stop(): Promise<void>;
}

/**
 * Starts the jobs as configured (JOBS): with `on` or `once`, every job runs for its current slot
 * before this resolves, so the server does not answer before lapsed MoUs are expired; with `on`, the
 * schedule goes on until `stop()`.
 */
export async function startJobs(deps: { dataSource: DataSource; services: Services; config: Config; logger: Logger; scheduler?: Partial<SchedulerOptions> }): Promise<RunningJobs> {
  if (deps.config.jobs.mode === 'off') return { scheduler: null, stop: async () => undefined };
  const mailer = deps.config.mail ? createMailer(deps.config.mail) : null;
  const scheduler = new JobScheduler(deps.dataSource, buildJobs({ ...deps, mailer }), { logger: deps.logger, ...deps.scheduler });
  await scheduler.start({ schedule: deps.config.jobs.mode === 'on' });
  return {
    scheduler,
    stop: async () => {
      await scheduler.stop();
      mailer?.close();
    },
  };
}
