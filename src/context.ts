import type { Loaders } from './loaders';
import type { Services } from './services';
import type { User } from './entities';
import type { DomainError } from './errors';
import type { BoardResume } from './realtime/board-resume';
import type { Realtime } from './realtime';
import type { Actor } from './events/actor';

/** What every resolver gets: who is asking, this request's loaders, and the services. */
export interface Context {
  requestId: string;
  user: User | null;
  /** Why a presented token was refused; raised only where a signed-in user is needed (login still works). */
  authError?: DomainError;
  loaders: Loaders;
  services: Services;
  /** The board feed, presence and agreement updates (subscriptions and presence read them). */
  realtime: Realtime;
  /** The client's address (behind trusted proxies: from X-Forwarded-For, see TRUST_PROXY); sign-ins are throttled by it. */
  clientAddress?: string | null;
  /** The WebSocket connection an operation came over (board presence follows sockets); absent over HTTP. */
  connectionId?: string;
  /** The WebSocket connection's `connectionParams.boardResume`: the client's progress per board, sent at each connect. */
  boardResume?: BoardResume;
}

/** The context of a request that passed the authentication gate. */
export type AuthedContext = Context & { user: User };

/** The signed-in user as the services take them: with their email and this request's id, for the audit trail. */
export function actorOf(ctx: AuthedContext): Actor {
  const { id, role, opdId, email } = ctx.user;
  return { id, role, opdId, email, requestId: ctx.requestId };
}
