import { GraphQLError } from 'graphql';
import { ErrorCode, InputReason } from './errors';

/** A UTF-16 surrogate that is not half of a pair (with the `u` flag, a whole pair is one astral code point). */
const LONE_SURROGATE = /\p{Surrogate}/u;
/** Enough to show a client its mistakes, without an answer as large as the input. */
const MAX_REPORTED = 25;

/**
 * Refuses an operation whose variables hold text with a lone UTF-16 surrogate (half of a character
 * such as an emoji, e.g. "\uD800" alone), before anything runs: such text cannot be stored as it
 * was sent (each database would replace it with U+FFFD, SQLite with three of them), so what was
 * acknowledged and announced to a board's subscribers would differ from what a reload shows.
 *
 * The variables are the only way such text reaches the server: graphql-js refuses a lone surrogate
 * written in the query text, raw or escaped, as a syntax error. Checked on the JSON variables as
 * sent, so every string input (titles, scopes, notes, names, emails, ids, inside input objects and
 * lists alike) is covered in this one place, for HTTP and WebSocket (see server.ts and
 * subscriptions/websocket-server.ts, which call it beside checkCost).
 */
export function checkWellFormedText(variables: Record<string, unknown> | null | undefined): GraphQLError | null {
  const bad: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (bad.length >= MAX_REPORTED) return;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) bad.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, `${path}.${key}`);
    }
  };
  for (const [name, value] of Object.entries(variables ?? {})) visit(value, name);
  if (bad.length === 0) return null;
  const problem = 'is not well-formed text: it holds half of a character (a lone UTF-16 surrogate, as when an emoji is cut in two); send whole characters';
  return new GraphQLError(`Invalid input: ${bad.map((path) => `"${path}"`).join(', ')} ${problem}`, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      reason: InputReason.INVALID_FIELDS,
      fields: bad.map((field) => ({ field, problems: [problem], reasons: [{ reason: InputReason.NOT_WELL_FORMED_TEXT }] })),
      http: { status: 400 },
    },
  });
}
