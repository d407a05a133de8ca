import { useQuery, useSubscription } from '@apollo/client/react';
import { useMemo } from 'react';
import { useSession } from '../../auth/AuthProvider';
import type { MeetingPanelMeetingFragment } from '../../gql/graphql';
import { MeetingPanelQuery, MeetingUpdatedSubscription } from './queries';
import { useOnReconnect } from './useOnReconnect';

interface Options {
  /** A push about a meeting already listed (the cache has taken it in by itself). */
  onKnownMeetingPushed?(meeting: MeetingPanelMeetingFragment): void;
  /** After a reconnect, besides reading the meetings again. */
  onReconnect?(): void;
}

/**
 * An agreement's meetings (the board's meeting query, one cache entry for every reader), kept
 * current: `meetingUpdated` replaces a known meeting in the cache by its id, a meeting not listed
 * yet (scheduled elsewhere) reads the list again, and so does a reconnect, since what was pushed
 * while the socket was down is lost.
 */
export function useLiveMeetings(agreementId: string, { onKnownMeetingPushed, onReconnect }: Options = {}) {
  const { client } = useSession();
  const page = useQuery(MeetingPanelQuery, { variables: { agreementId } });
  const meetings = page.data?.agreement?.meetings;
  const knownIds = useMemo(() => new Set((meetings ?? []).map((m) => m.id)), [meetings]);
  useSubscription(MeetingUpdatedSubscription, {
    variables: { agreementId },
    onData: ({ data }) => {
      const pushed = data.data?.meetingUpdated;
      if (pushed && !knownIds.has(pushed.id)) void page.refetch();
      else if (pushed) onKnownMeetingPushed?.(pushed);
    },
  });
  useOnReconnect(client, () => {
    void page.refetch();
    onReconnect?.();
  });
  return page;
}
