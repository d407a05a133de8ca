import type { DataSource } from 'typeorm';
import { ActivityDecision, Agreement, AgreementDocument, DraftActivity, AgreementKind, AgreementStatus, CooperationField, DocumentKind, MeetingAgendaItem, MeetingAttendance, MeetingState, Opd, PartnerLevel, Role, User } from '../../src/entities';
import type { TestServer } from './test-server';

/** Records made directly through the services (as an admin), so each test case gets fresh targets. */
export class Fixtures {
  private counter = 0;
  constructor(private readonly t: TestServer) {}

  private get services() {
    return this.t.server.services;
  }

  async admin(): Promise<User> {
    return this.t.server.dataSource.getRepository(User).findOneByOrFail({ email: 'admin@jalin.local' });
  }

  unique(prefix: string): string {
    return `${prefix}-${process.pid}-${++this.counter}`;
  }

  async user(role: Role = Role.VIEWER, opdId: number | null = null): Promise<User> {
    return this.services.users.create(await this.admin(), { email: `${this.unique('user')}@jalin.test`, name: 'Fixture user', role, opdId, password: 'fixture-password-1' });
  }

  async partnerCity() {
    return this.services.registry.createPartnerCity(await this.admin(), { name: this.unique('City'), region: 'Region', countryCode: 'JP', level: PartnerLevel.CITY });
  }

  async agreement(partnerCityId?: number) {
    const cityId = partnerCityId ?? (await this.partnerCity()).id;
    return this.services.registry.createAgreement(await this.admin(), {
      title: this.unique('Agreement'),
      kind: AgreementKind.OTHER_COOPERATION,
      partnerCityId: cityId,
      fields: [CooperationField.CULTURE],
      scope: 'Scope of a fixture agreement',
    });
  }

  /**
   * A drafting meeting of a fresh agreement in PLAN_DRAFTING (put there directly), with one agenda
   * item and BAPPEDA and one person invited; opened when `state` is IN_PROGRESS or CLOSED, and closed for CLOSED.
   */
  async meeting(state: MeetingState = MeetingState.SCHEDULED) {
    const admin = await this.admin();
    const agreement = await this.agreement();
    await this.t.server.dataSource.getRepository(Agreement).update({ id: agreement.id }, { status: AgreementStatus.PLAN_DRAFTING });
    const bappeda = await this.t.server.dataSource.getRepository(Opd).findOneByOrFail({ code: 'BAPPEDA' });
    let meeting = await this.services.meetings.schedule(admin, {
      agreementId: agreement.id,
      title: this.unique('Rapat'),
      heldOn: '2024-03-14',
      place: 'Ruang Praja Utama',
      chairOffice: 'Asisten III Sekda Kota Denpasar',
      agenda: ['Pembahasan rencana kegiatan'],
      invitedOpdIds: [bappeda.id],
      invitedPeople: [{ name: 'Guest', office: 'Partner city' }],
    });
    if (state !== MeetingState.SCHEDULED) meeting = await this.services.meetings.open(admin, meeting.id);
    if (state === MeetingState.CLOSED) meeting = await this.services.meetings.close(admin, meeting.id);
    const [attendance, agenda] = await Promise.all([
      this.t.server.dataSource.getRepository(MeetingAttendance).find({ where: { meetingId: meeting.id }, order: { position: 'ASC' } }),
      this.t.server.dataSource.getRepository(MeetingAgendaItem).findBy({ meetingId: meeting.id }),
    ]);
    return { meeting, agreementId: agreement.id, opdLine: attendance[0], personLine: attendance[1], agendaItem: agenda[0], bappedaId: bappeda.id };
  }

  /**
   * A fresh agreement put straight into `status` (with the dates that status implies), for rows whose
   * call is only legal there. Signed and approved days lie in the past so that "not before" rules hold.
   */
  async agreementIn(status: AgreementStatus, extra: Partial<Agreement> = {}) {
    const agreement = await this.agreement();
    const dates: Partial<Agreement> = {};
    if (status !== AgreementStatus.EXPLORATION) dates.loiSignedOn = '2020-01-10';
    if (status === AgreementStatus.DPRD_REVIEW) dates.reviewRound = 1;
    if (status === AgreementStatus.MOU_IN_FORCE) Object.assign(dates, { dprdApprovedOn: '2020-06-01', mouSignedOn: '2020-07-01', validityMonths: 120, expiresOn: '2030-07-01' });
    await this.t.server.dataSource.getRepository(Agreement).update({ id: agreement.id }, { status, ...dates, ...extra });
    return agreement;
  }

  /** An OPD's id by its code (BAPPEDA, DISPAR, ...). */
  async opdId(code: string): Promise<number> {
    return (await this.t.server.dataSource.getRepository(Opd).findOneByOrFail({ code })).id;
  }

  /** A BAPPEDA activity on the board of a fresh agreement in PLAN_DRAFTING (removed when asked). */
  async boardActivity(options: { removed?: boolean } = {}) {
    const agreement = await this.agreementIn(AgreementStatus.PLAN_DRAFTING);
    const activity = await this.activity(agreement.id, await this.opdId('BAPPEDA'));
    if (options.removed) await this.t.server.dataSource.getRepository(DraftActivity).update({ id: activity.id }, { removedAt: new Date() });
    return { agreementId: agreement.id, activity };
  }

  /** A board in PLAN_DRAFTING with one activity added through the board service (so one event in its log). */
  async boardWithEvent() {
    const agreement = await this.agreementIn(AgreementStatus.PLAN_DRAFTING);
    await this.services.board.add(await this.admin(), { agreementId: agreement.id, opdId: await this.opdId('BAPPEDA'), title: 'Logged activity' });
    return agreement;
  }

  /** An activity straight in the database (no board event), for rows that only need one to exist. */
  activity(agreementId: number, opdId: number) {
    return this.t.server.dataSource.getRepository(DraftActivity).save({
      agreementId, opdId, title: 'Fixture activity', scope: '', benefit: '', output: '', year: null, budgetEstimate: null, fundingSource: null,
      decision: ActivityDecision.PROPOSED, position: 'a0', version: 1, fieldVersions: {}, removedAt: null, updatedById: null,
    });
  }

  /** Recording documents belongs to the workflow; tests insert one directly. */
  async document(agreementId?: number) {
    const id = agreementId ?? (await this.agreement()).id;
    return this.t.server.dataSource.getRepository(AgreementDocument).save({ agreementId: id, kind: DocumentKind.LETTER_OF_INTENT, number: 'LoI/FIXTURE', signedOn: '2024-01-10', validityMonths: null, validUntil: null, note: null, archivedAt: null });
  }
}

/** The scheduler's own bookkeeping (leases, runs): written on its schedule, never by a request, so left out. */
const NOT_WRITTEN_BY_REQUESTS = new Set(['job_lease', 'job_run']);

/**
 * Every row of every table the API writes, in a stable order: compare two to prove nothing changed.
 * The tables are the entities' own, so a new entity is covered without a change here.
 */
export async function snapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const quote = dataSource.options.type === 'better-sqlite3' ? (name: string) => `"${name}"` : (name: string) => `\`${name}\``;
  const tables = dataSource.entityMetadatas.map((metadata) => metadata.tableName).filter((table) => !NOT_WRITTEN_BY_REQUESTS.has(table));
  const result: Record<string, unknown[]> = {};
  for (const table of tables.sort()) {
    const rows = (await dataSource.query(`SELECT * FROM ${quote(table)}`)) as Record<string, unknown>[];
    result[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}
