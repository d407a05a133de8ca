import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { BoardEventKind, DraftActivity, User } from '../entities';
import { actorOf, type AuthedContext, type Context } from '../context';
import { DomainError, ErrorCode, unauthenticated } from '../errors';
import { activityFromSnapshot } from '../services/board.service';
import { resumePoint } from '../realtime/board-resume';
import { openBoardStream, type BoardStreamItem } from '../realtime/board-stream';
import type { PresenceEntry } from '../realtime/presence';
import type { BoardEventPayload } from '../events/topics';
import { pinReadsToPrimary } from '../read-routing';
import { Board, BoardEvent, BoardPresence, BoardPresenceUser } from './board.types';
import { AddDraftActivityInput, DraftActivityPatch } from './inputs/board.input';
import { nodeNotFound, parseGlobalId, parseOptionalGlobalId } from '../global-id';

type BoardArgs = { agreementId: string; afterSeq?: number | null };

/** Subscriptions check the socket's user themselves: the auth checker guards field resolution, not `subscribe`. */
function signedIn(context: Context): AuthedContext {
  if (!context.user) throw context.authError ?? unauthenticated();
  return context as AuthedContext;
}

export function presenceOf(agreementId: number, entries: PresenceEntry[]): BoardPresence {
  return {
    agreementId,
    users: entries.map((entry) => ({ userId: entry.userId, activityId: entry.activityId, field: entry.field, since: new Date(entry.since) })),
  };
}

/**
 * One event object per published event, shared by all of a process's subscribers to the board (the
 * feed hands them the same payload): building it is then not repeated per subscriber. Nothing in it
 * depends on who reads it.
 */
const boardEvents = new WeakMap<BoardEventPayload, BoardEvent>();
function boardEventOf(event: BoardEventPayload): BoardEvent {
  let built = boardEvents.get(event);
  if (!built) {
    built = {
      seq: event.seq,
      kind: event.kind,
      activityId: event.activityId,
      activity: event.snapshot ? activityFromSnapshot(event.snapshot) : null,
      changedFields: event.changedFields,
      actorId: event.actorId,
      at: new Date(event.at),
    };
    boardEvents.set(event, built);
  }
  return built;
}

@Authorized()
@Resolver()
export class BoardResolver {
  @Query(() => Board, { description: 'The live draft activity list of an agreement and the sequence number it reflects' })
  board(@Ctx() ctx: AuthedContext, @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string): Promise<Board> {
    // The board and everything read with it must never be older than its event stream: not a replica.
    pinReadsToPrimary();
    return ctx.services.board.board(parseGlobalId(agreementId, 'Agreement', 'agreementId'));
  }

  @Mutation(() => DraftActivity, {
    description:
      "Adds a draft activity between the named neighbours (the server computes its position), while the agreement is in PLAN_DRAFTING. Officers and admins for any OPD, an OPD editor for its own",
  })
  addDraftActivity(
    @Ctx() ctx: AuthedContext,
    // Validated once, by the service (class-validator would check the same rules again).
    @Arg('input', () => AddDraftActivityInput, { description: 'The activity and where it goes', validate: false }) input: AddDraftActivityInput,
  ): Promise<DraftActivity> {
    return ctx.services.board.add(actorOf(ctx), {
      ...input,
      agreementId: parseGlobalId(input.agreementId, 'Agreement', 'agreementId'),
      opdId: parseOptionalGlobalId(input.opdId, 'Opd', 'opdId'),
      afterId: parseOptionalGlobalId(input.afterId, 'DraftActivity', 'afterId'),
      beforeId: parseOptionalGlobalId(input.beforeId, 'DraftActivity', 'beforeId'),
    });
  }

  @Mutation(() => DraftActivity, {
    description: 'Changes the fields present in the patch; VERSION_CONFLICT only if a change after baseVersion touched one of them',
  })
  updateDraftActivity(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the draft activity' }) id: string,
    @Arg('baseVersion', () => Int, { description: 'The version of the activity the client edited (its version when loaded)' }) baseVersion: number,
    @Arg('patch', () => DraftActivityPatch, { description: 'The fields to change; fields left out stay as they are', validate: false }) patch: DraftActivityPatch,
  ): Promise<DraftActivity> {
    return ctx.services.board.update(actorOf(ctx), parseGlobalId(id, 'DraftActivity', 'id'), baseVersion, { ...patch });
  }

  @Mutation(() => DraftActivity, { description: 'Moves an activity between the named neighbours; see its position for where it landed' })
  moveDraftActivity(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the draft activity to move' }) id: string,
    @Arg('afterId', () => ID, { nullable: true, description: 'The opaque global id of the activity it should follow' }) afterId?: string | null,
    @Arg('beforeId', () => ID, { nullable: true, description: 'The opaque global id of the activity it should precede' }) beforeId?: string | null,
  ): Promise<DraftActivity> {
    return ctx.services.board.move(
      actorOf(ctx),
      parseGlobalId(id, 'DraftActivity', 'id'),
      parseOptionalGlobalId(afterId, 'DraftActivity', 'afterId'),
      parseOptionalGlobalId(beforeId, 'DraftActivity', 'beforeId'),
    );
  }

  @Mutation(() => DraftActivity, { description: 'Takes an activity off the board; it keeps its history and can be restored' })
  removeDraftActivity(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the draft activity' }) id: string,
  ): Promise<DraftActivity> {
    return ctx.services.board.remove(actorOf(ctx), parseGlobalId(id, 'DraftActivity', 'id'));
  }

  @Mutation(() => DraftActivity, { description: 'Brings a removed activity back, at its old place if still free, else at the end' })
  restoreDraftActivity(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the removed draft activity' }) id: string,
  ): Promise<DraftActivity> {
    return ctx.services.board.restore(actorOf(ctx), parseGlobalId(id, 'DraftActivity', 'id'));
  }

  @Subscription(() => BoardEvent, {
    description:
      'Board changes after afterSeq (replayed from the log), then live, each exactly once and in order; without afterSeq, from now. ' +
      'Over a connection whose connectionParams.boardResume names this agreementId, after the larger of the two (for clients that reconnect by themselves)',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, BoardArgs, Context>) => {
      const { user, services, realtime, connectionId, boardResume } = signedIn(context);
      const agreementId = parseGlobalId(args.agreementId, 'Agreement', 'agreementId');
      // Keyed by the id exactly as the client wrote it: the client never has to know how ids are made.
      const afterSeq = resumePoint(args.afterSeq ?? null, boardResume?.get(args.agreementId));
      const stream = await openBoardStream({ board: services.board, feed: realtime.boardFeed }, agreementId, afterSeq, realtime.boardFeed.streamOptions, () => {
        if (connectionId) void realtime.presence.exit(connectionId, agreementId);
      });
      if (connectionId) await realtime.presence.enter(connectionId, user.id, agreementId);
      return stream;
    },
  })
  boardEvents(
    @Root() item: BoardStreamItem,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement whose board to follow' }) _agreementId: string,
    @Arg('afterSeq', () => Int, { nullable: true, description: 'The last sequence number the client has applied (Board.seq, or the last event it got)' }) _afterSeq?: number | null,
  ): BoardEvent {
    if (item.type === 'overflow') {
      throw new DomainError(
        ErrorCode.BOARD_STREAM_OVERFLOW,
        `Board events arrived faster than this client read them; subscribe again with afterSeq: ${item.lastSeq}`,
        { lastSeq: item.lastSeq },
      );
    }
    if (item.type === 'resync') {
      return { seq: item.seq, kind: BoardEventKind.RESYNC, activityId: null, activity: null, changedFields: [], actorId: null, at: new Date() };
    }
    return boardEventOf(item.event);
  }

  @Query(() => BoardPresence, { name: 'boardPresence', description: 'Who is on the board now, and what each is editing' })
  async boardPresenceNow(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement' }) agreementId: string,
  ): Promise<BoardPresence> {
    const id = parseGlobalId(agreementId, 'Agreement', 'agreementId');
    if ((await ctx.services.board.currentSeq(id)) === null) throw nodeNotFound('Agreement', id);
    return presenceOf(id, await ctx.realtime.presence.list(id));
  }

  @Subscription(() => BoardPresence, {
    name: 'boardPresence',
    description: 'The presence on a board, now and whenever it changes; subscribing puts you on the board',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, BoardArgs, Context>) => {
      const { user, services, realtime, connectionId } = signedIn(context);
      const agreementId = parseGlobalId(args.agreementId, 'Agreement', 'agreementId');
      if ((await services.board.currentSeq(agreementId)) === null) throw nodeNotFound('Agreement', agreementId);
      if (connectionId) await realtime.presence.enter(connectionId, user.id, agreementId);
      return realtime.presence.watch(agreementId, () => {
        if (connectionId) void realtime.presence.exit(connectionId, agreementId);
      });
    },
  })
  boardPresenceChanges(
    @Root() entries: PresenceEntry[],
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement whose board to watch' }) agreementId: string,
  ): BoardPresence {
    return presenceOf(parseGlobalId(agreementId, 'Agreement', 'agreementId'), entries);
  }

  @Mutation(() => Boolean, {
    description: 'Tells the others on the board which activity and field you are editing (both null: none); false if presence is unavailable',
  })
  async setEditing(
    @Ctx() ctx: AuthedContext,
    @Arg('agreementId', () => ID, { description: 'The opaque global id of the agreement whose board you are on' }) agreementId: string,
    @Arg('activityId', () => ID, { nullable: true, description: 'The opaque global id of the activity you are editing; null for none' }) activityId?: string | null,
    @Arg('field', () => String, { nullable: true, description: 'The field being edited: title, scope, benefit, output, year, budgetEstimate, fundingSource or decision; needs activityId' }) field?: string | null,
  ): Promise<boolean> {
    const id = parseGlobalId(agreementId, 'Agreement', 'agreementId');
    const activity = parseOptionalGlobalId(activityId, 'DraftActivity', 'activityId');
    await ctx.services.board.assertEditingTarget(ctx.user, id, activity, field ?? null);
    return ctx.realtime.presence.setEditing(id, ctx.user.id, activity, field ?? null);
  }
}

@Resolver(() => BoardEvent)
export class BoardEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who made the change' })
  actor(@Root() event: BoardEvent, @Ctx() ctx: Context): Promise<User | null> | null {
    return event.actorId === null ? null : ctx.loaders.user.load(event.actorId);
  }
}

@Resolver(() => BoardPresenceUser)
export class BoardPresenceUserResolver {
  @FieldResolver(() => User, { description: 'Who it is' })
  async user(@Root() entry: BoardPresenceUser, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(entry.userId))!;
  }
}
