import type { EventBus } from './event-bus';
import type { JalinPubSub } from './pubsub';
import { Topic, boardKey, meetingKey, notificationKey } from './topics';

/**
 * The listener that turns committed domain events into the topics their consumers follow: the
 * `agreementUpdated` subscription (AGREEMENT_UPDATED), the board feed (BOARD_EVENT) and socket
 * revocation (USER_SESSIONS_REVOKED). The PubSub carries each to every process (Redis with
 * REDIS_URL). Services know none of these topics.
 */
export function bridgeEventsToTopics(bus: EventBus, pubSub: JalinPubSub): () => void {
  return bus.onCommitted((event) => {
    switch (event.type) {
      case 'BoardChanged':
        pubSub.publish(Topic.BOARD_EVENT, boardKey(bus.namespace, event.agreementId), event.board);
        return;
      case 'UserCreated':
      case 'UserChanged':
      case 'UserDeactivated':
        if (event.revokeSessions) pubSub.publish(Topic.USER_SESSIONS_REVOKED, bus.namespace, { userId: event.userId, reason: event.revokeSessions });
        return;
      case 'NotificationAdded':
        pubSub.publish(Topic.NOTIFICATION_ADDED, notificationKey(bus.namespace, event.userId), { notificationId: event.notificationId });
        return;
      case 'MeetingChanged':
        pubSub.publish(Topic.MEETING_UPDATED, meetingKey(bus.namespace, event.agreementId), { meetingId: event.meetingId, agreementId: event.agreementId });
        // Closing a meeting changes the agreement's checklist too.
        pubSub.publish(Topic.AGREEMENT_UPDATED, boardKey(bus.namespace, event.agreementId), { agreementId: event.agreementId });
        return;
      default:
        if ('agreementId' in event) {
          pubSub.publish(Topic.AGREEMENT_UPDATED, boardKey(bus.namespace, event.agreementId), { agreementId: event.agreementId });
        }
    }
  });
}
