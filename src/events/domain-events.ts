import type { Actor } from './actor';
import type { BoardEventKind } from '../entities/enums';
import type { ActivitySnapshot } from '../entities/activity-snapshot';

/**
 * One committed board change as it travels between processes and is replayed from the log. Plain
 * JSON (it crosses Redis): the instant is an ISO string.
 */
export interface BoardEventPayload {
  agreementId: number;
  seq: number;
  kind: BoardEventKind;
  activityId: number | null;
  changedFields: string[];
  snapshot: ActivitySnapshot | null;
  actorId: number | null;
  at: string;
}

/** The kinds of record a domain event is about; the GraphQL type names, so the API can hand out global ids. */
export type RecordType = 'Agreement' | 'PartnerCity' | 'AgreementDocument' | 'DraftActivity' | 'User' | 'Notification' | 'Meeting';

/**
 * What changed, field by field: the value before and after (plain JSON). A created record has no
 * `before`, an archived one gets `archivedAt`. Secrets never appear: a new password is
 * `{ passwordChanged: { after: true } }`.
 */
export type FieldDiff = Record<string, { before?: unknown; after?: unknown }>;

/** What every event carries: who, when, which request, what operation on which record, and the diff. */
export interface EventBase {
  /** The user who made the change; null for the system (the expiry sweep) and failed sign-ins. */
  actorId: number | null;
  /** The actor's email as it was at the time (for a failed sign-in: the email that was tried). */
  actorEmail: string | null;
  requestId: string | null;
  /** The stable name of the operation: the GraphQL mutation (`updateDraftActivity`), `login`, `loginFailed`, `expireLapsed`. */
  operation: string;
  record: { type: RecordType; id: number | null };
  diff: FieldDiff;
  /** When the change was made (ISO instant). Plain JSON throughout: events cross Redis. */
  at: string;
}

/**
 * Every domain event, told apart by `type`. Services record them inside their transaction
 * (`UnitOfWork.record`); the event bus hands them to listeners only after the commit.
 */
export type DomainEvent =
  | (EventBase & { type: 'PartnerCityCreated' | 'PartnerCityUpdated' | 'PartnerCityArchived' })
  | (EventBase & { type: 'AgreementCreated' | 'AgreementUpdated' | 'AgreementArchived'; agreementId: number })
  | (EventBase & { type: 'AgreementAdvanced'; agreementId: number; from: string; to: string })
  | (EventBase & { type: 'DocumentRecorded' | 'DocumentUpdated' | 'DocumentArchived'; agreementId: number })
  | (EventBase & { type: 'OpdPresentationRecorded' | 'ActionPlanRecorded'; agreementId: number })
  | (EventBase & { type: 'BoardChanged'; agreementId: number; board: BoardEventPayload })
  | (EventBase & { type: 'UserCreated' | 'UserChanged' | 'UserDeactivated'; userId: number; revokeSessions: 'deactivated' | 'changed' | null })
  | (EventBase & { type: 'SignInSucceeded' | 'SignInFailed' })
  | (EventBase & { type: 'NotificationAdded'; userId: number; notificationId: number })
  | (EventBase & { type: 'MeetingChanged'; agreementId: number; meetingId: number });

export type DomainEventType = DomainEvent['type'];

/** The agreement an event concerns, if any (the `agreementUpdated` subscription follows these). */
export function agreementOf(event: DomainEvent): number | null {
  return 'agreementId' in event ? event.agreementId : null;
}

/**
 * The fields that differ between two plain objects, limited to `fields`. Values are compared and
 * kept as JSON (Dates as ISO strings), so the diff is what the audit trail stores.
 */
export function diffOf(before: object | null, after: object | null, fields: readonly string[]): FieldDiff {
  const diff: FieldDiff = {};
  for (const field of fields) {
    const was = before ? plain((before as Record<string, unknown>)[field]) : undefined;
    const now = after ? plain((after as Record<string, unknown>)[field]) : undefined;
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    diff[field] = {
      ...(before ? { before: was ?? null } : {}),
      ...(after ? { after: now ?? null } : {}),
    };
  }
  return diff;
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** The common part of an event made by `actor` (null: the system) now. */
export function eventBase(actor: Actor | null, operation: string, record: EventBase['record'], diff: FieldDiff): EventBase {
  return {
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? null,
    requestId: actor?.requestId ?? null,
    operation,
    record,
    diff,
    at: new Date().toISOString(),
  };
}
