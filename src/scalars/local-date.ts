import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { isIsoDate } from '../services/dates';

/**
 * Why a value is not a LocalDate. Its own class so that `formatError` can tell a bad date written
 * in the query text (which graphql-js reports as a validation failure) from a malformed query, and
 * answer BAD_USER_INPUT for both ways of sending a date.
 */
export class LocalDateError extends GraphQLError {
  constructor(message: string, node?: ValueNode) {
    super(message, node ? { nodes: node } : undefined);
    this.name = 'LocalDateError';
  }
}

/** The value as the client wrote it, cut short: a message must not grow with a hostile input. */
function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function parseDate(value: unknown, node?: ValueNode): string {
  if (typeof value !== 'string') throw new LocalDateError(`A date is a string written YYYY-MM-DD, e.g. "2026-03-31"; got ${shown(String(JSON.stringify(value)))}`, node);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new LocalDateError(`${shown(JSON.stringify(value))} is not a date written YYYY-MM-DD, e.g. "2026-03-31"`, node);
  if (!isIsoDate(value)) throw new LocalDateError(`${JSON.stringify(value)} is not a day of the calendar (YYYY-MM-DD: month 01–12, a day the month has)`, node);
  return value;
}

/**
 * A calendar day with no time and no time zone, written `YYYY-MM-DD` both ways. The server keeps
 * these as `YYYY-MM-DD` strings (date columns), so resolvers see plain strings.
 *
 * Our own rather than graphql-scalars' `LocalDate`: that one answers "Value is not a valid
 * LocalDate", without saying the form it wants, and re-validates every value it sends; ours says
 * what is wrong and sends stored dates as they are (they were checked on the way in), which is what
 * a page of a thousand agreements with five dates each should cost.
 */
export const LocalDate = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description:
    'A calendar day without time or time zone, written YYYY-MM-DD (ISO 8601), e.g. "2026-03-31". A value that is not written so, or is not a day of the calendar (2026-02-30), is refused with BAD_USER_INPUT.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize(value) {
    if (typeof value === 'string') return value;
    // Both drivers hand DATE columns back as strings (mysql2: dateStrings); anything else is a bug.
    throw new GraphQLError(`LocalDate cannot represent ${typeof value}`);
  },
  parseValue: (value) => parseDate(value),
  parseLiteral(node) {
    if (node.kind !== Kind.STRING) throw new LocalDateError(`A date is a string written YYYY-MM-DD, e.g. "2026-03-31"; got ${shown(print(node))}`, node);
    return parseDate(node.value, node);
  },
  extensions: { jsonSchema: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
});
