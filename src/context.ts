import type { Loaders } from './loaders';
import type { Services } from './services';
import type { User } from './entities';
import type { DomainError } from './errors';
import type { BoardResume } from './subscriptions/board-resume';

/** What every resolver gets: who is asking, this request's loaders, and the services. */
export interface Context {
  requestId: string;
  user: User | null;
  /** Why a presented token was refused; raised only where a signed-in user is needed (login still works). */
  authError?: DomainError;
  loaders: Loaders;
  services: Services;
  /** The client's address (behind trusted proxies: from X-Forwarded-For, see TRUST_PROXY); sign-ins are throttled by it. */
  clientAddress?: string | null;
  /** The WebSocket connection an operation came over (board presence follows sockets); absent over HTTP. */
  connectionId?: string;
  /** The WebSocket connection's `connectionParams.boardResume`: the client's progress per board, sent at each connect. */
  boardResume?: BoardResume;
}

/** The context of a request that passed the authentication gate. */
export type AuthedContext = Context & { user: User };
