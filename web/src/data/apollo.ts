import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient, type Client } from 'graphql-ws';
import { apiUrl, wsUrl } from './api';

/** Why a session ended without the user asking: shown on the sign-in page. */
export type AuthLostReason = 'expired' | 'revoked';

/** WebSocket close codes after which retrying cannot help: sign in again (4401, 4403) or fix the client (4400). */
const FATAL_CLOSE_CODES = new Set([4400, 4401, 4403]);

export interface ConnectionEvents {
  /** graphql-ws's connection life: 'connecting' | 'connected' | 'closed'. */
  onSocketState?: (state: 'connecting' | 'connected' | 'closed') => void;
}

export interface JalinClient {
  apollo: ApolloClient;
  ws: Client;
  /**
   * The last board event applied per board (agreementId → seq), sent as connectionParams.boardResume
   * at every (re)connect: graphql-ws re-sends each subscription with its first afterSeq, and the
   * server resumes each board after the larger of the two, so no event comes twice.
   */
  boardResume: Record<string, number>;
  /** Listeners of the socket's state (the board's connection badge). */
  socketListeners: Set<(state: 'connecting' | 'connected' | 'closed', code?: number) => void>;
  /** The socket's state now (it is shared by every subscription of the session). */
  socketState(): 'connecting' | 'connected' | 'closed';
  dispose(): void;
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof (value as { code: unknown }).code === 'number';
}

/**
 * One client per signed-in session: HTTP for queries and mutations, one WebSocket (graphql-ws) for
 * subscriptions, both with the token. An UNAUTHENTICATED answer or a 4401/4403 close ends the
 * session (onAuthLost) instead of leaving a page that silently fails.
 */
export function createJalinClient(token: string, onAuthLost: (reason: AuthLostReason) => void): JalinClient {
  const boardResume: Record<string, number> = {};
  const socketListeners = new Set<(state: 'connecting' | 'connected' | 'closed', code?: number) => void>();
  let socketState: 'connecting' | 'connected' | 'closed' = 'closed';
  let lost = false;
  const loseAuth = (reason: AuthLostReason) => {
    if (lost) return;
    lost = true;
    onAuthLost(reason);
  };

  const ws = createClient({
    url: wsUrl(),
    lazy: true,
    retryAttempts: Infinity,
    // Also retry while the server is down (a refused connection is not a close event); never after
    // the server said the token is bad (4401), the user was deactivated or changed role (4403), or
    // the client sent something malformed (4400).
    shouldRetry: (event) => !(isCloseEvent(event) && FATAL_CLOSE_CODES.has(event.code)),
    retryWait: async (retries) => {
      await new Promise((resolve) => setTimeout(resolve, Math.min(300 * 2 ** retries, 3000) + Math.random() * 200));
    },
    connectionParams: () => ({ authorization: `Bearer ${token}`, boardResume: { ...boardResume } }),
    on: {
      connecting: () => {
        socketState = 'connecting';
        socketListeners.forEach((listener) => listener('connecting'));
      },
      connected: () => {
        socketState = 'connected';
        socketListeners.forEach((listener) => listener('connected'));
      },
      closed: (event) => {
        socketState = 'closed';
        const code = isCloseEvent(event) ? event.code : undefined;
        if (code === 4401) loseAuth('expired');
        if (code === 4403) loseAuth('revoked');
        socketListeners.forEach((listener) => listener('closed', code));
      },
    },
  });

  const errorLink = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) loseAuth('expired');
  });
  const http = new HttpLink({ uri: apiUrl(), headers: { authorization: `Bearer ${token}` } });
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(ws),
    ApolloLink.from([errorLink, http]),
  );

  const apollo = new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        // A board and its presence are one per agreement; the activities list is replaced whole.
        Board: { fields: { activities: { merge: false } } },
        BoardPresence: { fields: { users: { merge: false } } },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });

  return {
    apollo,
    ws,
    boardResume,
    socketListeners,
    socketState: () => socketState,
    dispose: () => {
      lost = true;
      void ws.dispose();
      apollo.stop();
      void apollo.clearStore();
    },
  };
}

/** The stable code of a GraphQL error (extensions.code), if the error carries one. */
export function errorCode(error: unknown): string | undefined {
  if (CombinedGraphQLErrors.is(error)) return error.errors[0]?.extensions?.code as string | undefined;
  return undefined;
}

/** extensions of the first GraphQL error. */
export function errorExtensions(error: unknown): Record<string, unknown> | undefined {
  if (CombinedGraphQLErrors.is(error)) return error.errors[0]?.extensions as Record<string, unknown> | undefined;
  return undefined;
}
