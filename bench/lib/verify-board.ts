import type { Ack } from './board-ops';
import { TEXT_FIELDS } from './board-ops';
import type { SqlRunner } from './sql';

export interface BoardCheck {
  acknowledged: number;
  /** Acknowledged changes with no event (activity id + version) in change_event. */
  lostAcks: number;
  /** Fields or positions whose final value is not the last acknowledged one. */
  lostEffects: number;
  /** Events in the log that no editor saw acknowledged (only possible when requests failed). */
  unacknowledgedEvents: number;
  /** Boards whose new events are not numbered seqBefore+1 … boardSeq without a gap. */
  gappedBoards: number;
  examples: string[];
}

/**
 * Nothing acknowledged was lost: every acknowledged change has its event in change_event (the
 * activity at the version the client was told), the boards' sequences have no gap, and the final
 * rows show the last acknowledged value of every field written and the last acknowledged position.
 */
export async function verifyBoards(db: SqlRunner, seqBefore: Map<number, number>, versionsBefore: Map<number, number>, acks: Ack[]): Promise<BoardCheck> {
  const check: BoardCheck = { acknowledged: acks.length, lostAcks: 0, lostEffects: 0, unacknowledgedEvents: 0, gappedBoards: 0, examples: [] };
  const note = (text: string) => check.examples.length < 5 && check.examples.push(text);
  // Every activity version the log knows, whenever it was written: a move that changes nothing may
  // be acknowledged with the version an earlier run left.
  const logged = new Set<string>();
  const acknowledged = new Set(acks.map((a) => `${a.activityId}@${a.version}`));
  for (const [agreementId, before] of seqBefore) {
    const [{ boardSeq }] = await db.query<{ boardSeq: number }>('SELECT `boardSeq` FROM `agreement` WHERE `id` = ?', [agreementId]);
    const events = await db.query<{ seq: number; activityId: number; snapshot: string }>('SELECT `seq`, `activityId`, `snapshot` FROM `change_event` WHERE `agreementId` = ? ORDER BY `seq`', [
      agreementId,
    ]);
    const fresh = events.filter((e) => Number(e.seq) > before);
    if (fresh.length !== Number(boardSeq) - before || fresh.some((e, i) => Number(e.seq) !== before + 1 + i)) {
      check.gappedBoards++;
      note(`board ${agreementId}: ${fresh.length} events for seq ${before + 1}..${boardSeq}`);
    }
    for (const event of events) {
      const snapshot = (typeof event.snapshot === 'string' ? JSON.parse(event.snapshot) : event.snapshot) as { version: number };
      const key = `${event.activityId}@${snapshot.version}`;
      logged.add(key);
      if (Number(event.seq) > before && !acknowledged.has(key)) check.unacknowledgedEvents++;
    }
  }
  for (const ack of acks) {
    // A move to where the activity already is changes nothing and may be answered with the version it had.
    const unchanged = ack.op === 'move' && versionsBefore.get(ack.activityId) === ack.version;
    if (!unchanged && !logged.has(`${ack.activityId}@${ack.version}`)) {
      check.lostAcks++;
      note(`${ack.op} of activity ${ack.activityId} acknowledged at version ${ack.version} has no event`);
    }
  }

  const byActivity = new Map<number, Ack[]>();
  for (const ack of acks) byActivity.set(ack.activityId, [...(byActivity.get(ack.activityId) ?? []), ack]);
  const ids = [...byActivity.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.query<Record<string, string | number>>(
      `SELECT \`id\`, \`title\`, \`scope\`, \`benefit\`, \`output\`, \`position\`, \`version\` FROM \`draft_activity\` WHERE \`id\` IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    const found = new Map(rows.map((r) => [Number(r.id), r]));
    for (const id of chunk) {
      const row = found.get(id);
      const history = byActivity.get(id)!.sort((a, b) => a.version - b.version);
      const last = history.at(-1)!;
      if (!row) {
        check.lostEffects++;
        note(`activity ${id} is gone`);
        continue;
      }
      // A later version than any acknowledged one can only come from a request whose answer was lost.
      if (Number(row.version) === last.version && row.position !== last.position) {
        check.lostEffects++;
        note(`activity ${id}: position ${row.position}, last acknowledged ${last.position}`);
      }
      if (Number(row.version) < last.version) {
        check.lostEffects++;
        note(`activity ${id}: version ${row.version} < acknowledged ${last.version}`);
      }
      for (const field of TEXT_FIELDS) {
        const writer = history.filter((a) => a.written[field] !== undefined).at(-1);
        if (writer && Number(row.version) === last.version && row[field] !== writer.written[field]) {
          check.lostEffects++;
          note(`activity ${id}: ${field} is "${row[field]}", last acknowledged "${writer.written[field]}"`);
        }
      }
    }
  }
  return check;
}
