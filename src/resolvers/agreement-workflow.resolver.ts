import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Agreement, AgreementStatus, DprdDecision } from '../entities';
import { actorOf, type AuthedContext, type Context } from '../context';
import { clearLoaders } from '../loaders';
import { DEFAULT_EXPIRY_WINDOW_DAYS } from '../services/workflow/state-machine';
import { OPD_ACTOR_ROLES, REGISTRY_ROLES } from '../services/access-policy';
import { MAX_EXPIRY_WINDOW_DAYS } from '../services/expiry-window';
import { ActionPlanInput, DocumentInput, RenewalInput } from './inputs/workflow.input';
import { LocalDate } from '../scalars/local-date';
import { parseGlobalId } from '../global-id';
import { AgreementConnection, ConnectionArgs } from './connection.types';


/** The agreement workflow from Letter of Intent to MoU (the rules live in AgreementWorkflowService). */
@Resolver(() => Agreement)
export class AgreementWorkflowResolver {
  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, {
    description:
      'Makes a plain step: LOI_SIGNED → PLAN_DRAFTING, PLAN_DRAFTING → DPRD_REVIEW (every activity complete and ACCEPTED), DPRD_APPROVED → CENTRAL_FACILITATION. Officers and admins; INVALID_TRANSITION says what is missing',
  })
  advanceAgreement(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the agreement' }) id: string,
    @Arg('to', () => AgreementStatus, { description: 'The status to move to: PLAN_DRAFTING, DPRD_REVIEW or CENTRAL_FACILITATION, the next one from the current status' }) to: AgreementStatus,
    @Arg('note', () => String, { nullable: true, description: 'Remark kept in the status history (up to 1 000 characters)' }) note?: string,
  ): Promise<Agreement> {
    return ctx.services.workflow.advance(parseGlobalId(id, 'Agreement', 'id'), to, note, actorOf(ctx));
  }

  @Authorized(...OPD_ACTOR_ROLES)
  @Mutation(() => Agreement, {
    description: "Records an OPD's presentation to the DPRD during DPRD_REVIEW; recording it again in the same round corrects it. Officers and admins for any OPD, an OPD editor for its own",
  })
  recordOpdPresentation(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('opdId', () => ID, { description: 'The opaque global id of the OPD that presented' }) opdId: string,
    @Arg('presentedOn', () => LocalDate, { description: 'Day the OPD presented; not in the future' }) presentedOn: string,
    @Arg('note', () => String, { nullable: true, description: 'Remark on the presentation (up to 1 000 characters)' }) note?: string,
  ): Promise<Agreement> {
    return ctx.services.workflow.recordPresentation(parseGlobalId(agreementId, 'Agreement', 'agreementId'), parseGlobalId(opdId, 'Opd', 'opdId'), presentedOn, note, actorOf(ctx));
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Attaches the action plan (rencana aksi) during DPRD_REVIEW; it replaces any earlier plan. Officers and admins' })
  attachActionPlan(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('input', () => ActionPlanInput, { description: 'The plan: a line for every live activity' }) input: ActionPlanInput,
  ): Promise<Agreement> {
    const items = input.items.map((item, index) => ({
      ...item,
      activityId: parseGlobalId(item.activityId, 'DraftActivity', `items[${index}].activityId`),
      responsibleOpdId: parseGlobalId(item.responsibleOpdId, 'Opd', `items[${index}].responsibleOpdId`),
    }));
    return ctx.services.workflow.attachActionPlan(parseGlobalId(agreementId, 'Agreement', 'agreementId'), { note: input.note, items }, actorOf(ctx));
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, {
    description:
      'Records the result of the DPRD working meeting (rapat kerja) during DPRD_REVIEW: APPROVED (needs every presentation of the round and an action plan) moves to DPRD_APPROVED and records a DPRD_DECISION document, RETURNED goes back to PLAN_DRAFTING. Officers and admins',
  })
  recordDprdDecision(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('decision', () => DprdDecision, { description: 'APPROVED or RETURNED' }) decision: DprdDecision,
    @Arg('decidedOn', () => LocalDate, { description: 'Day of the decision; not in the future, not before loiSignedOn' }) decidedOn: string,
    @Arg('reference', () => String, { nullable: true, description: 'Number of the DPRD decision (nomor keputusan)' }) reference?: string,
    @Arg('note', () => String, { nullable: true, description: 'Required when RETURNED: what to redraft (up to 1 000 characters)' }) note?: string,
  ): Promise<Agreement> {
    return ctx.services.workflow.recordDprdDecision(parseGlobalId(agreementId, 'Agreement', 'agreementId'), { decision, decidedOn, reference, note }, actorOf(ctx));
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, {
    description: 'Records a signed document; the LoI (in EXPLORATION) and the MoU (in CENTRAL_FACILITATION) also move the agreement on. Officers and admins',
  })
  recordDocument(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('input', () => DocumentInput, { description: 'The document: its kind, signing day and, for an MoU, validity' }) input: DocumentInput,
  ): Promise<Agreement> {
    return ctx.services.workflow.recordDocument(parseGlobalId(agreementId, 'Agreement', 'agreementId'), input, actorOf(ctx));
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Records a renewal MoU and its new expiry (from MOU_IN_FORCE or EXPIRED, back to MOU_IN_FORCE). Officers and admins' })
  renewAgreement(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('input', () => RenewalInput, { description: 'The renewal MoU: signing day and validity' }) input: RenewalInput,
  ): Promise<Agreement> {
    return ctx.services.workflow.renew(parseGlobalId(agreementId, 'Agreement', 'agreementId'), input, actorOf(ctx));
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Ends an MoU in force after written notice (MOU_IN_FORCE → TERMINATED). Officers and admins' })
  terminateAgreement(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('noticeOn', () => LocalDate, { description: 'Day written notice was given; not in the future, not before mouSignedOn' }) noticeOn: string,
    @Arg('note', () => String, { nullable: true, description: 'Why, kept in the status history (up to 1 000 characters)' }) note?: string,
  ): Promise<Agreement> {
    return ctx.services.workflow.terminate(parseGlobalId(agreementId, 'Agreement', 'agreementId'), noticeOn, note, actorOf(ctx));
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Agreement, { description: 'Calls off an agreement whose MoU is not signed yet (any status before MOU_IN_FORCE → CANCELLED). Officers and admins' })
  cancelAgreement(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
    @Arg('note', { description: 'Why the agreement is called off; required, kept in the status history (up to 1 000 characters)' }) note: string,
  ): Promise<Agreement> {
    return ctx.services.workflow.cancel(parseGlobalId(agreementId, 'Agreement', 'agreementId'), note, actorOf(ctx));
  }

  @Authorized()
  @Query(() => AgreementConnection, { description: 'MoUs in force that lapse within withinDays days, soonest first (a Relay connection; pages of 1–100)' })
  expiringAgreements(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('withinDays', () => Int, { defaultValue: DEFAULT_EXPIRY_WINDOW_DAYS, description: `How many days ahead of today (UTC) to look, 0–${MAX_EXPIRY_WINDOW_DAYS}` }) withinDays: number,
  ): Promise<AgreementConnection> {
    return ctx.services.workflow.expiring(withinDays, page);
  }

  @Authorized()
  @Subscription(() => Agreement, {
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { id: string }, Context>) => {
      const agreementId = parseGlobalId(args.id, 'Agreement', 'id');
      await context.services.workflow.assertExists(agreementId);
      return context.realtime.agreementUpdates(agreementId);
    },
    description: 'Every committed change of one agreement: status steps, documents, presentations, action plan',
  })
  async agreementUpdated(@Root() payload: { agreementId: number }, @Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The opaque global id of the agreement to follow' }) _id: string): Promise<Agreement> {
    clearLoaders(ctx.loaders);
    return (await ctx.loaders.agreement.load(payload.agreementId))!;
  }
}
