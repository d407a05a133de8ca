import { badInput } from '../errors';
import { ID_PATTERN } from './inputs/patterns';

/** GraphQL IDs are strings; ours are positive integers. A malformed one is the client's mistake. */
export function parseId(value: string | number, what = 'id'): number {
  const id = typeof value === 'number' ? value : ID_PATTERN.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw badInput(`${what} "${value}" is not a valid id`, { argument: what });
  return id;
}

export function parseOptionalId(value: string | null | undefined, what = 'id'): number | null {
  return value === null || value === undefined ? null : parseId(value, what);
}
