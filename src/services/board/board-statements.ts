import type { DataSource, EntityManager } from 'typeorm';
import { ChangeEvent, DraftActivity, MeetingState, type AgreementStatus } from '../../entities';
import { lockClause } from '../row-lock';
import { SqlSession, hydrate, persist } from '../sql-session';

/** The agreement row as a board change locks it, with the drafting meeting in progress (its changes are tagged with it). */
export interface LockedBoard {
  status: AgreementStatus;
  boardSeq: number;
  meetingId: number | null;
}

/** An item of the board as placing needs it; removed ones are read only when named as neighbours. */
export type BoardRow = Pick<DraftActivity, 'id' | 'position' | 'removedAt'>;

/** The activity columns written when an activity is added: all but the generated id. */
const INSERTED_ACTIVITY_COLUMNS = [
  'agreementId', 'opdId', 'title', 'scope', 'benefit', 'output', 'year', 'budgetEstimate', 'fundingSource',
  'decision', 'position', 'version', 'fieldVersions', 'removedAt', 'updatedById', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof DraftActivity)[];

const EVENT_COLUMNS = ['agreementId', 'seq', 'kind', 'activityId', 'changedFields', 'snapshot', 'actorId', 'at', 'meetingId'] as const satisfies readonly (keyof ChangeEvent)[];

const list = (columns: readonly string[]) => columns.map((column) => `\`${column}\``).join(', ');
const placeholders = (count: number) => `(${Array.from({ length: count }, () => '?').join(', ')})`;

/**
 * Every statement of a board change's transaction (BoardService), typed, for both databases, sent as
 * prepared statements through the driver (SqlSession). One statement per step:
 *
 * - `lock`: the agreement's status and board sequence number, locked (row-lock.ts), with the id of the drafting meeting in progress read in
 *   the same statement, under the same lock (opening and closing a meeting take it too);
 * - `activity`, `boardRows`: what a change reads before it decides;
 * - `insertActivity`, `updateActivity`: its write (the given columns, no read after);
 * - `advanceBoard` and `appendEvents`: the batch's new sequence number and its events, one multi-row INSERT.
 *
 * The writes are deferred (SqlSession.defer): on MySQL they go to the database together with the
 * transaction's next statement that must answer (the next change's read, the audit trail's lock of
 * its chain head), in one round trip; BoardService flushes what is left before COMMIT.
 */
export class BoardStatements {
  private readonly activityColumns: string;

  constructor(private readonly dataSource: DataSource) {
    const metadata = dataSource.getMetadata(DraftActivity);
    this.activityColumns = list(metadata.columns.filter((column) => !column.isVirtual && !column.isVirtualProperty).map((column) => column.databaseName));
  }

  async lock(manager: EntityManager, agreementId: number): Promise<LockedBoard | null> {
    const sql = SqlSession.of(manager);
    const [row] = await sql.all<{ status: AgreementStatus; boardSeq: number | string; meetingId: number | null }>(
      'SELECT `status`, `boardSeq`, (SELECT `meeting`.`id` FROM `meeting` WHERE `meeting`.`agreementId` = `agreement`.`id` AND `meeting`.`state` = ? LIMIT 1) AS `meetingId` ' +
        `FROM \`agreement\` WHERE \`id\` = ?${lockClause(manager)}`,
      [MeetingState.IN_PROGRESS, agreementId],
    );
    return row ? { status: row.status, boardSeq: Number(row.boardSeq), meetingId: row.meetingId === null ? null : Number(row.meetingId) } : null;
  }

  async activity(manager: EntityManager, id: number, agreementId: number): Promise<DraftActivity | null> {
    const [row] = await SqlSession.of(manager).all<Record<string, unknown>>(
      `SELECT ${this.activityColumns} FROM \`draft_activity\` WHERE \`id\` = ? AND \`agreementId\` = ?`,
      [id, agreementId],
    );
    return row ? hydrate(this.dataSource, DraftActivity, row) : null;
  }

  /** The live items in board order and, in the same statement, the named activities of this board even if removed. */
  async boardRows(manager: EntityManager, agreementId: number, named: number[]): Promise<BoardRow[]> {
    const orNamed = named.length ? ` OR (\`agreementId\` = ? AND \`id\` IN (${named.map(() => '?').join(', ')}))` : '';
    const rows = await SqlSession.of(manager).all<Record<string, unknown>>(
      `SELECT \`id\`, \`position\`, \`removedAt\` FROM \`draft_activity\` WHERE (\`agreementId\` = ? AND \`removedAt\` IS NULL)${orNamed} ORDER BY \`position\` ASC, \`id\` ASC`,
      named.length ? [agreementId, agreementId, ...named] : [agreementId],
    );
    return rows.map((row) => hydrate(this.dataSource, DraftActivity, row));
  }

  /** Inserts the activity (every column given, times included) and sets its new id. */
  async insertActivity(manager: EntityManager, activity: DraftActivity): Promise<void> {
    const metadata = this.dataSource.getMetadata(DraftActivity);
    const values = INSERTED_ACTIVITY_COLUMNS.map((column) => persist(this.dataSource, metadata, column, activity[column]));
    const { insertId } = await SqlSession.of(manager).write(
      `INSERT INTO \`draft_activity\` (${list(INSERTED_ACTIVITY_COLUMNS)}) VALUES ${placeholders(INSERTED_ACTIVITY_COLUMNS.length)}`,
      values,
    );
    activity.id = insertId;
  }

  /** Writes the given columns of the activity as they are on the object: one UPDATE, no read (deferred: see SqlSession.defer). */
  async updateActivity(manager: EntityManager, activity: DraftActivity, columns: readonly (keyof DraftActivity)[]): Promise<void> {
    const metadata = this.dataSource.getMetadata(DraftActivity);
    await SqlSession.of(manager).defer(
      `UPDATE \`draft_activity\` SET ${columns.map((column) => `\`${column}\` = ?`).join(', ')} WHERE \`id\` = ?`,
      [...columns.map((column) => persist(this.dataSource, metadata, column, activity[column])), activity.id],
    );
  }

  /**
   * The board's new last sequence number. Only `boardSeq`: the agreement's own `version` and
   * `updatedAt` belong to the agreement (the workflow checks that version); setting updatedAt to
   * itself keeps MySQL's ON UPDATE CURRENT_TIMESTAMP from firing.
   */
  async advanceBoard(manager: EntityManager, agreementId: number, seq: number): Promise<void> {
    await SqlSession.of(manager).defer('UPDATE `agreement` SET `boardSeq` = ?, `updatedAt` = `updatedAt` WHERE `id` = ?', [seq, agreementId]);
  }

  /** The batch's events, in one INSERT (deferred). */
  async appendEvents(manager: EntityManager, events: ChangeEvent[]): Promise<void> {
    const metadata = this.dataSource.getMetadata(ChangeEvent);
    await SqlSession.of(manager).defer(
      `INSERT INTO \`change_event\` (${list(EVENT_COLUMNS)}) VALUES ${events.map(() => placeholders(EVENT_COLUMNS.length)).join(', ')}`,
      events.flatMap((event) => EVENT_COLUMNS.map((column) => persist(this.dataSource, metadata, column, event[column]))),
    );
  }
}
