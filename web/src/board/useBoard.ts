import { print } from 'graphql';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JalinClient } from '../data/apollo';
import { BoardEventsSubscription, BoardQuery, BoardSeqQuery } from './documents';
import { applyEvent, emptyBoard, fromBoard, putActivity, type Activity, type BoardEvent, type BoardState } from './boardState';

/**
 * live: connected and up to date; connecting: first load; reconnecting: the socket is down (server
 * restart, network cut) and graphql-ws is retrying; catchingUp: connected again, applying the
 * events missed meanwhile (up to the board's seq as read right after reconnecting).
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'catchingUp';

export interface UseBoard {
  loading: boolean;
  error: Error | null;
  state: BoardState;
  connection: ConnectionState;
  /** A mutation's answer: shown at once, before its event arrives. */
  put(activity: Activity): void;
  /** Shows an optimistic position while a move is in flight (replaced by the server's answer). */
  setLocal(activity: Activity): void;
  /** Events applied and board (re)loads since the page opened (shown to tests as data attributes). */
  stats: { applied: number; loads: number };
}

/**
 * The live board of one agreement: loads `board`, then follows `boardEvents` from its `seq` over the
 * session's WebSocket. The last applied seq is kept in `client.boardResume` (sent at every
 * reconnect as connectionParams.boardResume), so after graphql-ws reconnects by itself the server
 * resumes right after it and each change arrives once; applyEvent skips anything at or below it
 * anyway.
 */
export function useBoard(client: JalinClient, agreementId: string): UseBoard {
  const [state, setState] = useState<BoardState>(emptyBoard);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const stateRef = useRef(state);
  const catchUpTarget = useRef<number | null>(null);
  const stats = useRef({ applied: 0, loads: 0 });

  const commit = useCallback(
    (next: BoardState) => {
      stateRef.current = next;
      client.boardResume[agreementId] = next.seq;
      setState(next);
      if (catchUpTarget.current !== null && next.seq >= catchUpTarget.current) {
        catchUpTarget.current = null;
        setConnection('live');
      }
    },
    [client, agreementId],
  );

  const load = useCallback(async () => {
    const result = await client.apollo.query({ query: BoardQuery, variables: { agreementId }, fetchPolicy: 'network-only' });
    if (!result.data) throw result.error ?? new Error('no board');
    const board = result.data.board;
    stats.current.loads++;
    // A reload never goes back: events applied meanwhile (seq above the board's) stay.
    if (board.seq >= stateRef.current.seq) commit(fromBoard(board.seq, board.activities, stateRef.current));
  }, [client, agreementId]);

  useEffect(() => {
    let active = true;
    let unsubscribe: (() => void) | undefined;
    let everConnected = false;
    let queue = Promise.resolve();

    const onSocket = (socketState: 'connecting' | 'connected' | 'closed') => {
      if (!active) return;
      if (socketState === 'closed' && everConnected) setConnection('reconnecting');
      if (socketState === 'connected') {
        if (!everConnected) {
          everConnected = true;
          setConnection('live');
          return;
        }
        // Back after a drop: caught up once the board's seq as it is now has been applied.
        setConnection('catchingUp');
        client.apollo
          .query({ query: BoardSeqQuery, variables: { agreementId }, fetchPolicy: 'network-only' })
          .then((result) => {
            if (!active || !result.data) return;
            if (stateRef.current.seq >= result.data.board.seq) {
              catchUpTarget.current = null;
              setConnection('live');
            } else catchUpTarget.current = result.data.board.seq;
          })
          .catch(() => undefined); // down again: the next connect asks again
      }
    };
    client.socketListeners.add(onSocket);

    const handle = (event: BoardEvent) => {
      const result = applyEvent(stateRef.current, event);
      if ('resync' in result) {
        // Reload the board (and keep applying what follows: anything at or below its seq is skipped).
        queue = queue.then(() =>
          load().catch((failure) => {
            if (active) setError(failure as Error);
          }),
        );
        return;
      }
      if (result.applied) {
        stats.current.applied++;
        commit(result.state);
      }
    };

    (async () => {
      try {
        await load();
        if (!active) return;
        setLoading(false);
        // The socket may be up already (the presence subscription shares it).
        if (client.socketState() === 'connected') onSocket('connected');
        unsubscribe = client.ws.subscribe<{ boardEvents: BoardEvent }>(
          { query: print(BoardEventsSubscription), variables: { agreementId, afterSeq: stateRef.current.seq } },
          {
            next: (message) => {
              if (!active) return;
              if (message.data?.boardEvents) {
                const event = message.data.boardEvents;
                queue = queue.then(() => handle(event));
              }
              const overflow = message.errors?.find((e) => e.extensions?.code === 'BOARD_STREAM_OVERFLOW');
              if (overflow) setError(new Error(overflow.message));
            },
            error: (failure) => {
              if (active) setError(failure instanceof Error ? failure : new Error(String((failure as { reason?: string })?.reason ?? 'connection closed')));
            },
            complete: () => undefined,
          },
        );
      } catch (failure) {
        if (active) {
          setError(failure as Error);
          setLoading(false);
        }
      }
    })();

    return () => {
      active = false;
      client.socketListeners.delete(onSocket);
      unsubscribe?.();
      delete client.boardResume[agreementId];
    };
  }, [client, agreementId, load, commit]);

  const put = useCallback((activity: Activity) => commit(putActivity(stateRef.current, activity)), [commit]);
  const setLocal = useCallback(
    (activity: Activity) => {
      const items = new Map(stateRef.current.items);
      items.set(activity.id, activity);
      commit({ ...stateRef.current, items });
    },
    [commit],
  );

  return { loading, error, state, connection, put, setLocal, stats: stats.current };
}
