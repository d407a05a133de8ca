import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import {
  ActivityDecision,
  Agreement,
  BoardEventKind,
  ChangeEvent,
  DraftActivity,
  EDITABLE_ACTIVITY_FIELDS,
  FundingSource,
  Opd,
  Role,
  type EditableActivityField,
} from '../entities';
import type { ActivitySnapshot } from '../entities/activity-snapshot';
import { DomainError, ErrorCode, InputReason, badInput } from '../errors';
import { nodeNotFound, toGlobalId } from '../global-id';
import type { Logger } from '../logger';
import type { BoardEventPayload } from '../events/domain-events';
import type { EventBus } from '../events/event-bus';
import type { Actor } from '../events/actor';
import { diffOf, eventBase, type DomainEvent } from '../events/domain-events';
import { isBoardEditable } from './workflow/state-machine';
import { keyBetween } from './order-keys';
import { assertCanActForOpd } from './access-policy';
import { assertActivityValues } from './board/activity-rules';
import { GroupCommitQueue } from './board/group-commit';
import { BoardStatements, type BoardRow } from './board/board-statements';
import { ADDED_ACTIVITY_FIELDS, boardEvent, newDraftActivity } from './board/board-records';
import { SqlSession } from './sql-session';

export type BoardActor = Actor;

/** The mutation behind each kind of board change: the operation its audit entry names. */
const OPERATION_OF_KIND: Record<Exclude<BoardEventKind, BoardEventKind.RESYNC>, string> = {
  [BoardEventKind.ADDED]: 'addDraftActivity',
  [BoardEventKind.UPDATED]: 'updateDraftActivity',
  [BoardEventKind.MOVED]: 'moveDraftActivity',
  [BoardEventKind.REMOVED]: 'removeDraftActivity',
  [BoardEventKind.RESTORED]: 'restoreDraftActivity',
};

/** Told of every acknowledged board change and every VERSION_CONFLICT (the process's metrics). */
export interface BoardChangeObserver {
  boardChanged(kind: string): void;
  boardConflict(): void;
}


export interface NewActivity {
  agreementId: number;
  opdId?: number | null;
  title: string;
  scope?: string | null;
  benefit?: string | null;
  output?: string | null;
  year?: number | null;
  budgetEstimate?: number | null;
  fundingSource?: FundingSource | null;
  afterId?: number | null;
  beforeId?: number | null;
}

/** Only the keys present change; `undefined` means "leave as it is". */
export type ActivityPatch = Partial<Pick<DraftActivity, EditableActivityField>>;

export interface BoardSnapshot {
  agreementId: number;
  seq: number;
  activities: DraftActivity[];
}

interface ChangeResult {
  activity: DraftActivity;
  kind: BoardEventKind;
  changedFields: string[];
  /** The changed fields as they were before (none for an added activity): the audit trail's "before". */
  before?: Partial<Record<EditableActivityField | 'position' | 'removedAt', unknown>>;
  /** The activity's own write, sent together with the board's sequence number and event. */
  write?: () => Promise<unknown>;
}

type Placed = Pick<DraftActivity, 'id' | 'position'>;

/** A change waiting for its agreement's next transaction. */
interface BoardJob {
  agreementId: number;
  actor: BoardActor;
  read: (manager: EntityManager) => Promise<unknown>;
  apply: (manager: EntityManager, state: unknown) => Promise<ChangeResult> | ChangeResult;
  resolve: (activity: DraftActivity) => void;
  reject: (error: unknown) => void;
}

type JobOutcome = { activity: DraftActivity; event: DomainEvent | null } | { error: DomainError };

/** At most this many changes share one transaction (bounds the lock's hold and the INSERT's size). */
const MAX_BATCH = 50;

/**
 * Where an item goes on a board, given the live items in order (without the item itself) and the
 * neighbours the client named. `afterId` is the anchor when it is still there, then `beforeId`;
 * if neither is there any more (moved away or removed), the item goes to the end. Both null: the end.
 */
export function placeBetween(live: Placed[], afterId: number | null, beforeId: number | null): { prev: Placed | null; next: Placed | null } {
  const afterIndex = afterId === null ? -1 : live.findIndex((a) => a.id === afterId);
  if (afterIndex >= 0) return { prev: live[afterIndex], next: live[afterIndex + 1] ?? null };
  const beforeIndex = beforeId === null ? -1 : live.findIndex((a) => a.id === beforeId);
  if (beforeIndex >= 0) return { prev: live[beforeIndex - 1] ?? null, next: live[beforeIndex] };
  return { prev: live.at(-1) ?? null, next: null };
}

export function toEventPayload(event: ChangeEvent): BoardEventPayload {
  return {
    agreementId: event.agreementId,
    seq: event.seq,
    kind: event.kind,
    activityId: event.activityId,
    changedFields: event.changedFields,
    snapshot: event.snapshot,
    actorId: event.actorId,
    at: new Date(event.at).toISOString(),
  };
}

/** A page of the board log (see `eventsAfter`): the columns a replay needs, in sequence order. */
const EVENTS_AFTER_SQL =
  'SELECT `seq`, `kind`, `activityId`, `changedFields`, `snapshot`, `actorId`, `at` FROM `change_event` WHERE `agreementId` = ? AND `seq` > ? AND `seq` <= ? ORDER BY `seq` LIMIT ?';

interface LoggedEventRow {
  seq: number;
  kind: BoardEventKind;
  activityId: number | null;
  changedFields: string;
  snapshot: string;
  actorId: number | null;
  /** MySQL/MariaDB: a Date (the connection's time zone is UTC); SQLite: 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, as TypeORM writes it. */
  at: Date | string;
}

function instantOf(at: Date | string): string {
  return (at instanceof Date ? at : new Date(`${at.replace(' ', 'T')}Z`)).toISOString();
}

const NON_NULL_FIELDS: EditableActivityField[] = ['title', 'scope', 'benefit', 'output', 'decision'];

/**
 * The live co-editing of draft activity lists. Every change is one transaction that locks the
 * agreement row, applies the change, takes the next board sequence number and appends the event;
 * subscribers hear of it only after commit.
 */
export class BoardService {
  private readonly boardOfActivity = new Map<number, number>();
  private readonly sqlite: boolean;
  /** The statements of a change's transaction, prepared through the driver. */
  private readonly statements: BoardStatements;
  /** Changes of one agreement wait here for its next transaction (group commit). */
  private readonly queue: GroupCommitQueue<BoardJob, JobOutcome>;

  /** Told of every acknowledged change and every VERSION_CONFLICT (the process's metrics). */
  observer: BoardChangeObserver | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {
    this.sqlite = dataSource.options.type === 'better-sqlite3';
    this.statements = new BoardStatements(dataSource);
    this.queue = new GroupCommitQueue<BoardJob, JobOutcome>({
      maxBatch: MAX_BATCH,
      commit: (batch) => this.transact(batch),
      settle: (job, outcome) => this.settle(job, outcome),
      fail: (job, error) => this.refuse(job, error),
    });
  }

  /**
   * Reads that must see only committed board state, as one snapshot. TypeORM shares one SQLite
   * connection, so a read in the middle of any transaction would see its uncommitted rows: on SQLite
   * the read is a transaction too, queued with all the others (see createDataSource).
   */
  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.sqlite) return this.dataSource.transaction(work);
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  /** The live items in board order and the sequence number they reflect, read as one snapshot. */
  board(agreementId: number): Promise<BoardSnapshot> {
    return this.read(async (manager) => {
      const agreement = await manager.findOne(Agreement, { where: { id: agreementId }, select: { id: true, boardSeq: true } });
      if (!agreement) throw nodeNotFound('Agreement', agreementId);
      const activities = await manager.find(DraftActivity, {
        where: { agreementId, removedAt: IsNull() },
        order: { position: 'ASC', id: 'ASC' },
      });
      return { agreementId, seq: agreement.boardSeq, activities };
    });
  }

  /** The agreement's last board sequence number, or null when there is no such agreement. */
  currentSeq(agreementId: number): Promise<number | null> {
    return this.read(async (manager) => {
      const agreement = await manager.findOne(Agreement, { where: { id: agreementId }, select: { id: true, boardSeq: true } });
      return agreement ? agreement.boardSeq : null;
    });
  }

  /**
   * Logged events with afterSeq < seq ≤ upToSeq, oldest first, at most `limit`. One statement on
   * the (agreementId, seq) index, outside a transaction (one statement reads one snapshot), read as
   * plain rows: a replay reads thousands, and TypeORM's entity hydration of them cost more than the
   * statement.
   */
  async eventsAfter(agreementId: number, afterSeq: number, upToSeq: number, limit: number): Promise<BoardEventPayload[]> {
    if (upToSeq <= afterSeq) return [];
    const rows: LoggedEventRow[] = await this.dataSource.query(EVENTS_AFTER_SQL, [agreementId, afterSeq, upToSeq, limit]);
    return rows.map((row) => ({
      agreementId,
      seq: Number(row.seq),
      kind: row.kind,
      activityId: row.activityId === null ? null : Number(row.activityId),
      changedFields: JSON.parse(row.changedFields) as string[],
      snapshot: JSON.parse(row.snapshot) as ActivitySnapshot,
      actorId: row.actorId === null ? null : Number(row.actorId),
      at: instantOf(row.at),
    }));
  }

  async add(actor: BoardActor, input: NewActivity): Promise<DraftActivity> {
    assertCanActForOpd(actor, null);
    const { title, scope, benefit, output, year, budgetEstimate } = input;
    assertActivityValues({ title, scope, benefit, output, year, budgetEstimate });
    let opdId = input.opdId ?? null;
    if (actor.role === Role.OPD_EDITOR) {
      opdId ??= actor.opdId;
      assertCanActForOpd(actor, opdId);
    }
    if (opdId === null) throw badInput('Say which OPD proposes the activity (opdId)', { argument: 'opdId', reason: InputReason.REQUIRED });
    if (!(await this.dataSource.getRepository(Opd).existsBy({ id: opdId }))) {
      throw badInput('opdId names no OPD', { argument: 'opdId', reason: InputReason.UNKNOWN_REFERENCE });
    }
    this.assertNeighbourArguments(null, input.afterId ?? null, input.beforeId ?? null);

    const afterId = input.afterId ?? null;
    const beforeId = input.beforeId ?? null;
    const activity = await this.change(input.agreementId, actor, (manager) => this.boardRows(manager, input.agreementId, afterId, beforeId), async (manager, rows) => {
      const live = this.liveAround(rows, afterId, beforeId);
      const { prev, next } = placeBetween(live, input.afterId ?? null, input.beforeId ?? null);
      const activity = newDraftActivity(
        {
          agreementId: input.agreementId,
          opdId,
          title: title.trim(),
          scope: input.scope?.trim() ?? '',
          benefit: input.benefit?.trim() ?? '',
          output: input.output?.trim() ?? '',
          year: input.year ?? null,
          budgetEstimate: input.budgetEstimate ?? null,
          fundingSource: input.fundingSource ?? null,
          position: keyBetween(prev?.position ?? null, next?.position ?? null),
        },
        actor.id,
        new Date(),
      );
      await this.statements.insertActivity(manager, activity);
      return { activity, kind: BoardEventKind.ADDED, changedFields: [...ADDED_ACTIVITY_FIELDS] };
    });
    this.rememberBoard(activity.id, activity.agreementId);
    return activity;
  }

  /**
   * Changes the fields present in the patch. Refused with VERSION_CONFLICT only when a change after
   * `baseVersion` touched one of those same fields; edits to other fields merge.
   */
  async update(actor: BoardActor, id: number, baseVersion: number, patch: ActivityPatch): Promise<DraftActivity> {
    assertCanActForOpd(actor, null);
    const fields = EDITABLE_ACTIVITY_FIELDS.filter((field) => patch[field] !== undefined);
    if (fields.length === 0) throw badInput('The patch changes nothing: give at least one field', { argument: 'patch', reason: InputReason.NOTHING_TO_CHANGE });
    for (const field of fields) {
      if (patch[field] === null && NON_NULL_FIELDS.includes(field)) throw badInput(`${field} may not be null`, { argument: field, reason: InputReason.REQUIRED });
    }
    assertActivityValues(patch);
    if (patch.decision === ActivityDecision.REMOVED) {
      throw badInput('Use removeDraftActivity to remove an activity; decision takes PROPOSED or ACCEPTED', { argument: 'decision' });
    }
    const values: ActivityPatch = {};
    for (const field of fields) {
      const value = patch[field];
      (values as Record<string, unknown>)[field] = typeof value === 'string' ? value.trim() : value;
    }

    const agreementId = await this.agreementOfActivity(id);
    return this.change(agreementId, actor, (manager) => this.readActivity(manager, id, agreementId), async (manager, row) => {
      const activity = await this.checkedActivity(manager, actor, id, row);
      if (baseVersion > activity.version) {
        throw badInput(`baseVersion ${baseVersion} is newer than the activity (version ${activity.version})`, { argument: 'baseVersion' });
      }
      const conflicting = fields.filter((field) => (activity.fieldVersions[field] ?? 0) > baseVersion);
      if (conflicting.length) {
        throw new DomainError(
          ErrorCode.VERSION_CONFLICT,
          `Someone else changed ${conflicting.join(', ')} of this activity after version ${baseVersion}; look at the current text and try again`,
          { current: await activityView(manager, activity), fields: conflicting },
        );
      }
      const changed = fields.filter((field) => values[field] !== activity[field]);
      if (changed.length === 0) return { activity, kind: BoardEventKind.UPDATED, changedFields: [] };
      const before = Object.fromEntries(changed.map((field) => [field, activity[field]]));
      activity.version += 1;
      for (const field of changed) {
        (activity as unknown as Record<string, unknown>)[field] = values[field];
        activity.fieldVersions = { ...activity.fieldVersions, [field]: activity.version };
      }
      const write = this.activityWrite(manager, activity, actor, [...changed, 'fieldVersions']);
      return { activity, kind: BoardEventKind.UPDATED, changedFields: changed, before, write };
    });
  }

  /** Moves an item between the neighbours the client names, as they are now (see `placeBetween`). */
  async move(actor: BoardActor, id: number, afterId: number | null, beforeId: number | null): Promise<DraftActivity> {
    assertCanActForOpd(actor, null);
    this.assertNeighbourArguments(id, afterId, beforeId);
    const agreementId = await this.agreementOfActivity(id);
    const read = (manager: EntityManager) => Promise.all([this.readActivity(manager, id, agreementId), this.boardRows(manager, agreementId, afterId, beforeId)]);
    return this.change(agreementId, actor, read, async (manager, [row, rows]) => {
      const activity = await this.checkedActivity(manager, actor, id, row);
      const all = this.liveAround(rows, afterId, beforeId);
      const index = all.findIndex((a) => a.id === id);
      const live = all.filter((a) => a.id !== id);
      const { prev, next } = placeBetween(live, afterId, beforeId);
      // Already there: nothing to record.
      if ((all[index - 1]?.id ?? null) === (prev?.id ?? null) && (all[index + 1]?.id ?? null) === (next?.id ?? null)) {
        return { activity, kind: BoardEventKind.MOVED, changedFields: [] };
      }
      const before = { position: activity.position };
      activity.position = keyBetween(prev?.position ?? null, next?.position ?? null);
      activity.version += 1;
      const write = this.activityWrite(manager, activity, actor, ['position']);
      return { activity, kind: BoardEventKind.MOVED, changedFields: ['position'], before, write };
    });
  }

  /** Soft delete: the activity leaves the board but keeps its history and can be restored. */
  async remove(actor: BoardActor, id: number): Promise<DraftActivity> {
    assertCanActForOpd(actor, null);
    const agreementId = await this.agreementOfActivity(id);
    return this.change(agreementId, actor, (manager) => this.readActivity(manager, id, agreementId), async (manager, row) => {
      const activity = await this.checkedActivity(manager, actor, id, row);
      activity.removedAt = new Date();
      activity.version += 1;
      const write = this.activityWrite(manager, activity, actor, ['removedAt']);
      return { activity, kind: BoardEventKind.REMOVED, changedFields: ['removedAt'], before: { removedAt: null }, write };
    });
  }

  /** Brings a removed activity back at its old place if no live item took that key, else at the end. */
  async restore(actor: BoardActor, id: number): Promise<DraftActivity> {
    assertCanActForOpd(actor, null);
    const agreementId = await this.agreementOfActivity(id);
    const read = (manager: EntityManager) => Promise.all([this.readActivity(manager, id, agreementId), this.boardRows(manager, agreementId, null, null)]);
    return this.change(agreementId, actor, read, async (manager, [row, live]) => {
      const activity = await this.checkedActivity(manager, actor, id, row, { allowRemoved: true });
      if (!activity.removedAt) throw badInput('The activity is not removed: there is nothing to restore', { argument: 'id', reason: InputReason.NOTHING_TO_CHANGE });
      const changedFields = ['removedAt'];
      const before = { removedAt: activity.removedAt, position: activity.position };
      if (live.some((a) => a.position === activity.position)) {
        activity.position = keyBetween(live.at(-1)?.position ?? null, null);
        changedFields.push('position');
      }
      activity.removedAt = null;
      activity.version += 1;
      const write = this.activityWrite(manager, activity, actor, changedFields as (keyof DraftActivity)[]);
      return { activity, kind: BoardEventKind.RESTORED, changedFields, before, write };
    });
  }

  /**
   * One board change: serialized per agreement (in-process queue, then the agreement's row lock on
   * MySQL), checked, applied, numbered and logged in a transaction; published after commit. When
   * `apply` reports no changed field, nothing is recorded (no event, no sequence number).
   *
   * Group commit (both databases): the changes queued for one agreement while a transaction runs go together
   * in the next one: one lock, one `boardSeq` update, one multi-row event INSERT, one COMMIT. Each
   * change still reads the board as the ones before it left it, under the lock, and is refused
   * (throwing before it writes anything) on its own; its caller hears only after the shared commit.
   * A batch that fails for any reason other than a refusal is rolled back and its changes are run
   * again one by one, so one change's database error never fails another.
   *
   * `read` fetches what `apply` needs; the first change's read goes out with the lock statement, on
   * the same connection, which runs it once the lock is granted.
   */
  private change<S>(
    agreementId: number,
    actor: BoardActor,
    read: (manager: EntityManager) => Promise<S>,
    apply: (manager: EntityManager, state: S) => Promise<ChangeResult> | ChangeResult,
  ): Promise<DraftActivity> {
    // On SQLite the batches' transactions then queue at the one connection (createDataSource): the
    // changes that arrive for an agreement while it waits go together, with one COMMIT (one fsync).
    const key = `agreement:${agreementId}`;
    return new Promise<DraftActivity>((resolve, reject) => {
      this.queue.enqueue(key, { agreementId, actor, read, apply: apply as BoardJob['apply'], resolve, reject });
    });
  }

  /** Answers a change after its batch committed: refused, or acknowledged (and published, in number order). */
  private settle(job: BoardJob, outcome: JobOutcome) {
    if ('error' in outcome) {
      this.refuse(job, outcome.error);
      return;
    }
    if (outcome.event) {
      if (outcome.event.type === 'BoardChanged') this.observer?.boardChanged(outcome.event.board.kind);
      this.events.publish([outcome.event]);
      if (outcome.event.type === 'BoardChanged') this.logger.debug({ agreementId: job.agreementId, seq: outcome.event.board.seq, kind: outcome.event.board.kind }, 'board change');
    }
    job.resolve(outcome.activity);
  }

  private refuse(job: BoardJob, error: unknown) {
    if (error instanceof DomainError && error.code === ErrorCode.VERSION_CONFLICT) this.observer?.boardConflict();
    job.reject(error);
  }

  /** The batch's transaction: all its jobs are of one agreement. */
  private transact(batch: BoardJob[]): Promise<JobOutcome[]> {
    const { agreementId } = batch[0];
    return this.dataSource.transaction(async (manager) => {
      const [agreement, firstState] = await Promise.all([this.statements.lock(manager, agreementId), batch[0].read(manager)]);
      if (!agreement) throw nodeNotFound('Agreement', agreementId);
      if (!isBoardEditable(agreement.status)) {
        throw new DomainError(
          ErrorCode.BOARD_LOCKED,
          `The activity list of this agreement can be changed only while it is being drafted (PLAN_DRAFTING); it is ${agreement.status}`,
          { agreementId: toGlobalId('Agreement', agreementId), status: agreement.status },
        );
      }
      const outcomes: JobOutcome[] = [];
      const events: ChangeEvent[] = [];
      let seq = agreement.boardSeq;
      for (const [index, job] of batch.entries()) {
        let result: ChangeResult;
        try {
          const state = index === 0 ? firstState : await job.read(manager);
          result = await job.apply(manager, state);
        } catch (error) {
          // A refusal throws before its change writes anything: the batch goes on without it.
          if (!(error instanceof DomainError) || batch.length === 1) throw error;
          outcomes.push({ error });
          continue;
        }
        if (!result.changedFields.length) {
          outcomes.push({ activity: result.activity, event: null });
          continue;
        }
        await result.write?.();
        seq += 1;
        const event = boardEvent({
          agreementId,
          seq,
          kind: result.kind,
          activity: result.activity,
          changedFields: result.changedFields,
          actorId: job.actor.id,
          at: new Date(),
          // The drafting meeting in progress, read with the lock (which opening and closing a meeting
          // take too): its changes are exactly those committed while it ran.
          meetingId: agreement.meetingId,
        });
        events.push(event);
        const board = toEventPayload(event);
        const diff = diffOf(result.before ?? null, board.snapshot, result.changedFields);
        const operation = OPERATION_OF_KIND[result.kind as keyof typeof OPERATION_OF_KIND];
        outcomes.push({
          activity: result.activity,
          event: { type: 'BoardChanged', agreementId, board, ...eventBase(job.actor, operation, { type: 'DraftActivity', id: result.activity.id }, diff) },
        });
      }
      if (events.length) {
        await Promise.all([this.statements.advanceBoard(manager, agreementId, seq), this.statements.appendEvents(manager, events)]);
        // The audit trail's entries, in this transaction, one per change in number order.
        await this.events.flushBeforeCommit(
          manager,
          outcomes.flatMap((outcome) => ('event' in outcome && outcome.event ? [outcome.event] : [])),
        );
        // What is still deferred goes before COMMIT.
        await SqlSession.of(manager).flush();
      }
      return outcomes;
    });
  }

  /** What `setEditing` may announce: an activity of this board the user may edit, and one of its fields. */
  async assertEditingTarget(actor: BoardActor, agreementId: number, activityId: number | null, field: string | null): Promise<void> {
    if (field !== null && !(EDITABLE_ACTIVITY_FIELDS as readonly string[]).includes(field)) {
      throw badInput(`field must be one of ${EDITABLE_ACTIVITY_FIELDS.join(', ')}`, { argument: 'field' });
    }
    if (field !== null && activityId === null) throw badInput('Name the activity whose field you are editing', { argument: 'activityId' });
    if (!(await this.dataSource.getRepository(Agreement).existsBy({ id: agreementId }))) throw nodeNotFound('Agreement', agreementId);
    if (activityId === null) return;
    const activity = await this.dataSource.getRepository(DraftActivity).findOneBy({ id: activityId, agreementId });
    if (!activity) throw badInput('activityId is not an activity of this board', { argument: 'activityId', reason: InputReason.UNKNOWN_REFERENCE });
    assertCanActForOpd(actor, activity.opdId);
    if (activity.removedAt) {
      throw new DomainError(ErrorCode.ACTIVITY_REMOVED, 'The activity was removed from the board', { activityId: toGlobalId('DraftActivity', activityId) });
    }
  }

  /**
   * The board an activity is on. An activity never moves to another agreement, so the answer is
   * remembered (bounded): a change then goes straight to the agreement's lock.
   */
  private async agreementOfActivity(id: number): Promise<number> {
    const known = this.boardOfActivity.get(id);
    if (known !== undefined) return known;
    const row = await this.dataSource.getRepository(DraftActivity).findOne({ where: { id }, select: { id: true, agreementId: true } });
    if (!row) throw nodeNotFound('DraftActivity', id);
    this.rememberBoard(id, row.agreementId);
    return row.agreementId;
  }

  private rememberBoard(activityId: number, agreementId: number) {
    if (this.boardOfActivity.size >= 100_000) this.boardOfActivity.clear();
    this.boardOfActivity.set(activityId, agreementId);
  }

  private readActivity(manager: EntityManager, id: number, agreementId: number): Promise<DraftActivity | null> {
    return this.statements.activity(manager, id, agreementId);
  }

  /** The activity read under the agreement's lock, after the access and removal checks. */
  private async checkedActivity(
    manager: EntityManager,
    actor: BoardActor,
    id: number,
    activity: DraftActivity | null,
    options: { allowRemoved?: boolean } = {},
  ): Promise<DraftActivity> {
    if (!activity) throw nodeNotFound('DraftActivity', id);
    assertCanActForOpd(actor, activity.opdId);
    if (activity.removedAt && !options.allowRemoved) {
      throw new DomainError(ErrorCode.ACTIVITY_REMOVED, 'The activity was removed from the board; restore it first', {
        activityId: toGlobalId('DraftActivity', id),
        current: await activityView(manager, activity),
      });
    }
    return activity;
  }

  /** The live items in board order and, in the same statement, the neighbours the client named. */
  private boardRows(manager: EntityManager, agreementId: number, afterId: number | null, beforeId: number | null): Promise<BoardRow[]> {
    return this.statements.boardRows(manager, agreementId, [afterId, beforeId].filter((x): x is number => x !== null));
  }

  /** The live items of `boardRows`; the named neighbours must be activities of this board (removed ones count: they may have just gone). */
  private liveAround(rows: BoardRow[], afterId: number | null, beforeId: number | null): Placed[] {
    for (const [argument, neighbour] of [['afterId', afterId], ['beforeId', beforeId]] as const) {
      if (neighbour !== null && !rows.some((row) => row.id === neighbour)) {
        throw badInput(`${argument} is not an activity of this board`, { argument, reason: InputReason.UNKNOWN_REFERENCE });
      }
    }
    return rows.filter((row) => row.removedAt === null).map(({ id, position }) => ({ id, position }));
  }

  /**
   * Stamps the activity with its author and time now, and returns the one UPDATE that writes the
   * given columns with its version, author and time: no read before or after (TypeORM's save would
   * do both). The activity returned and logged is then exactly the row.
   */
  private activityWrite(manager: EntityManager, activity: DraftActivity, actor: BoardActor, columns: (keyof DraftActivity)[]): () => Promise<unknown> {
    activity.updatedById = actor.id;
    activity.updatedAt = new Date();
    const written = [...columns, 'version', 'updatedById', 'updatedAt'] as const;
    return () => this.statements.updateActivity(manager, activity, written);
  }

  private assertNeighbourArguments(id: number | null, afterId: number | null, beforeId: number | null) {
    if (id !== null && afterId === id) throw badInput('An activity cannot be placed after itself', { argument: 'afterId' });
    if (id !== null && beforeId === id) throw badInput('An activity cannot be placed before itself', { argument: 'beforeId' });
    if (afterId !== null && afterId === beforeId) throw badInput('afterId and beforeId name the same activity', { argument: 'beforeId' });
  }
}

/**
 * The activity as a refused client needs it to redo its edit (`extensions.current` of VERSION_CONFLICT
 * and ACTIVITY_REMOVED): the fields of the GraphQL `DraftActivity` under the same names, ids as global
 * ids, the OPD as `{ id, code }`, instants as ISO strings. The README documents this shape.
 */
export async function activityView(manager: EntityManager, activity: DraftActivity) {
  const opd = await manager.findOne(Opd, { where: { id: activity.opdId }, select: { id: true, code: true } });
  return {
    id: toGlobalId('DraftActivity', activity.id),
    agreement: { id: toGlobalId('Agreement', activity.agreementId) },
    opd: { id: toGlobalId('Opd', activity.opdId), code: opd?.code ?? null },
    title: activity.title,
    scope: activity.scope,
    benefit: activity.benefit,
    output: activity.output,
    year: activity.year,
    budgetEstimate: activity.budgetEstimate,
    fundingSource: activity.fundingSource,
    decision: activity.decision,
    position: activity.position,
    version: activity.version,
    removedAt: activity.removedAt ? new Date(activity.removedAt).toISOString() : null,
    createdAt: new Date(activity.createdAt).toISOString(),
    updatedAt: new Date(activity.updatedAt).toISOString(),
  };
}

/** The activity as a logged event saw it (dates back to Date objects). */
export function activityFromSnapshot(snapshot: ActivitySnapshot): DraftActivity {
  return Object.assign(new DraftActivity(), {
    ...snapshot,
    createdAt: new Date(snapshot.createdAt),
    updatedAt: new Date(snapshot.updatedAt),
    removedAt: snapshot.removedAt ? new Date(snapshot.removedAt) : null,
  });
}
