import { z } from 'zod';

/**
 * `connectionParams.boardResume`: how far a client has got on each board it follows, sent again at
 * every (re)connect. graphql-ws's own retry re-sends each subscription exactly as it was first sent,
 * with its first `afterSeq`; a client that gives `connectionParams` as a function hands the server
 * its progress at each connect instead, and every `boardEvents` of that connection resumes after it.
 *
 * The keys are the `agreementId` strings the client subscribes with (whatever form the ids take),
 * the values the last `seq` the client has applied.
 */
export type BoardResume = ReadonlyMap<string, number>;

/** More boards than a client can follow on one socket would be a mistake, not progress. */
export const MAX_BOARD_RESUME_ENTRIES = 100;

const boardResumeSchema = z
  .record(z.string().min(1, 'a key is empty').max(200, 'a key is longer than 200 characters'), z.int().min(0).max(2 ** 31 - 1))
  .refine((value) => Object.keys(value).length <= MAX_BOARD_RESUME_ENTRIES, `more than ${MAX_BOARD_RESUME_ENTRIES} boards`);

/**
 * Reads `boardResume` from a connection's params: absent is none; anything but an object of board
 * id → non-negative integer is refused with a message that says what is wrong.
 */
export function parseBoardResume(value: unknown): { ok: true; resume: BoardResume | undefined } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, resume: undefined };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'connectionParams.boardResume must be an object of agreementId → last seq' };
  }
  const parsed = boardResumeSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at "${String(issue.path[0]).slice(0, 20)}"` : '';
    return { ok: false, message: `connectionParams.boardResume${where}: ${issue.message}` };
  }
  return { ok: true, resume: new Map(Object.entries(parsed.data)) };
}

/**
 * Where a board subscription starts: after the later of the operation's `afterSeq` and the
 * connection's progress for that board (a resent operation carries its first `afterSeq`, which the
 * client has long passed). Null (neither given) means from now.
 */
export function resumePoint(afterSeq: number | null, resumed: number | undefined): number | null {
  if (resumed === undefined) return afterSeq;
  return afterSeq === null ? resumed : Math.max(afterSeq, resumed);
}
