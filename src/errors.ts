import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  ARRAY_UNIQUE,
  IS_EMAIL,
  IS_INT,
  IS_ISO31661_ALPHA_2,
  IS_LENGTH,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  getMetadataStorage,
  type ValidationError,
} from 'class-validator';
import type { Config } from './config';
import { LocalDateError } from './scalars/local-date';
import { SERVICE_UNAVAILABLE_MESSAGE, isOutage } from './outage';

/** The stable codes a client can rely on in `extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  BOARD_LOCKED = 'BOARD_LOCKED',
  ACTIVITY_REMOVED = 'ACTIVITY_REMOVED',
  /** A board subscriber fell too far behind; it resubscribes with `afterSeq` = the last seq it got. */
  BOARD_STREAM_OVERFLOW = 'BOARD_STREAM_OVERFLOW',
  /** The operation's estimated cost is over the limit (MAX_QUERY_COST). */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** A WebSocket already runs its maximum number of operations (WS_MAX_SUBSCRIPTIONS_PER_SOCKET). */
  TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS',
  /** The database or Redis does not answer for now (HTTP 503 with Retry-After): retry in a few seconds. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** Too many failed sign-ins for this account or from this address: `extensions.retryAfterSeconds` says when to try again. */
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  /** Verify mode only (GRAPHQL_EXECUTION=verify, tests): the compiled execution answered differently from graphql-js. */
  EXECUTION_MISMATCH = 'EXECUTION_MISMATCH',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * Why an input was refused, in `extensions.reason` of every BAD_USER_INPUT (and in `reasons[]` of
 * each `fields[]` item): a stable English identifier a client words itself (the web client in
 * Indonesian), with the rule's parameters beside it (`max`, `min`, `format`, `unknown`,
 * `expectedType`, …). The message stays English for API clients and may change; these do not.
 */
export enum InputReason {
  /** Nothing was given where something is needed: empty text, a missing argument, an empty list. */
  REQUIRED = 'REQUIRED',
  /** Text of only spaces, control or zero-width characters. */
  NO_LETTER_OR_DIGIT = 'NO_LETTER_OR_DIGIT',
  /** Text longer than `max` characters. */
  TOO_LONG = 'TOO_LONG',
  /** Text shorter than `min` characters. */
  TOO_SHORT = 'TOO_SHORT',
  /** A list of more than `max` items. */
  TOO_MANY = 'TOO_MANY',
  /** A list of fewer than `min` items. */
  TOO_FEW = 'TOO_FEW',
  /** A number outside `min`–`max`. */
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  /** A number with a fraction where the rule wants a whole one (whole Rupiah, a count). */
  NOT_WHOLE_NUMBER = 'NOT_WHOLE_NUMBER',
  /** Not a calendar day written YYYY-MM-DD. */
  NOT_A_DATE = 'NOT_A_DATE',
  /** A date before the one it must follow (`after`, when the rule knows it). */
  DATE_ORDER = 'DATE_ORDER',
  /** A step dated after today. */
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  /** Not written as `format` says (HH:MM, 2026-Q3, EMAIL). */
  WRONG_FORMAT = 'WRONG_FORMAT',
  /** Country codes that are not ISO 3166-1 alpha-2 countries (`unknown`). */
  UNKNOWN_COUNTRY = 'UNKNOWN_COUNTRY',
  /** An id or code that names nothing here (an OPD that does not exist, an activity of another board). */
  UNKNOWN_REFERENCE = 'UNKNOWN_REFERENCE',
  /** Already taken (an email) or given twice. */
  DUPLICATE = 'DUPLICATE',
  /** Not an id the API handed out. */
  NOT_AN_ID = 'NOT_AN_ID',
  /** The id of another kind of object than `expectedType`. */
  WRONG_ID_TYPE = 'WRONG_ID_TYPE',
  /** The record is archived and cannot be changed or used. */
  ARCHIVED = 'ARCHIVED',
  /** The record is still used by others (a partner city with live agreements). */
  IN_USE = 'IN_USE',
  /** The request changes nothing. */
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  /** Arguments that do not go together (one or the other, not both; a value only allowed with another). */
  CONFLICTING_ARGUMENTS = 'CONFLICTING_ARGUMENTS',
  /** Something the rule needs is missing from a list (an action plan without a line for an activity). */
  INCOMPLETE = 'INCOMPLETE',
  /** A renewal whose end is already past. */
  ALREADY_LAPSED = 'ALREADY_LAPSED',
  /** Text with half a character (a lone UTF-16 surrogate). */
  NOT_WELL_FORMED_TEXT = 'NOT_WELL_FORMED_TEXT',
  /** A variable that does not fit its GraphQL type. */
  WRONG_TYPE = 'WRONG_TYPE',
  /** Several input fields break their rules: `fields[]` says which and why. */
  INVALID_FIELDS = 'INVALID_FIELDS',
  /** Any other rule: the message says which. */
  INVALID = 'INVALID',
}

/** The details of an input refusal: its reason and the rule's parameters, and the argument at fault. */
export interface BadInputDetails {
  reason?: InputReason;
  argument?: string;
  [parameter: string]: unknown;
}

/** One problem of one input field, as `fields[].reasons[]` carries it (beside `problems[]`, in the same order). */
export interface ProblemReason {
  reason: InputReason;
  [parameter: string]: unknown;
}

/**
 * An expected failure of the domain: services throw it, the GraphQL edge turns it into an error
 * with `extensions.code` and whatever details the client needs to act (never internals).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string | number) => new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`, { id: String(id) });
/** An input refusal; a rule that names no reason is INVALID, the one default. */
export const badInput = (message: string, details: BadInputDetails = {}) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { ...details, reason: details.reason ?? InputReason.INVALID });
export const forbidden = (message = 'You are not allowed to do this') => new DomainError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'Sign in first: send a valid "Authorization: Bearer <token>" header') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);

/**
 * A sign-in refused by the throttle. Over HTTP it is a 429 with `Retry-After`: graphql-js copies an
 * error's own `extensions` onto the GraphQL error, and Apollo takes the status and headers from
 * `extensions.http` (and removes it from what the client sees).
 */
export function tooManyAttempts(retryAfterSeconds: number): DomainError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const when = retryAfterSeconds < 120 ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` : `${minutes} minutes`;
  const error = new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, `Too many failed sign-ins; try again in ${when}`, { retryAfterSeconds });
  const headers = new Map([['retry-after', String(retryAfterSeconds)]]);
  Object.assign(error, { extensions: { http: { status: 429, headers } } });
  return error;
}

export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
}

/** Apollo's own codes for malformed requests; their messages are safe to show as they are. */
const SAFE_APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // Our own codes, except the one that marks an unexpected error: its message is never shown.
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
]);

/**
 * The one place where any error becomes what a client sees. Known errors keep their code and
 * message; anything else reaches the client as a bare INTERNAL_SERVER_ERROR, so no stack trace or
 * SQL ever leaks.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    const shaped = toGraphQLError(original);
    return { message: shaped.message, locations: formatted.locations, path: formatted.path, extensions: shaped.extensions };
  }
  if (original instanceof ArgumentValidationError) {
    const fields = original.extensions.validationErrors.map(fieldProblems);
    const summary = fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
    return {
      message: `Invalid input: ${summary}`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: InputReason.INVALID_FIELDS, fields },
    };
  }
  // A bad date written in the query text fails graphql-js's validation; it is the same mistake as a
  // bad date in a variable (which Apollo answers BAD_USER_INPUT), so it gets the same code.
  if (original instanceof LocalDateError || (original instanceof GraphQLError && original.originalError instanceof LocalDateError)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: InputReason.NOT_A_DATE } };
  }
  // The database or Redis is away: not a bug to hide but a moment to wait (src/outage.ts decides).
  if (isOutage(original)) {
    return { message: SERVICE_UNAVAILABLE_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && SAFE_APOLLO_CODES.has(code) && !(original instanceof Error && original.constructor.name.endsWith('QueryFailedError'))) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    // Apollo's and graphql-js's own input refusals (a variable that does not fit its type) get a reason too.
    if (code === ErrorCode.BAD_USER_INPUT && extensions.reason === undefined) extensions.reason = InputReason.WRONG_TYPE;
    return { ...formatted, extensions };
  }
  // The details were logged with the request id (see the logging plugin), which the edge adds here.
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** class-validator's constraint names (the decorators on the input types) → the reason each means. */
const CONSTRAINT_REASONS: Record<string, (parameters: unknown[]) => ProblemReason> = {
  [MAX_LENGTH]: ([max]) => ({ reason: InputReason.TOO_LONG, max }),
  // At least one character is how the inputs say "required".
  [MIN_LENGTH]: ([min]) => (min === 1 ? { reason: InputReason.REQUIRED } : { reason: InputReason.TOO_SHORT, min }),
  [IS_LENGTH]: ([min, max]) => ({ reason: InputReason.WRONG_FORMAT, min, max }),
  [MIN]: ([min]) => ({ reason: InputReason.OUT_OF_RANGE, min }),
  [MAX]: ([max]) => ({ reason: InputReason.OUT_OF_RANGE, max }),
  [IS_INT]: () => ({ reason: InputReason.NOT_WHOLE_NUMBER }),
  [IS_EMAIL]: () => ({ reason: InputReason.WRONG_FORMAT, format: 'EMAIL' }),
  [MATCHES]: () => ({ reason: InputReason.WRONG_FORMAT }),
  [ARRAY_MIN_SIZE]: ([min]) => (min === 1 ? { reason: InputReason.REQUIRED } : { reason: InputReason.TOO_FEW, min }),
  [ARRAY_MAX_SIZE]: ([max]) => ({ reason: InputReason.TOO_MANY, max }),
  [ARRAY_UNIQUE]: () => ({ reason: InputReason.DUPLICATE }),
  [IS_ISO31661_ALPHA_2]: () => ({ reason: InputReason.UNKNOWN_COUNTRY }),
};

/**
 * One `fields[]` item of a class-validator refusal: its problems as class-validator words them (a
 * documented contract) and, in the same order, the reason of each with the decorator's parameters,
 * read from class-validator's metadata of the input type.
 */
function fieldProblems(error: ValidationError): { field: string; problems: string[]; reasons: ProblemReason[] } {
  const names = Object.keys(error.constraints ?? {});
  const target = error.target?.constructor;
  const metadata = target ? getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).filter((m) => m.propertyName === error.property) : [];
  const reasons = names.map((name) => {
    const parameters = metadata.find((m) => m.name === name)?.constraints ?? [];
    return CONSTRAINT_REASONS[name]?.(parameters) ?? { reason: InputReason.INVALID };
  });
  // Min and Max on one field are one range: a refusal by either says both bounds.
  const bound = (name: string): unknown => metadata.find((m) => m.name === name)?.constraints?.[0];
  const range = Object.fromEntries([[MIN, bound(MIN)], [MAX, bound(MAX)]].filter(([, value]) => value !== undefined));
  return {
    field: error.property,
    problems: Object.values(error.constraints ?? {}),
    reasons: reasons.map((r) => (r.reason === InputReason.OUT_OF_RANGE ? { ...r, ...range } : r)),
  };
}

/**
 * Whether an error is one a person must look at: what the client sees as INTERNAL_SERVER_ERROR (the
 * same decision as `formatError`'s). Everything else is the client's mistake, told by its code.
 */
export function isUnexpectedError(error: GraphQLError): boolean {
  return formatError(error.toJSON(), error).extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR;
}

/** The distinct codes of the errors a client was sent, for the one log line of its request. */
export function codesOf(errors: readonly GraphQLFormattedError[]): string[] {
  return [...new Set(errors.map((error) => String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR)))];
}

/** graphql-js's hint at names in the schema, as Apollo's hideSchemaDetailsFromClientErrors matches it. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * `formatError`, plus, in production, without graphql-js's "Did you mean …?" hints, which would
 * let anyone (signed in or not, introspection off) guess field, argument, type and enum names by
 * trial. Apollo's own switch (hideSchemaDetailsFromClientErrors) strips them from validation
 * errors over HTTP only; here they go from every error on both transports, including those about
 * variable values ('Field "statuse" is not defined by type "AgreementFilter". Did you mean …').
 */
export function clientErrorFormatter(config: Pick<Config, 'env'>): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  if (config.env !== 'production') return formatError;
  return (formatted, error) => {
    const shaped = formatError(formatted, error);
    return { ...shaped, message: shaped.message.replace(SUGGESTION, '') };
  };
}
