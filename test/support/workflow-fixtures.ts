import { IsNull, type DataSource } from 'typeorm';
import {
  ActionPlan,
  ActionPlanItem,
  ActivityDecision,
  Agreement,
  AgreementDocument,
  AgreementKind,
  AgreementStatus,
  DraftActivity,
  Meeting,
  MeetingState,
  Opd,
  OpdPresentation,
  PartnerCity,
  StatusChange,
} from '../../src/entities';
import { keysBetween } from '../../src/services/order-keys';
import { today } from '../../src/services/dates';

export const TODAY = () => today();

export interface FixtureActivity {
  opd: string;
  title: string;
  scope?: string;
  benefit?: string;
  output?: string;
  decision?: ActivityDecision;
}

/** Test set-up straight through the database: the board's own mutations are not part of this branch. */
export class WorkflowFixtures {
  /** Takes the data source lazily: a restarted test server has a new one. */
  constructor(private readonly dataSource: () => DataSource) {}

  private get ds() {
    return this.dataSource();
  }

  async opdId(code: string): Promise<number> {
    return (await this.ds.getRepository(Opd).findOneByOrFail({ code })).id;
  }

  async agreementIdByCity(cityName: string): Promise<number> {
    const city = await this.ds.getRepository(PartnerCity).findOneByOrFail({ name: cityName });
    return (await this.ds.getRepository(Agreement).findOneByOrFail({ partnerCityId: city.id })).id;
  }

  /** A new agreement with Huế as partner, in the given state, with the given activities. */
  async scratchAgreement(title: string, status: AgreementStatus, activities: FixtureActivity[] = []): Promise<number> {
    const city = await this.ds.getRepository(PartnerCity).findOneByOrFail({ name: 'Huế' });
    const saved = await this.ds.getRepository(Agreement).save(
      this.ds.getRepository(Agreement).create({
        title,
        kind: AgreementKind.OTHER_COOPERATION,
        partnerCityId: city.id,
        scope: 'Test cooperation',
        status,
        statusChangedAt: new Date(),
        loiSignedOn: null,
        dprdApprovedOn: null,
        mouSignedOn: null,
        validityMonths: null,
        expiresOn: null,
        terminationNoticeOn: null,
        reviewRound: 0,
        boardSeq: 0,
        archivedAt: null,
      }),
    );
    await this.addActivities(saved.id, activities);
    return saved.id;
  }

  async addActivities(agreementId: number, activities: FixtureActivity[]): Promise<number[]> {
    const last = await this.ds.getRepository(DraftActivity).findOne({ where: { agreementId }, order: { position: 'DESC' } });
    const keys = keysBetween(last?.position ?? null, null, activities.length);
    const ids: number[] = [];
    for (const [index, activity] of activities.entries()) {
      const row = await this.ds.getRepository(DraftActivity).save(
        this.ds.getRepository(DraftActivity).create({
          agreementId,
          opdId: await this.opdId(activity.opd),
          title: activity.title,
          scope: activity.scope ?? 'Scope of the activity',
          benefit: activity.benefit ?? 'Benefit to both cities',
          output: activity.output ?? 'A concrete output',
          year: null,
          budgetEstimate: null,
          fundingSource: null,
          decision: activity.decision ?? ActivityDecision.ACCEPTED,
          position: keys[index],
          version: 1,
          fieldVersions: {},
          removedAt: null,
          updatedById: null,
        }),
      );
      ids.push(row.id);
    }
    return ids;
  }

  /** Puts an agreement into a state directly, as if it had got there (the matrix tests start from every state). */
  async setState(agreementId: number, status: AgreementStatus, extra: Partial<Agreement> = {}) {
    await this.ds.getRepository(Agreement).update({ id: agreementId }, { status, reviewRound: 0, mouSignedOn: null, dprdApprovedOn: null, loiSignedOn: null, expiresOn: null, ...extra });
  }

  /** Everything a workflow step can change, to prove a refused step changed none of it. */
  async snapshot(agreementId: number) {
    const agreement = await this.ds.getRepository(Agreement).findOneByOrFail({ id: agreementId });
    return {
      status: agreement.status,
      reviewRound: agreement.reviewRound,
      loiSignedOn: agreement.loiSignedOn,
      dprdApprovedOn: agreement.dprdApprovedOn,
      mouSignedOn: agreement.mouSignedOn,
      expiresOn: agreement.expiresOn,
      terminationNoticeOn: agreement.terminationNoticeOn,
      history: await this.ds.getRepository(StatusChange).countBy({ agreementId }),
      documents: await this.ds.getRepository(AgreementDocument).countBy({ agreementId }),
      presentations: await this.ds.getRepository(OpdPresentation).countBy({ agreementId }),
      actionPlans: await this.ds.getRepository(ActionPlan).countBy({ agreementId, supersededAt: IsNull() }),
    };
  }

  /** A presentation by the OPD and an action plan covering the agreement's activities, in review round 1. */
  async addPresentationAndPlan(agreementId: number, opd: string) {
    const opdId = await this.opdId(opd);
    await this.ds.getRepository(OpdPresentation).insert({ agreementId, opdId, reviewRound: 1, presentedOn: TODAY(), note: null, recordedById: null });
    const plan = await this.ds.getRepository(ActionPlan).save(this.ds.getRepository(ActionPlan).create({ agreementId, reviewRound: 1, note: null, attachedById: null, supersededAt: null }));
    const activities = await this.ds.getRepository(DraftActivity).findBy({ agreementId });
    await this.ds.getRepository(ActionPlanItem).insert(
      activities.map((activity, position) => ({ actionPlanId: plan.id, position, activityId: activity.id, responsibleOpdId: opdId, quarter: '2027-Q1', startOn: null, endOn: null, description: null })),
    );
  }

  /** A drafting meeting held and closed just now (straight in the database): what PLAN_DRAFTING → DPRD_REVIEW needs. */
  async closedMeeting(agreementId: number) {
    const now = new Date();
    await this.ds.getRepository(Meeting).insert({
      agreementId, title: 'Rapat pembahasan (fixture)', heldOn: TODAY(), startTime: null, place: 'Ruang Praja Utama', chairName: null, chairOffice: 'Asisten III Sekda',
      state: MeetingState.CLOSED, note: null, openedAt: now, openSeq: 0, closedAt: now, closeSeq: 0, cancelledAt: null, cancelReason: null, openingBoard: null,
      decisionsSnapshot: { fromSeq: 0, toSeq: 0, eventSeqs: [], byOpd: [] }, createdById: null,
    });
  }

  history(agreementId: number) {
    return this.ds.getRepository(StatusChange).find({ where: { agreementId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
