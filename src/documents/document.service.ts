import { In, IsNull, type DataSource } from 'typeorm';
import {
  ActionPlan,
  ActionPlanItem,
  ActivityDecision,
  Agreement,
  Country,
  DraftActivity,
  GeneratedDocumentKind,
  Meeting,
  MeetingAgendaItem,
  MeetingAttendance,
  MeetingState,
  Opd,
  PartnerCity,
} from '../entities';
import { badInput } from '../errors';
import { nodeNotFound, toGlobalId } from '../global-id';
import type { OpdDecisions } from '../services/meeting-decisions';
import type { MeetingService } from '../services/meeting.service';

/** A document Jalin writes, as the API lists it. */
export interface GeneratedDocumentRef {
  kind: GeneratedDocumentKind;
  /** The file's name, e.g. berita-acara-rapat-3.docx. */
  name: string;
  /** Its Indonesian title. */
  title: string;
  /** Path of the authenticated download, relative to the API's origin. */
  url: string;
  meetingId: number | null;
}

export interface AgreementHeader {
  id: number;
  title: string;
  partnerCity: string;
  country: string;
}

export interface OpdRef {
  id: number;
  code: string;
  name: string;
}

export interface MinutesData {
  agreement: AgreementHeader;
  meeting: Meeting;
  final: boolean;
  agenda: MeetingAgendaItem[];
  attendance: (MeetingAttendance & { opdRef: OpdRef | null })[];
  decisions: (OpdDecisions & { opd: OpdRef })[];
  notes: Map<number, string>;
}

export interface AnnexData {
  agreement: AgreementHeader;
  byOpd: { opd: OpdRef; activities: DraftActivity[] }[];
}

export interface ActionPlanData {
  agreement: AgreementHeader;
  plan: ActionPlan;
  lines: { item: ActionPlanItem; activity: DraftActivity; opd: OpdRef }[];
}

export const DOCUMENT_ROUTE = '/agreements/:agreementId/documents/:file';
export const DOCUMENT_FILES: Record<GeneratedDocumentKind, string> = {
  [GeneratedDocumentKind.MINUTES]: 'minutes.docx',
  [GeneratedDocumentKind.ACTIVITY_ANNEX]: 'activity-annex.docx',
  [GeneratedDocumentKind.ACTION_PLAN]: 'action-plan.docx',
};

export function documentUrl(kind: GeneratedDocumentKind, agreementId: number, meetingId: number | null = null): string {
  const base = `/agreements/${encodeURIComponent(toGlobalId('Agreement', agreementId))}/documents/${DOCUMENT_FILES[kind]}`;
  return meetingId === null ? base : `${base}?meeting=${encodeURIComponent(toGlobalId('Meeting', meetingId))}`;
}

/** Minutes exist once a meeting is opened: a draft while it is in progress, final once closed. */
export const hasMinutes = (meeting: Pick<Meeting, 'state'>) => meeting.state === MeetingState.IN_PROGRESS || meeting.state === MeetingState.CLOSED;

export function minutesRef(meeting: Pick<Meeting, 'id' | 'agreementId' | 'state'>): GeneratedDocumentRef {
  return {
    kind: GeneratedDocumentKind.MINUTES,
    name: `berita-acara-rapat-${meeting.id}.docx`,
    title: meeting.state === MeetingState.CLOSED ? 'Berita Acara Rapat' : 'Rancangan Berita Acara Rapat (rapat masih berlangsung)',
    url: documentUrl(GeneratedDocumentKind.MINUTES, meeting.agreementId, meeting.id),
    meetingId: meeting.id,
  };
}

/**
 * What the documents say, read from the database: the same rows and the same decision rule the API
 * uses, so a document and the API never disagree. Reads only (the reader connection).
 */
export class DocumentService {
  constructor(
    private readonly reader: DataSource,
    private readonly meetings: MeetingService,
  ) {}

  /** The documents an agreement has now: its annex, its action plan once attached, and each opened meeting's minutes. */
  list(agreementId: number, hasActionPlan: boolean, meetings: Meeting[]): GeneratedDocumentRef[] {
    const plan = hasActionPlan;
    const refs: GeneratedDocumentRef[] = [
      { kind: GeneratedDocumentKind.ACTIVITY_ANNEX, name: `lampiran-rencana-kegiatan-${agreementId}.docx`, title: 'Lampiran Rencana Kegiatan', url: documentUrl(GeneratedDocumentKind.ACTIVITY_ANNEX, agreementId), meetingId: null },
    ];
    if (plan) refs.push({ kind: GeneratedDocumentKind.ACTION_PLAN, name: `rencana-aksi-${agreementId}.docx`, title: 'Rencana Aksi', url: documentUrl(GeneratedDocumentKind.ACTION_PLAN, agreementId), meetingId: null });
    for (const meeting of meetings) if (hasMinutes(meeting)) refs.push(minutesRef(meeting));
    return refs;
  }

  async header(agreementId: number): Promise<AgreementHeader> {
    const agreement = await this.reader.getRepository(Agreement).findOneBy({ id: agreementId });
    if (!agreement) throw nodeNotFound('Agreement', agreementId);
    const city = await this.reader.getRepository(PartnerCity).findOneByOrFail({ id: agreement.partnerCityId });
    const country = await this.reader.getRepository(Country).findOneBy({ code: city.countryCode });
    return { id: agreement.id, title: agreement.title, partnerCity: city.name, country: country?.name ?? city.countryCode };
  }

  async minutes(agreementId: number, meetingId: number): Promise<MinutesData> {
    const agreement = await this.header(agreementId);
    const meeting = await this.reader.getRepository(Meeting).findOneBy({ id: meetingId });
    if (!meeting || meeting.agreementId !== agreementId) throw nodeNotFound('Meeting', meetingId);
    if (!hasMinutes(meeting)) throw badInput(`A ${meeting.state} meeting has no minutes: they exist once it is opened`, { argument: 'meeting' });
    const [agenda, attendance, view] = await Promise.all([
      this.reader.getRepository(MeetingAgendaItem).find({ where: { meetingId }, order: { position: 'ASC' } }),
      this.reader.getRepository(MeetingAttendance).find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } }),
      // The same decisions the API shows: frozen once closed, computed from the log so far while in progress.
      this.meetings.decisions(meeting),
    ]);
    const frozen = view;
    const opds = await this.opds([...attendance.flatMap((a) => (a.opdId === null ? [] : [a.opdId])), ...(frozen?.byOpd ?? []).map((g) => g.opdId)]);
    const decisions = (frozen?.byOpd ?? []).map((g) => ({ ...g, opd: opds.get(g.opdId)! })).sort((a, b) => a.opd.code.localeCompare(b.opd.code));
    return {
      agreement,
      meeting,
      final: meeting.state === MeetingState.CLOSED,
      agenda,
      attendance: attendance.map((line) => Object.assign(line, { opdRef: line.opdId === null ? null : opds.get(line.opdId)! })),
      decisions,
      notes: view?.notes ?? new Map(),
    };
  }

  /** The accepted live activities, grouped by OPD in the order each OPD first appears on the board, each group in board order. */
  async annex(agreementId: number): Promise<AnnexData> {
    const agreement = await this.header(agreementId);
    const activities = await this.reader.getRepository(DraftActivity).find({
      where: { agreementId, removedAt: IsNull(), decision: ActivityDecision.ACCEPTED },
      order: { position: 'ASC', id: 'ASC' },
    });
    const opds = await this.opds(activities.map((a) => a.opdId));
    const groups = new Map<number, DraftActivity[]>();
    for (const activity of activities) groups.set(activity.opdId, [...(groups.get(activity.opdId) ?? []), activity]);
    return { agreement, byOpd: [...groups].map(([opdId, list]) => ({ opd: opds.get(opdId)!, activities: list })) };
  }

  async actionPlan(agreementId: number): Promise<ActionPlanData> {
    const agreement = await this.header(agreementId);
    const plan = await this.reader.getRepository(ActionPlan).findOneBy({ agreementId, supersededAt: IsNull() });
    if (!plan) throw badInput('The agreement has no action plan yet: attachActionPlan attaches one during DPRD_REVIEW', { argument: 'agreementId' });
    const items = await this.reader.getRepository(ActionPlanItem).find({ where: { actionPlanId: plan.id }, order: { position: 'ASC' } });
    const activities = await this.reader.getRepository(DraftActivity).findBy({ id: In(items.map((i) => i.activityId)) });
    const opds = await this.opds(items.map((i) => i.responsibleOpdId));
    return {
      agreement,
      plan,
      lines: items.map((item) => ({ item, activity: activities.find((a) => a.id === item.activityId)!, opd: opds.get(item.responsibleOpdId)! })),
    };
  }

  private async opds(ids: number[]): Promise<Map<number, OpdRef>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.reader.getRepository(Opd).findBy({ id: In(unique) });
    return new Map(rows.map((opd) => [opd.id, { id: opd.id, code: opd.code, name: opd.name }]));
  }
}
