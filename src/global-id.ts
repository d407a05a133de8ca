import { InputReason, badInput, notFound } from './errors';

/**
 * Global ids: every object with an identity is known to clients by one opaque string, the base64 of
 * `TypeName:localId` (graphql-relay's convention), e.g. `Agreement:12` → `QWdyZWVtZW50OjEy`. Clients
 * keep and send them back as they got them; the server encodes them where values leave the API (the
 * GraphQL fields, error details) and decodes them where they come in (every id argument), so the
 * database and the board log keep their plain numeric ids.
 */

/** The kinds of object with an identity, as their GraphQL type names. */
export const NODE_TYPES = [
  'Agreement',
  'PartnerCity',
  'Country',
  'Opd',
  'User',
  'DraftActivity',
  'AgreementDocument',
  'StatusChange',
  'OpdPresentation',
  'ActionPlan',
  'ActionPlanItem',
  'Board',
  'BoardPresence',
  'Notification',
  'Meeting',
  'MeetingAttendance',
  'MeetingAgendaItem',
] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

/** Numeric local ids are positive whole numbers that fit the databases' `int`. */
const LOCAL_NUMBER = /^[1-9]\d{0,9}$/;
const MAX_INT = 2147483647;
/** Country ids are ISO 3166-1 alpha-2 codes. */
const LOCAL_CODE = /^[A-Z]{2}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Longer than any id handed out: refused before decoding. */
const MAX_LENGTH = 64;

/**
 * The global id of an object: synchronous and cheap, since it runs for every `id` of a large page.
 * Type names and local ids are ASCII, so `btoa` gives the same base64 as a UTF-8 Buffer, a few
 * times faster.
 */
export function toGlobalId(typeName: NodeTypeName, localId: number | string): string {
  return btoa(`${typeName}:${localId}`);
}

export interface DecodedId {
  typeName: NodeTypeName;
  /** A number, or a country's ISO code. */
  localId: number | string;
}

const article = (typeName: string) => (/^[AEIOU]/.test(typeName) ? `an ${typeName}` : `a ${typeName}`);
const shown = (value: string) => JSON.stringify(value.length > MAX_LENGTH ? `${value.slice(0, MAX_LENGTH)}…` : value);

/**
 * Any global id this API hands out, whatever its kind, or undefined when the string is not one
 * (not canonical base64, an unknown type name, a local id of the wrong shape).
 */
export function decodeGlobalId(value: string): DecodedId | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH || !BASE64.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const typeName = decoded.slice(0, colon) as NodeTypeName;
  const local = decoded.slice(colon + 1);
  if (!NODE_TYPES.includes(typeName)) return undefined;
  if (typeName === 'Country') return LOCAL_CODE.test(local) ? { typeName, localId: local } : undefined;
  if (!LOCAL_NUMBER.test(local) || Number(local) > MAX_INT) return undefined;
  // Only the canonical spelling is accepted, so that one object has exactly one id.
  if (toGlobalId(typeName, local) !== value) return undefined;
  return { typeName, localId: Number(local) };
}

type NumericNode = Exclude<NodeTypeName, 'Country'>;

/**
 * The local id in a global id of the expected kind. A malformed id, a raw number, or the id of
 * another kind of object is the client's mistake: BAD_USER_INPUT naming the argument.
 */
export function parseGlobalId(value: string, expected: NumericNode, argument: string): number {
  const decoded = decodeGlobalId(value);
  if (!decoded) {
    throw badInput(`${argument} ${shown(value)} is not a valid id: pass the id of ${article(expected)} as the API returned it (ids are opaque strings)`, {
      argument,
      reason: InputReason.NOT_AN_ID,
      expectedType: expected,
    });
  }
  if (decoded.typeName !== expected) {
    throw badInput(`${argument} ${shown(value)} is not ${article(expected)} id (it names ${article(decoded.typeName)})`, { argument, reason: InputReason.WRONG_ID_TYPE, expectedType: expected, actualType: decoded.typeName });
  }
  return decoded.localId as number;
}

export function parseOptionalGlobalId(value: string | null | undefined, expected: NumericNode, argument: string): number | null {
  return value === null || value === undefined ? null : parseGlobalId(value, expected, argument);
}

/** NOT_FOUND for an object, named by the global id the client knows it by (`extensions.id`). */
export function nodeNotFound(typeName: NodeTypeName, localId: number | string) {
  return notFound(typeName, toGlobalId(typeName, localId));
}
