import type { AgreementWorkflowService } from '../services/agreement-workflow.service';
import { toIsoDate } from '../services/dates';
import type { Job } from './scheduler';

export const EXPIRY_SWEEP_JOB = 'expiry-sweep';

/**
 * Moves MoUs whose expiry day has passed to EXPIRED (AgreementWorkflowService.expireLapsed, which
 * is itself safe against concurrent sweepers). Slots divide a day, so one starts at 00:00 UTC, the
 * moment MoUs lapse; each process also runs it at start-up, before it listens (runAtStartup).
 */
export function expirySweepJob(workflow: AgreementWorkflowService, intervalMs: number): Job {
  return {
    name: EXPIRY_SWEEP_JOB,
    intervalMs,
    // expireLapsed's conditional UPDATE lets any number of sweeps run at once without doubling a step.
    runAtStartup: true,
    async run({ now }) {
      const expired = await workflow.expireLapsed(undefined, toIsoDate(now));
      return `${expired} MoU(s) expired`;
    },
  };
}
