import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { ActionPlan, Agreement, AgreementDocument, CooperationField, DraftActivity, Meeting, OpdPresentation, PartnerCity, StatusChange } from '../entities';
import type { Context } from '../context';
import { participatingOpdIds } from '../services/workflow/state-machine';
import { selectsField } from './selection';
import { WorkflowStep } from './workflow.types';
import { GeneratedDocument } from './meeting.types';

/**
 * Every field resolver of `Agreement`, in one place: its registry data, the workflow's checklist and
 * records, its meetings and documents. The queries, mutations and subscriptions that return an
 * agreement live with their subject (agreement.resolver.ts, agreement-workflow.resolver.ts).
 * The registry fields carry `@Authorized()`, as they did on the class that held them before.
 */
@Resolver(() => Agreement)
export class AgreementFieldsResolver {
  @Authorized()
  @FieldResolver(() => PartnerCity, { description: 'The partner city abroad the agreement is with' })
  async partnerCity(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<PartnerCity> {
    return (await ctx.loaders.partnerCity.load(agreement.partnerCityId))!;
  }

  @Authorized()
  @FieldResolver(() => [CooperationField], { description: 'Fields of cooperation (bidang)' })
  fields(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<CooperationField[]> {
    return ctx.loaders.fieldsOfAgreement.load(agreement.id);
  }

  @Authorized()
  @FieldResolver(() => [DraftActivity], { description: 'Draft activities in board order; removed ones are left out' })
  async activities(@Root() agreement: Agreement, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<DraftActivity[]> {
    const activities = await ctx.loaders.activitiesOfAgreement.load(agreement.id);
    // With each OPD attached before the list resolves, every activity resolves synchronously: a page
    // of a thousand activities is not a thousand promises (the OPDs still come in one statement).
    if (selectsField(info, 'opd')) {
      const opds = await ctx.loaders.opd.loadMany([...new Set(activities.map((a) => a.opdId))]);
      const byId = new Map(opds.flatMap((opd) => (opd && !(opd instanceof Error) ? [[opd.id, opd] as const] : [])));
      for (const activity of activities) activity.opd ??= byId.get(activity.opdId);
    }
    return activities;
  }

  @Authorized()
  @FieldResolver(() => [AgreementDocument], { description: 'Signed documents of the agreement (LoI, DPRD decision, MoU, …), by signing day; archived ones left out' })
  documents(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<AgreementDocument[]> {
    return ctx.loaders.documentsOfAgreement.load(agreement.id);
  }

  @Authorized()
  @FieldResolver(() => [StatusChange], { description: 'Status history, oldest first' })
  history(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<StatusChange[]> {
    return ctx.loaders.historyOfAgreement.load(agreement.id);
  }

  @FieldResolver(() => [WorkflowStep], { description: 'What the current state still needs, as a checklist (the same rules that refuse a step)' })
  async nextSteps(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<WorkflowStep[]> {
    const [activities, presentations, actionPlan, meetings] = await Promise.all([
      ctx.loaders.activitiesOfAgreement.load(agreement.id),
      ctx.loaders.presentationsOfAgreement.load(agreement.id),
      ctx.loaders.actionPlanOfAgreement.load(agreement.id),
      ctx.loaders.meetingsOfAgreement.load(agreement.id),
    ]);
    const opds = await ctx.loaders.opd.loadMany(participatingOpdIds(activities));
    const opdCodes = new Map(opds.flatMap((opd) => (opd && !(opd instanceof Error) ? [[opd.id, opd.code] as const] : [])));
    return ctx.services.workflow.nextSteps(agreement, { activities, presentations, actionPlan, opdCodes, meetings });
  }

  @FieldResolver(() => Int, { description: 'Whole days since the agreement entered its current status' })
  daysInStatus(@Root() agreement: Agreement, @Ctx() ctx: Context): number {
    return ctx.services.workflow.daysInStatus(agreement);
  }

  @FieldResolver(() => [OpdPresentation], { description: 'OPD presentations to the DPRD: of the current review round, or of every round' })
  async presentations(
    @Root() agreement: Agreement,
    @Ctx() ctx: Context,
    @Arg('allRounds', { defaultValue: false, description: 'true: the presentations of every review round, oldest first; false: the current round only' }) allRounds: boolean,
  ): Promise<OpdPresentation[]> {
    const all = await ctx.loaders.presentationsOfAgreement.load(agreement.id);
    return allRounds ? all : all.filter((p) => p.reviewRound === agreement.reviewRound);
  }

  @FieldResolver(() => ActionPlan, { nullable: true, description: 'The current action plan (rencana aksi), if one was attached' })
  actionPlan(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<ActionPlan | null> {
    return ctx.loaders.actionPlanOfAgreement.load(agreement.id);
  }

  @FieldResolver(() => [Meeting], { description: 'Its drafting meetings, by day' })
  meetings(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<Meeting[]> {
    return ctx.loaders.meetingsOfAgreement.load(agreement.id);
  }

  @FieldResolver(() => [GeneratedDocument], {
    description: 'The documents Jalin writes for it (DOCX): the activity annex, the action plan once attached, the minutes of each opened meeting',
  })
  async generatedDocuments(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<GeneratedDocument[]> {
    // Through the request's loaders: a page of agreements costs one statement per kind, not one per agreement.
    const [plan, meetings] = await Promise.all([ctx.loaders.actionPlanOfAgreement.load(agreement.id), ctx.loaders.meetingsOfAgreement.load(agreement.id)]);
    return ctx.services.documents.list(agreement.id, plan !== null, meetings);
  }
}
