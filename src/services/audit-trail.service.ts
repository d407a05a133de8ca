import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditChainHead, AuditEntry } from '../entities';
import type { DomainEvent } from '../events/domain-events';
import { keysetPage, SortDirection, type Connection, type Ordering, type PageRequest } from './pagination';
import { SqlSession } from './sql-session';

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** The one row of `audit_chain_head`. */
const HEAD_ID = 1;
/** Entries read per statement while verifying or exporting. */
const PAGE = 1000;

export interface AuditFilter {
  recordType?: string | null;
  recordId?: number | null;
  actorId?: number | null;
  operation?: string | null;
  /** First day included (YYYY-MM-DD, UTC). */
  from?: string | null;
  /** Last day included (YYYY-MM-DD, UTC). */
  to?: string | null;
}

export enum AuditProblem {
  CONTENT_HASH_MISMATCH = 'CONTENT_HASH_MISMATCH',
  PREV_LINK_MISMATCH = 'PREV_LINK_MISMATCH',
  GAP = 'GAP',
  HEAD_MISMATCH = 'HEAD_MISMATCH',
}

export interface AuditVerification {
  ok: boolean;
  /** How many entries were checked. */
  checked: number;
  /** The first entry found wrong (for a gap: the entry after the missing ones), or null. */
  brokenSeq: number | null;
  problem: AuditProblem | null;
  message: string | null;
}

const ORDER: Ordering = {
  name: 'auditTrail',
  keys: [{ sql: 'entry.seq', direction: SortDirection.DESC }],
};

/** JSON with object keys sorted at every level: one spelling for one value, so its hash is stable. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type EntryContent = Omit<AuditEntry, 'hash'>;

/** The columns of an entry, in the order the append writes them. */
const ENTRY_COLUMNS = ['seq', 'at', 'actorId', 'actorEmail', 'operation', 'recordType', 'recordId', 'diff', 'requestId', 'prevHash', 'hash'] as const satisfies readonly (keyof AuditEntry)[];

/** SHA-256 over the entry's content in a fixed order, `prevHash` included: the one definition of an entry's hash. */
export function entryHash(entry: EntryContent): string {
  const content = [entry.seq, entry.at, entry.actorId, entry.actorEmail, entry.operation, entry.recordType, entry.recordId, entry.diff, entry.requestId, entry.prevHash];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * The audit trail: appended by `append`, the event bus's before-commit hook, so that an entry is
 * written in the transaction of the write it records; read by `list`, `rows` and `verify`.
 *
 * Appends line up on the chain's head row: `SELECT … FOR UPDATE` on MySQL/MariaDB (a concurrent
 * writer waits there until this transaction commits, then reads the new head); on SQLite a write to
 * the head first, which takes the database's write lock (SQLite has one writer anyway). The head
 * lock is taken last in every transaction, after the locks of the write itself, so it adds no
 * deadlock: it orders commits, nothing more.
 */
export class AuditTrailService {
  constructor(
    private readonly dataSource: DataSource,
    /** Where the trail is read (a read-only connection on SQLite). */
    private readonly reader: DataSource = dataSource,
  ) {}

  /** Appends one entry per event, in order, in the caller's transaction. */
  readonly append = async (manager: EntityManager, events: readonly DomainEvent[]): Promise<void> => {
    if (!events.length) return;
    // Three statements through the driver (sql-session.ts), in two round trips on MySQL (the first
    // also carries the writes the transaction deferred): it runs in every write's transaction.
    const sql = SqlSession.of(manager);
    const head = await this.lockHead(sql);
    let { seq, hash } = head;
    const entries: AuditEntry[] = [];
    for (const event of events) {
      seq += 1;
      const content: EntryContent = {
        seq,
        at: event.at,
        actorId: event.actorId,
        actorEmail: event.actorEmail,
        operation: event.operation,
        recordType: event.record.type,
        recordId: event.record.id,
        diff: canonicalJson(event.diff),
        requestId: event.requestId,
        prevHash: hash,
      };
      hash = entryHash(content);
      entries.push(Object.assign(new AuditEntry(), content, { hash }));
    }
    // The INSERT goes with the head's UPDATE in one round trip (SqlSession.defer).
    await sql.defer(
      `INSERT INTO \`audit_entry\` (${ENTRY_COLUMNS.map((column) => `\`${column}\``).join(', ')}) VALUES ${entries.map(() => `(${ENTRY_COLUMNS.map(() => '?').join(', ')})`).join(', ')}`,
      entries.flatMap((entry) => ENTRY_COLUMNS.map((column) => entry[column] ?? null)),
    );
    await sql.write('UPDATE `audit_chain_head` SET `seq` = ?, `hash` = ? WHERE `id` = ?', [seq, hash, HEAD_ID]);
  };

  /** The entries that match, newest first, as a Relay connection. */
  list(filter: AuditFilter, page: PageRequest): Promise<Connection<AuditEntry>> {
    return keysetPage(this.filtered(filter), ORDER, page);
  }

  /** Every entry that matches, oldest first, read a page at a time (for the downloads). */
  async *rows(filter: AuditFilter): AsyncGenerator<AuditEntry[]> {
    let after = 0;
    for (;;) {
      const batch = await this.filtered(filter).andWhere('entry.seq > :after', { after }).orderBy('entry.seq', 'ASC').take(PAGE).getMany();
      if (!batch.length) return;
      yield batch;
      after = batch[batch.length - 1].seq;
    }
  }

  /**
   * Walks the whole chain in order, a page at a time, and reports the first broken link: an entry
   * whose content no longer gives its hash (edited), whose `prevHash` is not the previous entry's
   * hash, a missing number (deleted), or a head that does not match the last entry (the newest
   * entries deleted).
   */
  async verify(): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    const broken = (seq: number | null, problem: AuditProblem, message: string): AuditVerification => ({ ok: false, checked, brokenSeq: seq, problem, message });
    for (;;) {
      const batch = await this.reader
        .getRepository(AuditEntry)
        .createQueryBuilder('entry')
        .where('entry.seq >= :from', { from: expectedSeq })
        .orderBy('entry.seq', 'ASC')
        .take(PAGE)
        .getMany();
      for (const entry of batch) {
        if (entry.seq !== expectedSeq) {
          return broken(entry.seq, AuditProblem.GAP, `Entries ${expectedSeq}${entry.seq - 1 > expectedSeq ? `–${entry.seq - 1}` : ''} are missing before entry ${entry.seq}`);
        }
        if (entry.prevHash !== prevHash) return broken(entry.seq, AuditProblem.PREV_LINK_MISMATCH, `Entry ${entry.seq} does not point to the hash of entry ${entry.seq - 1}`);
        if (entryHash(entry) !== entry.hash) return broken(entry.seq, AuditProblem.CONTENT_HASH_MISMATCH, `The content of entry ${entry.seq} does not match its hash: it was changed after it was written`);
        prevHash = entry.hash;
        expectedSeq += 1;
        checked += 1;
      }
      if (batch.length < PAGE) break;
    }
    const head = await this.reader.getRepository(AuditChainHead).findOneBy({ id: HEAD_ID });
    if (!head || head.seq !== checked || head.hash !== prevHash) {
      return broken(checked + 1, AuditProblem.HEAD_MISMATCH, `The trail ends at entry ${checked}, but ${head?.seq ?? 0} entries were written: the newest were deleted`);
    }
    return { ok: true, checked, brokenSeq: null, problem: null, message: null };
  }

  /** The chain's head, locked: SELECT … FOR UPDATE on MySQL; on SQLite a write (the database's write lock) that returns it. */
  private async lockHead(sql: SqlSession): Promise<Pick<AuditChainHead, 'seq' | 'hash'>> {
    const [head] = sql.sqlite
      ? await sql.all<{ seq: number; hash: string }>('UPDATE `audit_chain_head` SET `id` = `id` WHERE `id` = ? RETURNING `seq`, `hash`', [HEAD_ID])
      : await sql.all<{ seq: number; hash: string }>('SELECT `seq`, `hash` FROM `audit_chain_head` WHERE `id` = ? FOR UPDATE', [HEAD_ID]);
    if (!head) throw new Error('The audit trail has no chain head row (migrations not run?)');
    return { seq: Number(head.seq), hash: head.hash };
  }

  private filtered(filter: AuditFilter): SelectQueryBuilder<AuditEntry> {
    const query = this.reader.getRepository(AuditEntry).createQueryBuilder('entry');
    if (filter.recordType) query.andWhere('entry.recordType = :recordType', { recordType: filter.recordType });
    if (filter.recordId != null) query.andWhere('entry.recordId = :recordId', { recordId: filter.recordId });
    if (filter.actorId != null) query.andWhere('entry.actorId = :actorId', { actorId: filter.actorId });
    if (filter.operation) query.andWhere('entry.operation = :operation', { operation: filter.operation });
    // `at` is an ISO instant: text order is time order, and a day's entries start with the day.
    if (filter.from) query.andWhere('entry.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.at < :until', { until: `${filter.to}T99` });
    return query;
  }
}
