import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import {
  Agreement,
  AttendanceStatus,
  ChangeEvent,
  DraftActivity,
  Meeting,
  MeetingAgendaItem,
  MeetingAttendance,
  MeetingDecisionNote,
  MeetingState,
  Opd,
} from '../entities';
import { DomainError, ErrorCode, InputReason, badInput, forbidden } from '../errors';
import { nodeNotFound, toGlobalId } from '../global-id';
import type { Logger } from '../logger';
import { assertCanManageRegistry, canActForOpd, canManageRegistry, type Actor } from './access-policy';
import { BEFORE_MOU, isBoardEditable } from './workflow/state-machine';
import { lockAgreement } from './row-lock';
import { boundedText } from './text-rules';
import type { EventBus, UnitOfWork } from '../events/event-bus';
import { diffOf, eventBase } from '../events/domain-events';
import { activityState, computeDecisions, type FrozenDecisions, type OpeningBoard } from './meeting-decisions';

export interface ScheduleMeetingValues {
  agreementId: number;
  title: string;
  heldOn: string;
  startTime?: string | null;
  place: string;
  chairName?: string | null;
  chairOffice: string;
  note?: string | null;
  agenda?: string[] | null;
  invitedOpdIds?: number[] | null;
  invitedPeople?: { name: string; office?: string | null }[] | null;
}

/** A meeting's decisions with the notes taken on them, as the API and the minutes show them. */
export interface MeetingDecisionsView extends FrozenDecisions {
  final: boolean;
  notes: Map<number, string>;
}

const MAX_AGENDA_ITEMS = 30;
const MAX_INVITEES = 100;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const invalid = (message: string, details: Record<string, unknown> = {}) => new DomainError(ErrorCode.INVALID_TRANSITION, message, details);

/** Text as stored (boundedText), and refused when empty if the meeting needs it. */
function bounded(value: string | null | undefined, argument: string, max: number, required = false): string | null {
  if (required && !value?.trim()) throw badInput(`${argument} may not be empty`, { argument, reason: InputReason.REQUIRED });
  return boundedText(value, argument, max);
}

/** The board change's transaction asks this, under the agreement's lock: which meeting to tag the change with. */
export async function meetingInProgress(manager: EntityManager, agreementId: number): Promise<number | null> {
  const row = await manager.findOne(Meeting, { where: { agreementId, state: MeetingState.IN_PROGRESS }, select: { id: true } });
  return row?.id ?? null;
}

/**
 * Drafting meetings: scheduling, the state machine (SCHEDULED → IN_PROGRESS → CLOSED, or CANCELLED),
 * attendance and notes. Every change locks the agreement row, like board changes, so opening and
 * closing fall exactly between two board changes: a change is tagged with the meeting (in its own
 * transaction, see BoardService) if and only if it was committed between opening and closing.
 * `meetingUpdated` is published after commit.
 */
/** The meeting's own columns an audit entry shows before → after. */
const AUDITED_MEETING_FIELDS = ['title', 'heldOn', 'startTime', 'place', 'chairName', 'chairOffice', 'note', 'state', 'openSeq', 'closeSeq', 'cancelReason'] as const;

export class MeetingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: DataSource,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  // ---- changes ----

  async schedule(actor: Actor, values: ScheduleMeetingValues): Promise<Meeting> {
    assertCanManageRegistry(actor);
    const title = bounded(values.title, 'title', 300, true)!;
    const place = bounded(values.place, 'place', 300, true)!;
    const chairOffice = bounded(values.chairOffice, 'chairOffice', 200, true)!;
    const chairName = bounded(values.chairName, 'chairName', 200);
    const note = bounded(values.note, 'note', 1000);
    const startTime = bounded(values.startTime, 'startTime', 5);
    if (startTime !== null && !TIME.test(startTime)) throw badInput(`startTime must be a time written HH:MM (24 hours), got "${startTime}"`, { argument: 'startTime', reason: InputReason.WRONG_FORMAT, format: 'HH:MM' });
    const agenda = (values.agenda ?? []).map((item, index) => bounded(item, `agenda[${index}]`, 300, true)!);
    if (agenda.length > MAX_AGENDA_ITEMS) throw badInput(`An agenda has at most ${MAX_AGENDA_ITEMS} items`, { argument: 'agenda', reason: InputReason.TOO_MANY, max: MAX_AGENDA_ITEMS });
    const opdIds = values.invitedOpdIds ?? [];
    if (new Set(opdIds).size !== opdIds.length) throw badInput('invitedOpdIds names an OPD twice', { argument: 'invitedOpdIds', reason: InputReason.DUPLICATE });
    const people = (values.invitedPeople ?? []).map((person, index) => ({
      name: bounded(person.name, `invitedPeople[${index}].name`, 200, true)!,
      office: bounded(person.office, `invitedPeople[${index}].office`, 200),
    }));
    if (opdIds.length + people.length > MAX_INVITEES) throw badInput(`A meeting has at most ${MAX_INVITEES} invitees`, { argument: 'invitedOpdIds', reason: InputReason.TOO_MANY, max: MAX_INVITEES });

    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const agreement = await lockAgreement(manager, values.agreementId);
      if (!agreement) throw nodeNotFound('Agreement', values.agreementId);
      if (!BEFORE_MOU.includes(agreement.status)) {
        throw invalid(`Drafting meetings are held before the MoU is signed; the agreement is ${agreement.status}`, { status: agreement.status });
      }
      if (opdIds.length) {
        const found = await manager.findBy(Opd, { id: In(opdIds) });
        const unknown = opdIds.filter((id) => !found.some((opd) => opd.id === id));
        if (unknown.length) throw badInput(`OPD ${unknown.map((id) => toGlobalId('Opd', id)).join(', ')} does not exist`, { argument: 'invitedOpdIds', reason: InputReason.UNKNOWN_REFERENCE });
      }
      const saved = await manager.save(
        Meeting,
        manager.create(Meeting, {
          agreementId: agreement.id,
          title,
          heldOn: values.heldOn,
          startTime,
          place,
          chairName,
          chairOffice,
          note,
          state: MeetingState.SCHEDULED,
          openedAt: null,
          openSeq: null,
          closedAt: null,
          closeSeq: null,
          cancelledAt: null,
          cancelReason: null,
          openingBoard: null,
          decisionsSnapshot: null,
          createdById: actor.id,
        }),
      );
      if (agenda.length) await manager.insert(MeetingAgendaItem, agenda.map((item, index) => ({ meetingId: saved.id, position: index + 1, title: item, note: null })));
      const lines = [
        ...opdIds.map((opdId) => ({ opdId, personName: null, personOffice: null })),
        ...people.map((person) => ({ opdId: null, personName: person.name, personOffice: person.office })),
      ];
      if (lines.length) {
        await manager.insert(
          MeetingAttendance,
          lines.map((line, index) => ({ ...line, meetingId: saved.id, position: index + 1, status: AttendanceStatus.INVITED, representedBy: null, recordedById: null })),
        );
      }
      this.record(unit, actor, 'scheduleMeeting', null, saved);
      return saved;
    });
  }

  /** Starts the meeting: only while the agreement's board can be edited, and one at a time per agreement. */
  open(actor: Actor, meetingId: number): Promise<Meeting> {
    assertCanManageRegistry(actor);
    return this.change(actor, 'openMeeting', meetingId, async (manager, meeting, agreement) => {
      if (meeting.state !== MeetingState.SCHEDULED) throw invalid(`Only a SCHEDULED meeting can be opened; this one is ${meeting.state}`, { state: meeting.state });
      if (!isBoardEditable(agreement.status)) {
        throw invalid(
          `A drafting meeting can be opened only while the agreement's activities are being drafted (PLAN_DRAFTING); the agreement is ${agreement.status}`,
          { status: agreement.status },
        );
      }
      const running = await meetingInProgress(manager, agreement.id);
      if (running !== null) {
        throw invalid('Another meeting of this agreement is in progress; close or cancel it first', { meetingId: toGlobalId('Meeting', running) });
      }
      const live = await manager.find(DraftActivity, { where: { agreementId: agreement.id, removedAt: IsNull() }, order: { position: 'ASC', id: 'ASC' } });
      const openingBoard: OpeningBoard = { seq: agreement.boardSeq, activities: live.map(activityState) };
      return { state: MeetingState.IN_PROGRESS, openedAt: new Date(), openSeq: agreement.boardSeq, openingBoard };
    });
  }

  /** Ends the meeting and freezes its decisions, computed from the board events tagged with it. */
  close(actor: Actor, meetingId: number): Promise<Meeting> {
    assertCanManageRegistry(actor);
    return this.change(actor, 'closeMeeting', meetingId, async (manager, meeting, agreement) => {
      if (meeting.state !== MeetingState.IN_PROGRESS) {
        const why = meeting.state === MeetingState.CLOSED ? 'it is already closed' : `it is ${meeting.state}`;
        throw invalid(`Only a meeting in progress can be closed; ${why}`, { state: meeting.state });
      }
      const decisionsSnapshot = await this.decisionsFrom(manager, meeting, agreement.boardSeq);
      return { state: MeetingState.CLOSED, closedAt: new Date(), closeSeq: agreement.boardSeq, decisionsSnapshot };
    });
  }

  cancel(actor: Actor, meetingId: number, reason: string): Promise<Meeting> {
    assertCanManageRegistry(actor);
    const cancelReason = bounded(reason, 'reason', 1000, true);
    return this.change(actor, 'cancelMeeting', meetingId, async (_manager, meeting) => {
      if (meeting.state !== MeetingState.SCHEDULED && meeting.state !== MeetingState.IN_PROGRESS) {
        throw invalid(`Only a scheduled meeting or one in progress can be cancelled; this one is ${meeting.state}`, { state: meeting.state });
      }
      return { state: MeetingState.CANCELLED, cancelledAt: new Date(), cancelReason };
    });
  }

  /** Officers record any line; an OPD editor only its own OPD's. Not once the meeting is closed or cancelled. */
  async recordAttendance(actor: Actor, attendanceId: number, status: AttendanceStatus, representedBy: string | null | undefined): Promise<MeetingAttendance> {
    const by = bounded(representedBy, 'representedBy', 200);
    if (status === AttendanceStatus.REPRESENTED && by === null) throw badInput('Say who represented the invitee (representedBy)', { argument: 'representedBy', reason: InputReason.REQUIRED });
    if (status !== AttendanceStatus.REPRESENTED && by !== null) throw badInput('representedBy is given only with status REPRESENTED', { argument: 'representedBy', reason: InputReason.CONFLICTING_ARGUMENTS });
    const line = await this.dataSource.getRepository(MeetingAttendance).findOneBy({ id: attendanceId });
    if (!line) throw nodeNotFound('MeetingAttendance', attendanceId);
    if (!canActForOpd(actor, line.opdId) || (line.opdId === null && !canManageRegistry(actor))) {
      throw forbidden("An OPD editor records only its own OPD's attendance; officers record any");
    }
    let saved: MeetingAttendance | null = null;
    await this.change(actor, 'recordAttendance', line.meetingId, async (manager, meeting) => {
      if (meeting.state === MeetingState.CLOSED || meeting.state === MeetingState.CANCELLED) {
        throw invalid(`The attendance of a ${meeting.state} meeting can no longer be changed`, { state: meeting.state });
      }
      await manager.update(MeetingAttendance, { id: line.id }, { status, representedBy: by, recordedById: actor.id });
      saved = await manager.findOneByOrFail(MeetingAttendance, { id: line.id });
      return {};
    });
    return saved!;
  }

  async recordAgendaNote(actor: Actor, itemId: number, note: string | null | undefined): Promise<MeetingAgendaItem> {
    assertCanManageRegistry(actor);
    const text = bounded(note, 'note', 2000);
    const item = await this.dataSource.getRepository(MeetingAgendaItem).findOneBy({ id: itemId });
    if (!item) throw nodeNotFound('MeetingAgendaItem', itemId);
    await this.change(actor, 'recordAgendaItemNote', item.meetingId, async (manager, meeting) => {
      if (meeting.state === MeetingState.CANCELLED) throw invalid('The meeting was cancelled: it takes no notes', { state: meeting.state });
      await manager.update(MeetingAgendaItem, { id: item.id }, { note: text });
      return null;
    });
    return this.dataSource.getRepository(MeetingAgendaItem).findOneByOrFail({ id: itemId });
  }

  /** A note on the decision about one activity; an empty note removes it. */
  async recordDecisionNote(actor: Actor, meetingId: number, activityId: number, note: string | null | undefined): Promise<Meeting> {
    assertCanManageRegistry(actor);
    const text = bounded(note, 'note', 2000);
    return this.change(actor, 'recordDecisionNote', meetingId, async (manager, meeting) => {
      if (meeting.state !== MeetingState.IN_PROGRESS && meeting.state !== MeetingState.CLOSED) {
        throw invalid(`Decisions are noted while the meeting is in progress or once it is closed; this one is ${meeting.state}`, { state: meeting.state });
      }
      const activity = await manager.findOneBy(DraftActivity, { id: activityId, agreementId: meeting.agreementId });
      if (!activity) throw badInput('activityId is not an activity of this meeting’s agreement', { argument: 'activityId', reason: InputReason.UNKNOWN_REFERENCE });
      if (meeting.state === MeetingState.CLOSED && !decidedActivityIds(meeting.decisionsSnapshot!).has(activityId)) {
        throw badInput('The meeting took no decision on this activity', { argument: 'activityId' });
      }
      await manager.delete(MeetingDecisionNote, { meetingId, activityId });
      if (text !== null) await manager.insert(MeetingDecisionNote, { meetingId, activityId, note: text });
      return null;
    });
  }

  // ---- reads ----

  /** The decisions: frozen once CLOSED, computed from the log so far while IN_PROGRESS, null otherwise. */
  async decisions(meeting: Meeting): Promise<MeetingDecisionsView | null> {
    if (meeting.state !== MeetingState.CLOSED && meeting.state !== MeetingState.IN_PROGRESS) return null;
    const notes = await this.reader.getRepository(MeetingDecisionNote).findBy({ meetingId: meeting.id });
    const noteMap = new Map(notes.map((n) => [n.activityId, n.note]));
    if (meeting.state === MeetingState.CLOSED) return { ...meeting.decisionsSnapshot!, final: true, notes: noteMap };
    const seq = (await this.reader.getRepository(Agreement).findOne({ where: { id: meeting.agreementId }, select: { id: true, boardSeq: true } }))?.boardSeq ?? 0;
    return { ...(await this.decisionsFrom(this.reader.manager, meeting, seq)), final: false, notes: noteMap };
  }

  /** Checks what a `meetingUpdated` subscriber asks for, and returns the agreement whose meetings to follow. */
  async agreementToWatch(filter: { meetingId?: number; agreementId?: number }): Promise<number> {
    let agreementId = filter.agreementId;
    if (filter.meetingId !== undefined) {
      const meeting = await this.dataSource.getRepository(Meeting).findOneBy({ id: filter.meetingId });
      if (!meeting) throw nodeNotFound('Meeting', filter.meetingId);
      if (agreementId !== undefined && agreementId !== meeting.agreementId) throw badInput('The meeting is not one of that agreement', { argument: 'meetingId' });
      agreementId = meeting.agreementId;
    } else if (agreementId === undefined || !(await this.dataSource.getRepository(Agreement).existsBy({ id: agreementId }))) {
      if (agreementId === undefined) throw badInput('Give meetingId or agreementId', { argument: 'meetingId' });
      throw nodeNotFound('Agreement', agreementId);
    }
    return agreementId;
  }

  // ---- machinery ----

  private async decisionsFrom(manager: EntityManager, meeting: Meeting, toSeq: number): Promise<FrozenDecisions> {
    const events = await manager.find(ChangeEvent, {
      where: { agreementId: meeting.agreementId, meetingId: meeting.id },
      select: { id: true, seq: true, kind: true, activityId: true, snapshot: true },
      order: { seq: 'ASC' },
    });
    const decisions = computeDecisions(meeting.openingBoard ?? { seq: meeting.openSeq ?? 0, activities: [] }, events, toSeq);
    const codes = new Map((await manager.findBy(Opd, { id: In(decisions.byOpd.map((g) => g.opdId)) })).map((opd) => [opd.id, opd.code]));
    decisions.byOpd.sort((a, b) => (codes.get(a.opdId) ?? '').localeCompare(codes.get(b.opdId) ?? ''));
    return decisions;
  }

  /**
   * One change of a meeting: in a transaction that locks its agreement's row (so it is ordered with
   * the board's changes), `work` checks and returns the meeting's new columns (or null: it wrote
   * something else); the meeting is re-read, and `meetingUpdated` published after commit.
   */
  private async change(
    actor: Actor,
    operation: string,
    meetingId: number,
    work: (manager: EntityManager, meeting: Meeting, agreement: Agreement) => Promise<Partial<Meeting> | null>,
  ): Promise<Meeting> {
    // A meeting never changes agreement: read that outside, so the lock is the transaction's first
    // statement and every read after it (MySQL's REPEATABLE READ snapshot) sees the latest commit.
    const found = await this.dataSource.getRepository(Meeting).findOne({ where: { id: meetingId }, select: { id: true, agreementId: true } });
    if (!found) throw nodeNotFound('Meeting', meetingId);
    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const agreement = await lockAgreement(manager, found.agreementId);
      if (!agreement) throw nodeNotFound('Meeting', meetingId);
      const current = await manager.findOneByOrFail(Meeting, { id: meetingId });
      const changes = await work(manager, current, agreement);
      if (changes && Object.keys(changes).length) {
        const result = await manager.update(Meeting, { id: meetingId, state: current.state }, changes);
        if (result.affected !== 1) throw invalid('Someone else changed the meeting meanwhile; reload it and try again');
      }
      const updated = await manager.findOneByOrFail(Meeting, { id: meetingId });
      this.record(unit, actor, operation, current, updated);
      return updated;
    });
  }

  /**
   * The domain event of one committed meeting change: the audit trail keeps it, and `meetingUpdated`
   * hears of it after the commit. The board as it stood at opening and the frozen decisions are
   * derived from the log, so the diff leaves them out.
   */
  private record(unit: UnitOfWork, actor: Actor, operation: string, before: Meeting | null, after: Meeting) {
    unit.record({
      ...eventBase(actor, operation, { type: 'Meeting', id: after.id }, diffOf(before, after, AUDITED_MEETING_FIELDS)),
      type: 'MeetingChanged',
      agreementId: after.agreementId,
      meetingId: after.id,
    });
  }
}

/** Every activity a frozen result speaks about. */
export function decidedActivityIds(decisions: FrozenDecisions): Set<number> {
  const ids = new Set<number>();
  for (const group of decisions.byOpd) for (const list of [group.approved, group.added, group.removed, group.revised, group.undecided]) for (const a of list) ids.add(a.activityId);
  return ids;
}
