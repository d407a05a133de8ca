import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { ActionPlan, Agreement, AgreementStatus, DprdDecision, OpdPresentation } from '../entities';
import type { AuthedContext, Context } from '../context';
import { clearLoaders } from '../loaders';
import { participatingOpdIds } from '../services/agreement-workflow.service';
import { OPD_ACTOR_ROLES, REGISTRY_ROLES } from '../services/access-policy';
import { ActionPlanInput, DocumentInput, RenewalInput } from './inputs/workflow.input';
import { parseGlobalId } from '../global-id';
import { WorkflowStep } from './workflow.types';


/** The agreement workflow from Letter of Intent to MoU (the rules live in AgreementWorkflowService). */
@Resolver(() => Agreement)
export class AgreementWorkflowResolver {
  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Makes a plain step: LOI_SIGNED → PLAN_DRAFTING, PLAN_DRAFTING → DPRD_REVIEW, DPRD_APPROVED → CENTRAL_FACILITATION' })
  advanceAgreement(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the agreement' }) id: string,
    @Arg('to', () => AgreementStatus) to: AgreementStatus,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<Agreement> {
    return ctx.services.workflow.advance(parseGlobalId(id, 'Agreement', 'id'), to, note, ctx.user);
  }

  @Authorized(...OPD_ACTOR_ROLES)
  @Mutation(() => Agreement, { description: "Records an OPD's presentation to the DPRD (during DPRD_REVIEW); an OPD editor records its own OPD's" })
  recordOpdPresentation(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('opdId', () => ID, { description: 'The opaque global id of the OPD that presented' }) opdId: string,
    @Arg('presentedOn', { description: 'YYYY-MM-DD' }) presentedOn: string,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<Agreement> {
    return ctx.services.workflow.recordPresentation(parseGlobalId(agreementId, 'Agreement', 'agreementId'), parseGlobalId(opdId, 'Opd', 'opdId'), presentedOn, note, ctx.user);
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Attaches the action plan (rencana aksi) during DPRD_REVIEW; it replaces any earlier plan' })
  attachActionPlan(@Ctx() ctx: AuthedContext, @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string, @Arg('input', () => ActionPlanInput) input: ActionPlanInput): Promise<Agreement> {
    const items = input.items.map((item, index) => ({
      ...item,
      activityId: parseGlobalId(item.activityId, 'DraftActivity', `items[${index}].activityId`),
      responsibleOpdId: parseGlobalId(item.responsibleOpdId, 'Opd', `items[${index}].responsibleOpdId`),
    }));
    return ctx.services.workflow.attachActionPlan(parseGlobalId(agreementId, 'Agreement', 'agreementId'), { note: input.note, items }, ctx.user);
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Records the result of the DPRD working meeting (rapat kerja): APPROVED moves to DPRD_APPROVED, RETURNED back to PLAN_DRAFTING' })
  recordDprdDecision(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('decision', () => DprdDecision) decision: DprdDecision,
    @Arg('decidedOn', { description: 'YYYY-MM-DD' }) decidedOn: string,
    @Arg('reference', () => String, { nullable: true, description: 'Number of the DPRD decision' }) reference?: string,
    @Arg('note', () => String, { nullable: true, description: 'Required when RETURNED: what to redraft' }) note?: string,
  ): Promise<Agreement> {
    return ctx.services.workflow.recordDprdDecision(parseGlobalId(agreementId, 'Agreement', 'agreementId'), { decision, decidedOn, reference, note }, ctx.user);
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Records a signed document; the LoI (in EXPLORATION) and the MoU (in CENTRAL_FACILITATION) also move the agreement on' })
  recordDocument(@Ctx() ctx: AuthedContext, @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string, @Arg('input', () => DocumentInput) input: DocumentInput): Promise<Agreement> {
    return ctx.services.workflow.recordDocument(parseGlobalId(agreementId, 'Agreement', 'agreementId'), input, ctx.user);
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Records a renewal MoU and its new expiry (from MOU_IN_FORCE or EXPIRED)' })
  renewAgreement(@Ctx() ctx: AuthedContext, @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string, @Arg('input', () => RenewalInput) input: RenewalInput): Promise<Agreement> {
    return ctx.services.workflow.renew(parseGlobalId(agreementId, 'Agreement', 'agreementId'), input, ctx.user);
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Ends an MoU in force, after written notice' })
  terminateAgreement(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('noticeOn', { description: 'YYYY-MM-DD: when written notice was given' }) noticeOn: string,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<Agreement> {
    return ctx.services.workflow.terminate(parseGlobalId(agreementId, 'Agreement', 'agreementId'), noticeOn, note, ctx.user);
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Calls off an agreement whose MoU is not signed yet' })
  cancelAgreement(@Ctx() ctx: AuthedContext, @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string, @Arg('note', { description: 'Why' }) note: string): Promise<Agreement> {
    return ctx.services.workflow.cancel(parseGlobalId(agreementId, 'Agreement', 'agreementId'), note, ctx.user);
  }

  @Authorized()
  @Query(() => [Agreement], { description: 'MoUs in force that lapse within withinDays days (0–3650), soonest first' })
  expiringAgreements(@Ctx() ctx: Context, @Arg('withinDays', () => Int, { defaultValue: 180 }) withinDays: number): Promise<Agreement[]> {
    return ctx.services.workflow.expiring(withinDays);
  }

  @Authorized()
  @Subscription(() => Agreement, {
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { id: string }, Context>) => context.services.workflow.watch(parseGlobalId(args.id, 'Agreement', 'id')),
    description: 'Every committed change of one agreement: status steps, documents, presentations, action plan',
  })
  async agreementUpdated(@Root() payload: { agreementId: number }, @Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The opaque global id of the agreement to follow' }) _id: string): Promise<Agreement> {
    clearLoaders(ctx.loaders);
    return (await ctx.loaders.agreement.load(payload.agreementId))!;
  }

  @FieldResolver(() => [WorkflowStep], { description: 'What the current state still needs, as a checklist (the same rules that refuse a step)' })
  async nextSteps(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<WorkflowStep[]> {
    const [activities, presentations, actionPlan] = await Promise.all([
      ctx.loaders.activitiesOfAgreement.load(agreement.id),
      ctx.loaders.presentationsOfAgreement.load(agreement.id),
      ctx.loaders.actionPlanOfAgreement.load(agreement.id),
    ]);
    const opds = await ctx.loaders.opd.loadMany(participatingOpdIds(activities));
    const opdCodes = new Map(opds.flatMap((opd) => (opd && !(opd instanceof Error) ? [[opd.id, opd.code] as const] : [])));
    return ctx.services.workflow.nextSteps(agreement, { activities, presentations, actionPlan, opdCodes });
  }

  @FieldResolver(() => Int, { description: 'Whole days since the agreement entered its current status' })
  daysInStatus(@Root() agreement: Agreement, @Ctx() ctx: Context): number {
    return ctx.services.workflow.daysInStatus(agreement);
  }

  @FieldResolver(() => [OpdPresentation], { description: 'OPD presentations to the DPRD: of the current review round, or of every round' })
  async presentations(
    @Root() agreement: Agreement,
    @Ctx() ctx: Context,
    @Arg('allRounds', { defaultValue: false }) allRounds: boolean,
  ): Promise<OpdPresentation[]> {
    const all = await ctx.loaders.presentationsOfAgreement.load(agreement.id);
    return allRounds ? all : all.filter((p) => p.reviewRound === agreement.reviewRound);
  }

  @FieldResolver(() => ActionPlan, { nullable: true, description: 'The current action plan (rencana aksi), if one was attached' })
  actionPlan(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<ActionPlan | null> {
    return ctx.loaders.actionPlanOfAgreement.load(agreement.id);
  }
}
