import type { DataSource, EntityManager } from 'typeorm';
import {
  ActionPlan,
  ActionPlanItem,
  Agreement,
  AgreementDocument,
  AgreementFieldEntry,
  BoardEventKind,
  AgreementStatus,
  ChangeEvent,
  Country,
  DraftActivity,
  Opd,
  OpdPresentation,
  PartnerCity,
  StatusChange,
  User,
  Meeting,
  MeetingAgendaItem,
  MeetingAttendance,
  MeetingState,
  AttendanceStatus,
} from '../entities';
import { IsNull } from 'typeorm';
import { activityState } from '../services/meeting-decisions';
import { addMonths, instantOf } from '../services/dates';
import { keysBetween } from '../services/order-keys';
import { hashPassword } from '../services/password';
import { ADDED_ACTIVITY_FIELDS, boardEvent, newDraftActivity } from '../services/board/board-records';
import * as demo from './demo-data';

export interface SeedOptions {
  /** Create the demo users (never in production). */
  demoUsers: boolean;
  /** Seed only when the database holds no reference data yet (the server's first start). */
  onlyIfEmpty?: boolean;
}

export interface SeedResult {
  created: { countries: number; opds: number; partnerCities: number; agreements: number; users: number };
}

/**
 * Seeds Denpasar's demo story. Every record is found by its natural key first (country code, OPD
 * code, city name, agreement title, user email), so running it again never duplicates anything.
 */
export async function seedDemoData(dataSource: DataSource, options: SeedOptions): Promise<SeedResult> {
  const created = { countries: 0, opds: 0, partnerCities: 0, agreements: 0, users: 0 };
  if (options.onlyIfEmpty !== false && (await dataSource.getRepository(Opd).count()) > 0) return { created };
  const passwordHash = options.demoUsers ? await hashPassword(demo.DEMO_PASSWORD) : null;

  await dataSource.transaction(async (manager) => {
    for (const country of demo.countries) {
      if (!(await manager.existsBy(Country, { code: country.code }))) {
        await manager.insert(Country, country);
        created.countries++;
      }
    }
    const opdIds = new Map<string, number>();
    for (const opd of demo.opds) {
      let row = await manager.findOneBy(Opd, { code: opd.code });
      if (!row) {
        row = await manager.save(Opd, manager.create(Opd, opd));
        created.opds++;
      }
      opdIds.set(opd.code, row.id);
    }
    const userIds = new Map<string, number>();
    if (passwordHash) {
      for (const user of demo.demoUsers) {
        let row = await manager.findOneBy(User, { email: user.email });
        if (!row) {
          row = await manager.save(
            User,
            manager.create(User, {
              email: user.email,
              name: user.name,
              role: user.role,
              opdId: user.opd ? opdIds.get(user.opd)! : null,
              passwordHash,
              active: true,
            }),
          );
          created.users++;
        }
        userIds.set(user.email, row.id);
      }
    }
    const officerId = userIds.get('officer@jalin.local') ?? null;

    const cityIds = new Map<string, number>();
    for (const { key, ...city } of demo.partnerCities) {
      let row = await manager.findOneBy(PartnerCity, { name: city.name, countryCode: city.countryCode });
      if (!row) {
        row = await manager.save(PartnerCity, manager.create(PartnerCity, { ...city, archivedAt: null }));
        created.partnerCities++;
      }
      cityIds.set(key, row.id);
    }

    for (const agreement of demo.agreements) {
      if (await manager.existsBy(Agreement, { title: agreement.title })) continue;
      await seedAgreement(manager, agreement, cityIds.get(agreement.partner)!, opdIds, officerId);
      created.agreements++;
    }
    for (const partner of demo.draftingMeeting.partners) {
      const agreement = demo.agreements.find((a) => a.partner === partner)!;
      await seedDraftingMeeting(manager, agreement.title, opdIds, officerId);
    }
  });
  return { created };
}

/** The article's drafting meeting on one agreement's board, in progress from the board as seeded (once). */
async function seedDraftingMeeting(manager: EntityManager, agreementTitle: string, opdIds: Map<string, number>, actorId: number | null) {
  const m = demo.draftingMeeting;
  const agreement = await manager.findOneByOrFail(Agreement, { title: agreementTitle });
  if (agreement.status !== AgreementStatus.PLAN_DRAFTING || (await manager.existsBy(Meeting, { agreementId: agreement.id, title: m.title }))) return;
  const live = await manager.find(DraftActivity, { where: { agreementId: agreement.id, removedAt: IsNull() }, order: { position: 'ASC', id: 'ASC' } });
  const meeting = await manager.save(
    Meeting,
    manager.create(Meeting, {
      agreementId: agreement.id,
      title: m.title,
      heldOn: m.heldOn,
      startTime: null,
      place: m.place,
      chairName: null,
      chairOffice: m.chairOffice,
      note: m.note,
      state: MeetingState.IN_PROGRESS,
      openedAt: instantOf(m.heldOn),
      openSeq: agreement.boardSeq,
      openingBoard: { seq: agreement.boardSeq, activities: live.map(activityState) },
      closedAt: null,
      closeSeq: null,
      cancelledAt: null,
      cancelReason: null,
      decisionsSnapshot: null,
      createdById: actorId,
    }),
  );
  await manager.insert(MeetingAgendaItem, m.agenda.map((title, index) => ({ meetingId: meeting.id, position: index + 1, title, note: null })));
  const invited = [...new Set([...live.map((a) => a.opdId), ...m.alsoInvited.map((code) => opdIds.get(code)!)])];
  await manager.insert(
    MeetingAttendance,
    invited.map((opdId, index) => ({ meetingId: meeting.id, position: index + 1, opdId, personName: null, personOffice: null, status: AttendanceStatus.INVITED, representedBy: null, recordedById: null })),
  );
}

async function seedAgreement(
  manager: EntityManager,
  agreement: demo.DemoAgreement,
  partnerCityId: number,
  opdIds: Map<string, number>,
  actorId: number | null,
) {
  const last = agreement.history.at(-1)!;
  const saved = await manager.save(
    Agreement,
    manager.create(Agreement, {
      title: agreement.title,
      kind: agreement.kind,
      partnerCityId,
      scope: agreement.scope,
      status: last.to,
      statusChangedAt: instantOf(last.on),
      loiSignedOn: agreement.loiSignedOn ?? null,
      dprdApprovedOn: agreement.dprdApprovedOn ?? null,
      mouSignedOn: agreement.mouSignedOn ?? null,
      validityMonths: agreement.validityMonths ?? null,
      expiresOn: agreement.mouSignedOn && agreement.validityMonths ? addMonths(agreement.mouSignedOn, agreement.validityMonths) : null,
      boardSeq: agreement.activities.length,
      reviewRound: agreement.history.filter((step) => step.to === AgreementStatus.DPRD_REVIEW).length,
      archivedAt: null,
    }),
  );
  await manager.insert(
    AgreementFieldEntry,
    agreement.fields.map((field) => ({ agreementId: saved.id, field })),
  );
  let previous: StatusChange['toStatus'] | null = null;
  for (const step of agreement.history) {
    await manager.insert(StatusChange, { agreementId: saved.id, fromStatus: previous, toStatus: step.to, actorId, note: step.note, at: instantOf(step.on) });
    previous = step.to;
  }
  for (const document of agreement.documents) {
    await manager.insert(AgreementDocument, {
      agreementId: saved.id,
      kind: document.kind,
      number: document.number,
      signedOn: document.signedOn,
      validityMonths: document.validityMonths ?? null,
      validUntil: document.signedOn && document.validityMonths ? addMonths(document.signedOn, document.validityMonths) : null,
      note: document.note ?? null,
      archivedAt: null,
    });
  }
  // Activities enter through the board log like any other change, so a replay from seq 0 rebuilds them.
  const positions = keysBetween(null, null, agreement.activities.length);
  const at = instantOf(agreement.history.at(-1)!.on);
  const activityIds = new Map<string, number>();
  for (const [index, activity] of agreement.activities.entries()) {
    const row = await manager.save(
      newDraftActivity(
        {
          agreementId: saved.id,
          opdId: opdIds.get(activity.opd)!,
          title: activity.title,
          scope: activity.scope,
          benefit: activity.benefit,
          output: activity.output,
          year: activity.year ?? null,
          budgetEstimate: activity.budgetEstimate ?? null,
          fundingSource: activity.fundingSource ?? null,
          decision: activity.decision,
          position: positions[index],
        },
        actorId,
        new Date(),
      ),
    );
    await manager.insert(
      ChangeEvent,
      boardEvent({ agreementId: saved.id, seq: index + 1, kind: BoardEventKind.ADDED, activity: row, changedFields: [...ADDED_ACTIVITY_FIELDS], actorId, at, meetingId: null }),
    );
    activityIds.set(activity.title, row.id);
  }
  for (const presentation of agreement.presentations ?? []) {
    await manager.insert(OpdPresentation, {
      agreementId: saved.id,
      opdId: opdIds.get(presentation.opd)!,
      reviewRound: presentation.round,
      presentedOn: presentation.on,
      note: presentation.note,
      recordedById: actorId,
      createdAt: instantOf(presentation.on),
    });
  }
  if (agreement.actionPlan) {
    const plan = await manager.save(
      ActionPlan,
      manager.create(ActionPlan, {
        agreementId: saved.id,
        reviewRound: agreement.actionPlan.round,
        note: agreement.actionPlan.note,
        attachedById: actorId,
        supersededAt: null,
        createdAt: instantOf(agreement.actionPlan.on),
      }),
    );
    await manager.insert(
      ActionPlanItem,
      agreement.actionPlan.items.map((item, position) => ({
        actionPlanId: plan.id,
        position,
        activityId: activityIds.get(item.activity)!,
        responsibleOpdId: opdIds.get(item.responsibleOpd)!,
        startOn: item.startOn ?? null,
        endOn: item.endOn ?? null,
        quarter: item.quarter ?? null,
        description: item.description ?? null,
      })),
    );
  }
}
