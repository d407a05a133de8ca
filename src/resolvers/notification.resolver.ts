import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Agreement, Notification } from '../entities';
import type { AuthedContext, Context } from '../context';
import { unauthenticated } from '../errors';
import { parseGlobalId } from '../global-id';
import { ConnectionArgs, NotificationConnection } from './connection.types';

/** The signed-in user's own notifications; nobody reads or marks anyone else's (the service filters by the user). */
@Authorized()
@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The signed-in user's own notifications, newest first (a Relay connection; pages of 1–100)" })
  notifications(
    @Ctx() ctx: AuthedContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('unreadOnly', () => Boolean, { nullable: true, defaultValue: false, description: 'Only those not marked read yet' }) unreadOnly: boolean,
  ): Promise<NotificationConnection> {
    return ctx.services.notifications.list(ctx.user.id, unreadOnly, page);
  }

  @Mutation(() => [Notification], {
    description: "Marks some of the signed-in user's notifications read (those already read keep their time) and returns them; at most 100 ids. An id that is not one of the user's own is NOT_FOUND, and then none is marked",
  })
  markNotificationsRead(
    @Ctx() ctx: AuthedContext,
    @Arg('ids', () => [ID], { description: 'The opaque global ids of the notifications' }) ids: string[],
  ): Promise<Notification[]> {
    return ctx.services.notifications.markRead(ctx.user.id, ids.map((id) => parseGlobalId(id, 'Notification', 'ids')));
  }

  @Subscription(() => Notification, {
    description: "Each new notification of the signed-in user, as it is made (a user hears only their own)",
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, never>, Context>) => {
      if (!context.user) throw context.authError ?? unauthenticated();
      return context.realtime.notificationsOf(context.user.id);
    },
  })
  async notificationAdded(@Root() payload: { notificationId: number }, @Ctx() ctx: AuthedContext): Promise<Notification> {
    // Read back for this user: the topic is theirs alone, and the row is theirs or there is nothing to send.
    const notification = await ctx.services.notifications.findOwn(ctx.user.id, payload.notificationId);
    if (!notification) throw new Error(`notification ${payload.notificationId} was announced but is not there for user ${ctx.user.id}`);
    return notification;
  }

  @FieldResolver(() => Agreement, { description: 'The agreement the notification is about' })
  async agreement(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Agreement> {
    return (await ctx.loaders.agreement.load(notification.agreementId))!;
  }
}
