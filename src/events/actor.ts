import type { Role } from '../entities/enums';

/**
 * Who does a write, as services see it: the user's id, role and OPD (for the access rules), and,
 * for the record, the email as it is now and the request the write belongs to. The one `Actor`
 * type: resolvers build it from their context (`actorOf` in context.ts); a `User` entity fits too
 * (tests and scripts call services with one).
 */
export interface Actor {
  id: number;
  role: Role;
  opdId: number | null;
  /** The actor's email when the write happened (kept in the audit trail: an email can change later). */
  email?: string;
  /** The id of the HTTP request or WebSocket operation that made the write. */
  requestId?: string | null;
}
