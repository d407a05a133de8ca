import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeetingPanelDecisionsFragment, MeetingState } from '../../gql/graphql';
import { MeetingDecisionsQuery } from './queries';

export interface LiveDecisions {
  decisions: MeetingPanelDecisionsFragment | null;
  error: Error | null;
  /** Asks again now: a decision's note was written, or the connection came back after a drop. */
  refresh(): void;
}

/**
 * A meeting's decisions, kept current: while it is IN_PROGRESS they are asked again whenever the
 * board's sequence number moves (every board change arrives through the board's event stream, and
 * the server computes the decisions from the log); once CLOSED they are asked once (frozen).
 * One request at a time: a change during a request asks again after it, so the last answer shown
 * is never older than the last board change seen, and an older answer never replaces a newer one.
 */
export function useLiveDecisions(meetingId: string | null, state: MeetingState | null, boardSeq: number): LiveDecisions {
  const client = useApolloClient();
  const [decisions, setDecisions] = useState<MeetingPanelDecisionsFragment | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const running = useRef(false);
  const again = useRef(false);
  /** The meeting whose decisions to show now; null while none (or once the panel is gone). */
  const target = useRef<string | null>(null);

  const wanted = meetingId !== null && (state === 'IN_PROGRESS' || state === 'CLOSED');
  // While in progress every board change counts; a closed meeting's decisions never change.
  const trigger = state === 'IN_PROGRESS' ? boardSeq : -1;

  const ask = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        const id = target.current;
        if (id === null) break;
        const result = await client.query({ query: MeetingDecisionsQuery, variables: { id }, fetchPolicy: 'network-only' });
        if (target.current !== id) {
          again.current = true; // another meeting meanwhile: ask about that one
          continue;
        }
        setDecisions(result.data?.meeting?.decisions ?? null);
        setError(null);
      } while (again.current);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      running.current = false;
    }
  }, [client]);

  useEffect(() => {
    setDecisions(null);
    setError(null);
  }, [meetingId]);

  useEffect(() => {
    target.current = wanted ? meetingId : null;
    if (target.current !== null) void ask();
  }, [ask, meetingId, wanted, state, trigger]);

  useEffect(
    () => () => {
      target.current = null;
    },
    [],
  );

  const refresh = useCallback(() => {
    if (target.current !== null) void ask();
  }, [ask]);

  return { decisions, error, refresh };
}
