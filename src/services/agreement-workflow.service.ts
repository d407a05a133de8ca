import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import {
  ActionPlan,
  ActionPlanItem,
  Agreement,
  AgreementDocument,
  AgreementStatus,
  DocumentKind,
  DprdDecision,
  DraftActivity,
  Meeting,
  Opd,
  OpdPresentation,
  StatusChange,
} from '../entities';
import { InputReason, badInput, forbidden } from '../errors';
import { nodeNotFound, toGlobalId } from '../global-id';
import type { Logger } from '../logger';
import type { EventBus } from '../events/event-bus';
import { diffOf, eventBase, type DomainEvent, type FieldDiff } from '../events/domain-events';
import type { Actor } from '../events/actor';
import { addDays, addMonths, daysBetween, isIsoDate, toIsoDate, today } from './dates';
import { boundedText } from './text-rules';
import { lockAgreement } from './row-lock';
import { assertValidityMonths } from './validity';
import { keysetPage, SortDirection, type Connection, type Ordering, type PageRequest } from './pagination';
import { REGISTRY_ROLES, canActForOpd, canManageRegistry } from './access-policy';
// The rules (states, transitions, guards) live in the state machine; this service reads and writes.
import {
  DEFAULT_EXPIRY_WINDOW_DAYS,
  assertDocumentAllowed,
  assertInReview,
  assertRequirementsMet,
  decideTransition,
  movedMeanwhile,
  nextStepsOf,
  participatingOpdIds,
  quoted,
  type ChecklistItem,
  type Transition,
  type WorkflowAction,
  type WorkflowFacts,
} from './workflow/state-machine';
import { assertExpiryWindow } from './expiry-window';

const S = AgreementStatus;
const STAFF = REGISTRY_ROLES;

/** `expiringAgreements` lists the soonest lapse first (expiresOn is never null in that list). */
const EXPIRING_ORDER: Ordering = {
  name: 'expiringAgreements',
  keys: [
    { sql: 'agreement.expiresOn', direction: SortDirection.ASC },
    { sql: 'agreement.id', direction: SortDirection.ASC },
  ],
};

export interface DocumentValues {
  kind: DocumentKind;
  number?: string | null;
  signedOn: string;
  validityMonths?: number | null;
  note?: string | null;
}

export interface RenewalValues {
  number?: string | null;
  signedOn: string;
  validityMonths: number;
  note?: string | null;
}

export interface ActionPlanValues {
  note?: string | null;
  items: { activityId: number; responsibleOpdId: number; startOn?: string | null; endOn?: string | null; quarter?: string | null; description?: string | null }[];
}

export interface DprdDecisionValues {
  decision: DprdDecision;
  decidedOn: string;
  reference?: string | null;
  note?: string | null;
}

/** What a workflow step records besides the agreement's own fields (a document, a presentation, a plan). */
type StepRecord = FieldDiff | void;
/** The event a step makes, by the kind of step. */
type WorkflowEventType = 'AgreementAdvanced' | 'DocumentRecorded' | 'OpdPresentationRecorded' | 'ActionPlanRecorded';

/** The agreement fields a workflow step can change: its audit entry shows them before and after. */
const WORKFLOW_FIELDS = ['status', 'reviewRound', 'loiSignedOn', 'dprdApprovedOn', 'mouSignedOn', 'validityMonths', 'expiresOn', 'terminationNoticeOn'] as const;


/**
 * The agreement workflow from Letter of Intent to MoU: every step is one transaction that locks the
 * agreement row, checks the role and the guards, moves the status with a conditional UPDATE (so a
 * concurrent step that got there first makes this one fail instead of doubling it), appends a
 * StatusChange, and publishes `agreementUpdated` after commit.
 */
export class AgreementWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly logger: Logger,
    /** Where the expiring list is read (a replica when there are some: it is a dashboard list). */
    private readonly reader: DataSource = dataSource,
  ) {}

  // ---- plain steps ----

  advance(agreementId: number, to: AgreementStatus, note: string | null | undefined, actor: Actor): Promise<Agreement> {
    return this.change('advanceAgreement', 'AgreementAdvanced', actor, agreementId, async (manager, agreement) => {
      const transition = this.transitionOrThrow(agreement, to, 'advance', actor);
      const changes: Partial<Agreement> = {};
      if (transition.to === S.DPRD_REVIEW) {
        await this.assertRequirements(manager, agreement, to);
        changes.reviewRound = agreement.reviewRound + 1;
      }
      await this.move(manager, agreement, transition, actor, clean(note), changes);
    });
  }

  cancel(agreementId: number, note: string, actor: Actor): Promise<Agreement> {
    return this.change('cancelAgreement', 'AgreementAdvanced', actor, agreementId, async (manager, agreement) => {
      const transition = this.transitionOrThrow(agreement, S.CANCELLED, 'cancel', actor);
      const reason = clean(note);
      if (!reason) throw badInput('Say why the agreement is cancelled (note)', { argument: 'note', reason: InputReason.REQUIRED });
      await this.move(manager, agreement, transition, actor, reason);
    });
  }

  terminate(agreementId: number, noticeOn: string, note: string | null | undefined, actor: Actor): Promise<Agreement> {
    return this.change('terminateAgreement', 'AgreementAdvanced', actor, agreementId, async (manager, agreement) => {
      const transition = this.transitionOrThrow(agreement, S.TERMINATED, 'terminate', actor);
      const day = pastDate(noticeOn, 'noticeOn');
      notBefore(day, 'noticeOn', agreement.mouSignedOn, 'the MoU was signed');
      const text = [`Written notice of termination given on ${day}`, clean(note)].filter(Boolean).join(': ');
      await this.move(manager, agreement, transition, actor, text, { terminationNoticeOn: day });
    });
  }

  // ---- documents ----

  recordDocument(agreementId: number, input: DocumentValues, actor: Actor): Promise<Agreement> {
    return this.change('recordDocument', 'DocumentRecorded', actor, agreementId, async (manager, agreement) => {
      assertStaff(actor);
      assertDocumentAllowed(input.kind, agreement.status);
      const signedOn = pastDate(input.signedOn, 'signedOn');
      const validityMonths = input.validityMonths ?? null;
      if (validityMonths !== null) assertValidityMonths(validityMonths);
      const document: Partial<AgreementDocument> = {
        agreementId: agreement.id,
        kind: input.kind,
        number: clean(input.number),
        signedOn,
        validityMonths,
        validUntil: validityMonths ? addMonths(signedOn, validityMonths) : null,
        note: clean(input.note),
        archivedAt: null,
      };
      if (input.kind === DocumentKind.LETTER_OF_INTENT) {
        const transition = this.transitionOrThrow(agreement, S.LOI_SIGNED, 'recordLoi', actor);
        await manager.insert(AgreementDocument, document);
        await this.move(manager, agreement, transition, actor, clean(input.note) ?? `Letter of Intent${document.number ? ` ${document.number}` : ''} signed on ${signedOn}`, {
          loiSignedOn: signedOn,
        });
      } else if (input.kind === DocumentKind.MOU) {
        const transition = this.transitionOrThrow(agreement, S.MOU_IN_FORCE, 'signMou', actor);
        if (validityMonths === null) throw badInput('An MoU needs its validity in months (validityMonths)', { argument: 'validityMonths', reason: InputReason.REQUIRED });
        notBefore(signedOn, 'signedOn', agreement.dprdApprovedOn, 'the DPRD approved the agreement');
        await manager.insert(AgreementDocument, document);
        await this.move(manager, agreement, transition, actor, clean(input.note) ?? `MoU${document.number ? ` ${document.number}` : ''} signed on ${signedOn}, valid ${validityMonths} months`, {
          mouSignedOn: signedOn,
          validityMonths,
          expiresOn: document.validUntil,
        });
      } else {
        await manager.insert(AgreementDocument, document);
      }
      return { document: { after: { kind: document.kind, number: document.number, signedOn, validityMonths, validUntil: document.validUntil, note: document.note } } };
    }).then(this.expireIfLapsed);
  }

  renew(agreementId: number, input: RenewalValues, actor: Actor): Promise<Agreement> {
    return this.change('renewAgreement', 'AgreementAdvanced', actor, agreementId, async (manager, agreement) => {
      const transition = this.transitionOrThrow(agreement, S.MOU_IN_FORCE, 'renew', actor);
      const signedOn = pastDate(input.signedOn, 'signedOn');
      assertValidityMonths(input.validityMonths);
      notBefore(signedOn, 'signedOn', agreement.mouSignedOn, 'the current MoU was signed');
      const expiresOn = addMonths(signedOn, input.validityMonths);
      if (expiresOn < today()) throw badInput(`A renewal signed on ${signedOn} for ${input.validityMonths} months would already have lapsed (${expiresOn})`, { argument: 'validityMonths', reason: InputReason.ALREADY_LAPSED });
      const number = clean(input.number);
      await manager.insert(AgreementDocument, {
        agreementId: agreement.id,
        kind: DocumentKind.MOU,
        number,
        signedOn,
        validityMonths: input.validityMonths,
        validUntil: expiresOn,
        note: clean(input.note) ?? 'Renewal',
        archivedAt: null,
      });
      const text = [`Renewed: MoU${number ? ` ${number}` : ''} signed on ${signedOn}, valid ${input.validityMonths} months until ${expiresOn}`, clean(input.note)].filter(Boolean).join(': ');
      await this.move(manager, agreement, transition, actor, text, { mouSignedOn: signedOn, validityMonths: input.validityMonths, expiresOn });
    });
  }

  // ---- DPRD review ----

  recordPresentation(agreementId: number, opdId: number, presentedOn: string, note: string | null | undefined, actor: Actor): Promise<Agreement> {
    return this.change('recordOpdPresentation', 'OpdPresentationRecorded', actor, agreementId, async (manager, agreement) => {
      if (!canActForOpd(actor, opdId)) throw forbidden("An OPD editor records only its own OPD's presentation; officers record any");
      assertInReview(agreement.status, 'OPD presentations');
      const opd = await manager.findOneBy(Opd, { id: opdId });
      if (!opd) throw nodeNotFound('Opd', opdId);
      const participants = participatingOpdIds(await this.liveActivities(manager, agreement.id));
      if (!participants.includes(opdId)) {
        const codes = await this.opdCodes(manager, participants);
        throw badInput(`${opd.code} has no activity on this agreement; the OPDs that present are ${participants.map((id) => codes.get(id)).join(', ')}`, {
          argument: 'opdId',
        });
      }
      const day = pastDate(presentedOn, 'presentedOn');
      const existing = await manager.findOneBy(OpdPresentation, { agreementId: agreement.id, reviewRound: agreement.reviewRound, opdId });
      // Recording it again corrects the date or note of this round's presentation.
      if (existing) await manager.update(OpdPresentation, { id: existing.id }, { presentedOn: day, note: boundedText(note, 'note', NOTE_MAX_LENGTH), recordedById: actor.id });
      else await manager.insert(OpdPresentation, { agreementId: agreement.id, opdId, reviewRound: agreement.reviewRound, presentedOn: day, note: boundedText(note, 'note', NOTE_MAX_LENGTH), recordedById: actor.id });
      const after = { opdId, reviewRound: agreement.reviewRound, presentedOn: day, note: boundedText(note, 'note', NOTE_MAX_LENGTH) };
      return { presentation: existing ? { before: { opdId, reviewRound: existing.reviewRound, presentedOn: existing.presentedOn, note: existing.note }, after } : { after } };
    });
  }

  attachActionPlan(agreementId: number, input: ActionPlanValues, actor: Actor): Promise<Agreement> {
    return this.change('attachActionPlan', 'ActionPlanRecorded', actor, agreementId, async (manager, agreement) => {
      assertStaff(actor);
      assertInReview(agreement.status, 'The action plan');
      if (!input.items.length) throw badInput('An action plan needs at least one line (items)', { argument: 'items', reason: InputReason.REQUIRED });
      const activities = await this.liveActivities(manager, agreement.id);
      const live = new Set(activities.map((a) => a.id));
      const unknown = input.items.filter((item) => !live.has(item.activityId)).map((item) => toGlobalId('DraftActivity', item.activityId));
      if (unknown.length) throw badInput(`Activity ${unknown.join(', ')} is not a live activity of this agreement`, { argument: 'items', reason: InputReason.UNKNOWN_REFERENCE, activityIds: unknown });
      const opdIds = [...new Set(input.items.map((item) => item.responsibleOpdId))];
      const knownOpds = await this.opdCodes(manager, opdIds);
      const unknownOpds = opdIds.filter((id) => !knownOpds.has(id));
      if (unknownOpds.length) {
        const ids = unknownOpds.map((id) => toGlobalId('Opd', id));
        throw badInput(`OPD ${ids.join(', ')} does not exist`, { argument: 'items', reason: InputReason.UNKNOWN_REFERENCE, opdIds: ids });
      }
      const rows = input.items.map((item, index) => ({ ...timeline(item, index), activityId: item.activityId, responsibleOpdId: item.responsibleOpdId, description: clean(item.description) }));
      const covered = new Set(input.items.map((item) => item.activityId));
      const uncovered = activities.filter((a) => !covered.has(a.id));
      if (uncovered.length) {
        const codes = await this.opdCodes(manager, participatingOpdIds(uncovered));
        throw badInput(`The action plan has no line for ${uncovered.map((a) => quoted(a, codes)).join('; ')}`, { argument: 'items', reason: InputReason.INCOMPLETE, activityIds: uncovered.map((a) => toGlobalId('DraftActivity', a.id)) });
      }
      await manager.update(ActionPlan, { agreementId: agreement.id, supersededAt: IsNull() }, { supersededAt: new Date() });
      const plan = await manager.save(ActionPlan, manager.create(ActionPlan, { agreementId: agreement.id, reviewRound: agreement.reviewRound, note: clean(input.note), attachedById: actor.id, supersededAt: null }));
      await manager.insert(
        ActionPlanItem,
        rows.map((row, position) => ({ ...row, actionPlanId: plan.id, position })),
      );
      return { actionPlan: { after: { id: plan.id, reviewRound: plan.reviewRound, note: plan.note, items: rows.length } } };
    });
  }

  recordDprdDecision(agreementId: number, input: DprdDecisionValues, actor: Actor): Promise<Agreement> {
    return this.change('recordDprdDecision', 'AgreementAdvanced', actor, agreementId, async (manager, agreement) => {
      const to = input.decision === DprdDecision.APPROVED ? S.DPRD_APPROVED : S.PLAN_DRAFTING;
      const transition = this.transitionOrThrow(agreement, to, 'dprdDecision', actor);
      const decidedOn = pastDate(input.decidedOn, 'decidedOn');
      notBefore(decidedOn, 'decidedOn', agreement.loiSignedOn, 'the Letter of Intent was signed');
      const reference = boundedText(input.reference, 'reference', DOCUMENT_NUMBER_MAX_LENGTH);
      const note = boundedText(input.note, 'note', NOTE_MAX_LENGTH);
      const heading = `${input.decision === DprdDecision.APPROVED ? 'Approved' : 'Returned'} by the DPRD working meeting (rapat kerja) on ${decidedOn}${reference ? `, ${reference}` : ''}`;
      if (input.decision === DprdDecision.RETURNED) {
        if (!note) throw badInput('Say why the DPRD returned the plan (note), so the OPDs know what to redraft', { argument: 'note', reason: InputReason.REQUIRED });
        await this.move(manager, agreement, transition, actor, `${heading}: ${note}`);
        return;
      }
      await this.assertRequirements(manager, agreement, to);
      await manager.insert(AgreementDocument, { agreementId: agreement.id, kind: DocumentKind.DPRD_DECISION, number: reference, signedOn: decidedOn, validityMonths: null, validUntil: null, note, archivedAt: null });
      await this.move(manager, agreement, transition, actor, note ? `${heading}: ${note}` : heading, { dprdApprovedOn: decidedOn });
    });
  }

  // ---- reads ----

  /** MoUs in force that lapse within `withinDays` days, soonest first (a page of them). */
  async expiring(withinDays: number = DEFAULT_EXPIRY_WINDOW_DAYS, page: PageRequest = {}): Promise<Connection<Agreement>> {
    assertExpiryWindow(withinDays, 'withinDays');
    const day = today();
    const query = this.reader
      .getRepository(Agreement)
      .createQueryBuilder('agreement')
      .where('agreement.status = :status AND agreement.archivedAt IS NULL', { status: S.MOU_IN_FORCE })
      .andWhere('agreement.expiresOn >= :day AND agreement.expiresOn <= :until', { day, until: addDays(day, withinDays) });
    return keysetPage(query, EXPIRING_ORDER, page);
  }

  daysInStatus(agreement: Agreement): number {
    return Math.max(0, daysBetween(toIsoDate(agreement.statusChangedAt), today()));
  }

  nextSteps(agreement: Agreement, facts: WorkflowFacts): ChecklistItem[] {
    return nextStepsOf(agreement, facts);
  }

  // ---- expiry ----

  /**
   * Moves every MoU that lapsed (expiresOn before today) to EXPIRED, with a StatusChange by nobody.
   * The conditional UPDATE decides who does it: of concurrent sweepers, in any process, exactly one
   * changes the row and writes the history; the others change nothing. Run by the expiry-sweep job
   * (src/jobs/expiry-sweep.job.ts), never on a read path; `day` is the job's "today".
   */
  async expireLapsed(onlyId?: number, day: string = today()): Promise<number> {
    const query = this.dataSource
      .getRepository(Agreement)
      .createQueryBuilder('agreement')
      .select('agreement.id', 'id')
      .where('agreement.status = :status AND agreement.expiresOn < :day', { status: S.MOU_IN_FORCE, day });
    if (onlyId !== undefined) query.andWhere('agreement.id = :onlyId', { onlyId });
    const candidates = await query.getRawMany<{ id: number }>();
    let expired = 0;
    for (const { id } of candidates) {
      const done = await this.events.transaction(this.dataSource, async (manager, unit) => {
        const at = new Date();
        const result = await manager
          .createQueryBuilder()
          .update(Agreement)
          .set({ status: S.EXPIRED, statusChangedAt: at })
          .where('id = :id AND status = :status AND expiresOn < :day', { id: Number(id), status: S.MOU_IN_FORCE, day })
          .execute();
        if (result.affected !== 1) return false;
        const agreement = await manager.findOneByOrFail(Agreement, { id: Number(id) });
        await manager.insert(StatusChange, { agreementId: agreement.id, fromStatus: S.MOU_IN_FORCE, toStatus: S.EXPIRED, actorId: null, note: `The MoU lapsed after ${agreement.expiresOn}`, at });
        const diff = diffOf({ status: S.MOU_IN_FORCE }, { status: S.EXPIRED }, ['status']);
        unit.record({ type: 'AgreementAdvanced', agreementId: agreement.id, from: S.MOU_IN_FORCE, to: S.EXPIRED, ...eventBase(null, 'expireLapsed', { type: 'Agreement', id: agreement.id }, diff) });
        return true;
      });
      if (done) expired++;
    }
    return expired;
  }

  // ---- machinery ----

  private readonly expireIfLapsed = async (agreement: Agreement): Promise<Agreement> => {
    if (agreement.status !== S.MOU_IN_FORCE || !agreement.expiresOn || agreement.expiresOn >= today()) return agreement;
    await this.expireLapsed(agreement.id);
    return (await this.dataSource.getRepository(Agreement).findOneBy({ id: agreement.id }))!;
  };

  /**
   * One locked transaction on one agreement that records one event (`type`, named by the mutation
   * `operation`): the agreement's workflow fields before and after, and what the step returns it
   * recorded besides. The event is published after commit; returns the fresh row.
   */
  private change(
    operation: string,
    type: WorkflowEventType,
    actor: Actor,
    agreementId: number,
    work: (manager: EntityManager, agreement: Agreement) => Promise<StepRecord>,
  ): Promise<Agreement> {
    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const locked = await lockAgreement(manager, agreementId);
      if (!locked) throw nodeNotFound('Agreement', agreementId);
      const before = { ...locked };
      const recorded = await work(manager, locked);
      const after = await manager.findOneByOrFail(Agreement, { id: agreementId });
      const base = eventBase(actor, operation, { type: 'Agreement', id: agreementId }, { ...diffOf(before, after, WORKFLOW_FIELDS), ...recorded });
      const event: DomainEvent =
        type === 'AgreementAdvanced' ? { type, agreementId, from: before.status, to: after.status, ...base } : { type, agreementId, ...base };
      unit.record(event);
      return after;
    });
  }

  /** NOT_FOUND for an unknown agreement (a subscription to it would otherwise be silence). */
  async assertExists(agreementId: number): Promise<void> {
    if (!(await this.dataSource.getRepository(Agreement).existsBy({ id: agreementId }))) throw nodeNotFound('Agreement', agreementId);
  }

  private transitionOrThrow(agreement: Agreement, to: AgreementStatus, action: WorkflowAction, actor: Actor): Transition {
    return decideTransition(agreement.status, to, action, actor.role);
  }

  private async assertRequirements(manager: EntityManager, agreement: Agreement, to: AgreementStatus) {
    assertRequirementsMet(agreement, await this.facts(manager, agreement), to);
  }

  /** The guarded status change itself: it fails if anyone moved the agreement since it was read. */
  private async move(manager: EntityManager, agreement: Agreement, transition: Transition, actor: Actor | null, note: string | null, changes: Partial<Agreement> = {}) {
    // A step's history line may join what the step recorded to the client's note; the note is what can be shortened.
    if (note !== null && note.length > NOTE_MAX_LENGTH) {
      throw badInput(`note is too long for the status history: with what this step records it comes to ${note.length} characters, at most ${NOTE_MAX_LENGTH} are kept; shorten the note`, { argument: 'note', reason: InputReason.TOO_LONG, max: NOTE_MAX_LENGTH });
    }
    const at = new Date();
    const result = await manager
      .createQueryBuilder()
      .update(Agreement)
      .set({ ...changes, status: transition.to, statusChangedAt: at })
      .where('id = :id AND status = :from', { id: agreement.id, from: transition.from })
      .execute();
    if (result.affected !== 1) {
      throw movedMeanwhile(transition);
    }
    await manager.insert(StatusChange, { agreementId: agreement.id, fromStatus: transition.from, toStatus: transition.to, actorId: actor?.id ?? null, note, at });
  }

  private liveActivities(manager: EntityManager, agreementId: number) {
    return manager.find(DraftActivity, { where: { agreementId, removedAt: IsNull() }, order: { position: 'ASC', id: 'ASC' } });
  }

  private async opdCodes(manager: EntityManager, ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const opds = await manager.findBy(Opd, { id: In(ids) });
    return new Map(opds.map((opd) => [opd.id, opd.code]));
  }

  private async facts(manager: EntityManager, agreement: Agreement): Promise<WorkflowFacts> {
    const activities = await this.liveActivities(manager, agreement.id);
    const [presentations, actionPlan, opdCodes] = [
      await manager.findBy(OpdPresentation, { agreementId: agreement.id, reviewRound: agreement.reviewRound }),
      await manager.findOneBy(ActionPlan, { agreementId: agreement.id, supersededAt: IsNull() }),
      await this.opdCodes(manager, participatingOpdIds(activities)),
    ];
    const meetings = await manager.find(Meeting, { where: { agreementId: agreement.id }, select: { id: true, state: true, closedAt: true } });
    return { activities, presentations, actionPlan, opdCodes, meetings };
  }
}


function assertStaff(actor: Actor) {
  if (!canManageRegistry(actor)) throw forbidden(`Only ${STAFF.join(' or ')} may do this`);
}

function clean(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

/** The columns that keep a step's note, a presentation's note and a document's number hold this many characters. */
export const NOTE_MAX_LENGTH = 1000;
export const DOCUMENT_NUMBER_MAX_LENGTH = 100;

/** A date on which something happened: a real calendar date, not in the future. */
function pastDate(value: string, argument: string): string {
  if (!isIsoDate(value)) throw badInput(`${argument} must be a date written YYYY-MM-DD, got "${value}"`, { argument, reason: InputReason.NOT_A_DATE });
  if (value > today()) throw badInput(`${argument} ${value} is in the future; record a step once it happened`, { argument, reason: InputReason.DATE_IN_FUTURE });
  return value;
}

function notBefore(value: string, argument: string, earlier: string | null, what: string) {
  if (earlier && value < earlier) throw badInput(`${argument} ${value} is before ${earlier}, when ${what}`, { argument, reason: InputReason.DATE_ORDER, after: earlier });
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

function timeline(item: ActionPlanValues['items'][number], index: number) {
  const argument = `items[${index}]`;
  const quarter = clean(item.quarter);
  const startOn = clean(item.startOn);
  const endOn = clean(item.endOn);
  if (quarter && !QUARTER.test(quarter)) throw badInput(`${argument}.quarter must look like 2026-Q3, got "${quarter}"`, { argument, reason: InputReason.WRONG_FORMAT, format: 'YYYY-Qn' });
  for (const [name, value] of [['startOn', startOn], ['endOn', endOn]] as const) {
    if (value && !isIsoDate(value)) throw badInput(`${argument}.${name} must be a date written YYYY-MM-DD, got "${value}"`, { argument, reason: InputReason.NOT_A_DATE });
  }
  if (!quarter && !(startOn && endOn)) throw badInput(`${argument} needs a timeline: startOn and endOn, or a quarter such as 2026-Q3`, { argument, reason: InputReason.REQUIRED });
  if ((startOn && !endOn) || (endOn && !startOn)) throw badInput(`${argument} needs both startOn and endOn, or neither`, { argument, reason: InputReason.CONFLICTING_ARGUMENTS });
  if (startOn && endOn && endOn < startOn) throw badInput(`${argument} ends (${endOn}) before it starts (${startOn})`, { argument, reason: InputReason.DATE_ORDER, after: startOn });
  return { quarter, startOn, endOn };
}
