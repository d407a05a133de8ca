import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InputReason, badInput } from '../errors';

/**
 * Relay cursor connections over any TypeORM query: keyset pagination (a page continues after the
 * sort key and id of the cursor's row, so rows added or removed elsewhere never shift a page), opaque
 * cursors, `first`/`after` and `last`/`before`, and the page info the Relay spec asks for. Two SQL
 * statements per page whatever its size or position: one count, one page.
 */

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** What a client asks for: the Relay paging arguments, unchecked. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

/** One key of an ordering: an SQL expression in the query builder's aliases, and its direction. */
export interface SortKey {
  /** Orders and compares rows. */
  sql: string;
  /** Reads the key's value for a cursor exactly as the database compares it (when `sql` would lose precision in the driver). */
  read?: string;
  direction: SortDirection;
}

/**
 * A named order of a list. The last key must be unique (the id), so the order is total and a cursor
 * names exactly one position. The name goes into every cursor: a cursor of another list or ordering
 * is refused instead of silently landing somewhere else.
 */
export interface Ordering {
  name: string;
  keys: readonly SortKey[];
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A page in the shape of a Relay connection (the GraphQL connection types take it as it is). */
export interface Connection<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
}

type KeyValue = string | number | null;

/** The checked paging arguments: how many rows, from which end, between which positions. */
interface Window {
  size: number;
  fromEnd: boolean;
  after: KeyValue[] | null;
  before: KeyValue[] | null;
}

function checkSize(name: 'first' | 'last', value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badInput(`"${name}" must be between 1 and ${MAX_PAGE_SIZE}; got ${value}`, { argument: name, reason: InputReason.OUT_OF_RANGE, min: 1, max: MAX_PAGE_SIZE });
  }
  return value;
}

function windowOf(request: PageRequest, ordering: Ordering): Window {
  const first = checkSize('first', request.first);
  const last = checkSize('last', request.last);
  if (first !== null && last !== null) {
    throw badInput('Pass either "first" (with "after") to page forward or "last" (with "before") to page backward, not both', { argument: 'last', reason: InputReason.CONFLICTING_ARGUMENTS });
  }
  return {
    size: first ?? last ?? DEFAULT_PAGE_SIZE,
    fromEnd: last !== null,
    after: decodeCursor(request.after, 'after', ordering),
    before: decodeCursor(request.before, 'before', ordering),
  };
}

/** Cursors are opaque to clients: base64url of JSON `[ordering name, ...key values]`. */
export function encodeCursor(ordering: Ordering, values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify([ordering.name, ...values]), 'utf8').toString('base64url');
}

const MAX_CURSOR_LENGTH = 4000;

function decodeCursor(cursor: string | null | undefined, argument: 'after' | 'before', ordering: Ordering): KeyValue[] | null {
  if (cursor === null || cursor === undefined) return null;
  const refuse = (why: string) => {
    throw badInput(`"${argument}" is not a cursor ${why}; pass a startCursor, endCursor or edge cursor from a page of this list in the same order`, { argument });
  };
  let decoded: unknown = null;
  try {
    if (cursor.length <= MAX_CURSOR_LENGTH) decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // not JSON: refused below
  }
  if (!Array.isArray(decoded) || typeof decoded[0] !== 'string') return refuse('this API handed out');
  const [name, ...values] = decoded as [string, ...unknown[]];
  if (name !== ordering.name) return refuse(`of this list in this order (it belongs to ${name.slice(0, 60)})`);
  const wellFormed =
    values.length === ordering.keys.length &&
    values.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 1000)) &&
    values.at(-1) !== null;
  if (!wellFormed) return refuse('this API handed out');
  return values as KeyValue[];
}

const flip = (direction: SortDirection): SortDirection => (direction === SortDirection.ASC ? SortDirection.DESC : SortDirection.ASC);

/**
 * SQL that holds for the rows strictly after (`'after'`) or before (`'before'`) the cursor position
 * in the ordering: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR … with each comparison turned for DESC keys.
 * A null value (a nullable key, kept apart by an earlier key such as "is null") matches only nulls.
 */
function beyond(ordering: Ordering, values: KeyValue[], side: 'after' | 'before', prefix: string) {
  const parameters: Record<string, KeyValue> = {};
  const equal: string[] = [];
  const alternatives: string[] = [];
  ordering.keys.forEach((key, i) => {
    const value = values[i];
    const name = `${prefix}${i}`;
    const operator = (side === 'after') === (key.direction === SortDirection.ASC) ? '>' : '<';
    if (value !== null) {
      parameters[name] = value;
      alternatives.push([...equal, `${key.sql} ${operator} :${name}`].join(' AND '));
      equal.push(`${key.sql} = :${name}`);
    } else {
      equal.push(`${key.sql} IS NULL`);
    }
  });
  const sql = alternatives.length ? alternatives.map((a) => `(${a})`).join(' OR ') : '1 = 0';
  return { sql: `(${sql})`, parameters };
}

/**
 * One page of `query` in `ordering` (a Relay connection). `query` selects the rows of the whole list
 * (its filters, no order, no limit) and must not multiply them with to-many joins. totalCount is the
 * whole list's; hasPreviousPage and hasNextPage follow the spec, answered exactly on both sides from
 * the same count statement.
 */
export async function keysetPage<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, ordering: Ordering, request: PageRequest): Promise<Connection<T>> {
  const window = windowOf(request, ordering);
  const after = window.after && beyond(ordering, window.after, 'after', 'pageAfter');
  const before = window.before && beyond(ordering, window.before, 'before', 'pageBefore');

  // The total, and how many rows lie beyond each cursor: whether there is anything on the far side
  // of a cursor comes with the count, at no further statement.
  const counting = query.clone().select('COUNT(*)', 'total');
  if (after) counting.addSelect(`SUM(CASE WHEN ${after.sql} THEN 1 ELSE 0 END)`, 'afterCursor').setParameters(after.parameters);
  if (before) counting.addSelect(`SUM(CASE WHEN ${before.sql} THEN 1 ELSE 0 END)`, 'beforeCursor').setParameters(before.parameters);
  const counts = (await counting.getRawOne<{ total: unknown; afterCursor?: unknown; beforeCursor?: unknown }>())!;
  const totalCount = Number(counts.total);

  const paging = query.clone();
  if (after) paging.andWhere(after.sql, after.parameters);
  if (before) paging.andWhere(before.sql, before.parameters);
  ordering.keys.forEach((key, i) => {
    // In brackets: TypeORM would take a bare `alias.column` for the entity's own column and rename it.
    paging.addSelect(`(${key.read ?? key.sql})`, `cursor_${i}`);
    // Ordered by the selected alias: TypeORM would quote a selected expression as if it were a name.
    paging.addOrderBy(`cursor_${i}`, window.fromEnd ? flip(key.direction) : key.direction);
  });
  // limit, not take: take would page through a DISTINCT subquery (another statement) when there are joins.
  const { entities, raw } = await paging.limit(window.size + 1).getRawAndEntities<Record<string, KeyValue>>();
  const more = entities.length > window.size;
  const rows = entities.slice(0, window.size).map((node, i) => ({ node, values: ordering.keys.map((_, k) => raw[i][`cursor_${k}`] ?? null) }));
  if (window.fromEnd) rows.reverse();

  const edges = rows.map(({ node, values }) => ({ node, cursor: encodeCursor(ordering, values) }));
  return {
    totalCount,
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasPreviousPage: window.fromEnd ? more : after !== null && totalCount - Number(counts.afterCursor) > 0,
      hasNextPage: window.fromEnd ? before !== null && totalCount - Number(counts.beforeCursor) > 0 : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * Text keys compared by Unicode code point: SQLite compares UTF-8 bytes already, MySQL/MariaDB would
 * compare with the column's collation (utf8mb4_unicode_ci: case- and accent-blind), so a page would
 * differ between the databases. Byte order of UTF-8 is code point order on both.
 */
export function byCodePoint(dataSource: DataSource, column: string): string {
  return dataSource.options.type === 'better-sqlite3' ? column : `${column} COLLATE utf8mb4_bin`;
}

/** A datetime(6) key read as text with every digit: the MySQL driver's Date keeps milliseconds only. */
export function exactInstant(dataSource: DataSource, column: string): string {
  return dataSource.options.type === 'better-sqlite3' ? column : `DATE_FORMAT(${column}, '%Y-%m-%d %H:%i:%s.%f')`;
}
