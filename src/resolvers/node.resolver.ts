import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AuthedContext } from '../context';
import { Node } from '../entities/node';
import { InputReason, badInput } from '../errors';
import { decodeGlobalId, type NodeTypeName } from '../global-id';
import { assertCanReadUser } from '../services/access-policy';
import { Board, BoardPresence } from './board.types';
import { presenceOf } from './board.resolver';
import { pinReadsToPrimary } from '../read-routing';

/** `nodes` takes at most this many ids (a page's worth). */
export const MAX_NODES = 100;

type Fetch = (ctx: AuthedContext, localId: number) => Promise<object | null> | object | null;

/**
 * How each kind of object is read by id, with the authorization of its own query: through the
 * request's DataLoaders, so `nodes` with many ids of one kind costs one statement for them.
 */
const fetchers: Record<Exclude<NodeTypeName, 'Country'>, Fetch> = {
  Agreement: (ctx, id) => ctx.loaders.agreement.load(id),
  PartnerCity: (ctx, id) => ctx.loaders.partnerCity.load(id),
  Opd: (ctx, id) => ctx.loaders.opd.load(id),
  User: (ctx, id) => {
    assertCanReadUser(ctx.user, id);
    return ctx.loaders.user.load(id);
  },
  DraftActivity: (ctx, id) => ctx.loaders.activity.load(id),
  AgreementDocument: (ctx, id) => ctx.loaders.document.load(id),
  StatusChange: (ctx, id) => ctx.loaders.statusChange.load(id),
  OpdPresentation: (ctx, id) => ctx.loaders.presentation.load(id),
  ActionPlan: (ctx, id) => ctx.loaders.actionPlan.load(id),
  ActionPlanItem: (ctx, id) => ctx.loaders.actionPlanItem.load(id),
  // Only one's own: another user's notification is null, as if there were none.
  Notification: (ctx, id) => ctx.services.notifications.findOwn(ctx.user.id, id),
  Meeting: (ctx, id) => ctx.loaders.meeting.load(id),
  MeetingAttendance: (ctx, id) => ctx.loaders.meetingAttendance.load(id),
  MeetingAgendaItem: (ctx, id) => ctx.loaders.meetingAgendaItem.load(id),
  // A board and its presence are known by their agreement: null when there is no such agreement.
  Board: async (ctx, id) => {
    // As the board query: never older than the board's event stream.
    pinReadsToPrimary();
    return (await ctx.loaders.agreement.load(id)) ? Object.assign(new Board(), await ctx.services.board.board(id)) : null;
  },
  BoardPresence: async (ctx, id) =>
    (await ctx.loaders.agreement.load(id)) ? Object.assign(new BoardPresence(), presenceOf(id, await ctx.realtime.presence.list(id))) : null,
};

function fetchNode(ctx: AuthedContext, id: string, argument: string): Promise<object | null> | object | null {
  const decoded = decodeGlobalId(id);
  if (!decoded) {
    throw badInput(`${argument} ${JSON.stringify(id.slice(0, 64))} is not a valid id: pass an id as the API returned it (ids are opaque strings)`, { argument, reason: InputReason.NOT_AN_ID });
  }
  if (decoded.typeName === 'Country') return ctx.loaders.country.load(decoded.localId as string);
  return fetchers[decoded.typeName](ctx, decoded.localId as number);
}

/** Relay's object identification: any object with an identity, refetched by its global id. */
@Authorized()
@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      'Any object with an identity, by its global id; null when there is none. The same rules as its own query apply (users: admins, or your own)',
  })
  node(@Ctx() ctx: AuthedContext, @Arg('id', () => ID, { description: 'The opaque global id of any Node' }) id: string): Promise<object | null> | object | null {
    return fetchNode(ctx, id, 'id');
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Several objects by their global ids (at most ${MAX_NODES}), in the order asked: null where there is none, and an error at that position for a malformed id or one you may not read`,
  })
  nodes(
    @Ctx() ctx: AuthedContext,
    @Arg('ids', () => [ID], { description: `Opaque global ids of any Nodes, at most ${MAX_NODES}` }) ids: string[],
  ): Promise<(object | Error | null)[]> {
    if (ids.length > MAX_NODES) throw badInput(`nodes takes at most ${MAX_NODES} ids; got ${ids.length}`, { argument: 'ids', reason: InputReason.TOO_MANY, max: MAX_NODES });
    // An Error in the list becomes an error at that position (graphql-js), with null in its place.
    return Promise.all(
      ids.map(async (id, index) => {
        try {
          return await fetchNode(ctx, id, `ids[${index}]`);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
  }
}
