import { useEffect, useRef } from 'react';
import type { JalinClient } from '../../data/apollo';

/**
 * Calls `onReconnect` each time the session's WebSocket is connected again after a drop (a server
 * restart, a network cut). graphql-ws re-sends the subscriptions by itself, but what was pushed
 * while the socket was down is lost: a reader of pushed data reads it again here.
 */
export function useOnReconnect(client: JalinClient, onReconnect: () => void) {
  const latest = useRef(onReconnect);
  latest.current = onReconnect;
  useEffect(() => {
    // Connected once already when this mounts: the next 'connected' is a reconnect.
    let dropped = false;
    const listener = (state: 'connecting' | 'connected' | 'closed') => {
      if (state === 'closed') dropped = true;
      if (state === 'connected' && dropped) {
        dropped = false;
        latest.current();
      }
    };
    client.socketListeners.add(listener);
    return () => {
      client.socketListeners.delete(listener);
    };
  }, [client]);
}
