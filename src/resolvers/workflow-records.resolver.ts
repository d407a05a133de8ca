import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ActionPlan, ActionPlanItem, DraftActivity, Opd, OpdPresentation, User } from '../entities';
import type { Context } from '../context';
import { WorkflowStep } from './workflow.types';

@Resolver(() => OpdPresentation)
export class OpdPresentationResolver {
  @FieldResolver(() => Opd)
  async opd(@Root() presentation: OpdPresentation, @Ctx() ctx: Context): Promise<Opd> {
    return (await ctx.loaders.opd.load(presentation.opdId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who recorded it' })
  recordedBy(@Root() presentation: OpdPresentation, @Ctx() ctx: Context): Promise<User | null> {
    return presentation.recordedById ? ctx.loaders.user.load(presentation.recordedById) : Promise.resolve(null);
  }
}

@Resolver(() => ActionPlan)
export class ActionPlanResolver {
  @FieldResolver(() => [ActionPlanItem], { description: 'The lines of the plan, in order' })
  items(@Root() plan: ActionPlan, @Ctx() ctx: Context): Promise<ActionPlanItem[]> {
    return ctx.loaders.itemsOfActionPlan.load(plan.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who attached it' })
  attachedBy(@Root() plan: ActionPlan, @Ctx() ctx: Context): Promise<User | null> {
    return plan.attachedById ? ctx.loaders.user.load(plan.attachedById) : Promise.resolve(null);
  }
}

@Resolver(() => ActionPlanItem)
export class ActionPlanItemResolver {
  @FieldResolver(() => DraftActivity)
  async activity(@Root() item: ActionPlanItem, @Ctx() ctx: Context): Promise<DraftActivity> {
    return (await ctx.loaders.activity.load(item.activityId))!;
  }

  @FieldResolver(() => Opd)
  async responsibleOpd(@Root() item: ActionPlanItem, @Ctx() ctx: Context): Promise<Opd> {
    return (await ctx.loaders.opd.load(item.responsibleOpdId))!;
  }
}

@Resolver(() => WorkflowStep)
export class WorkflowStepResolver {
  @FieldResolver(() => Opd, { nullable: true, description: 'OPD_PRESENTED: the OPD that is to present; null otherwise' })
  async opd(@Root() step: WorkflowStep, @Ctx() ctx: Context): Promise<Opd | null> {
    // The checklist read these OPDs through the same loader: no statement of its own.
    return step.opdId === undefined ? null : ctx.loaders.opd.load(step.opdId);
  }
}
