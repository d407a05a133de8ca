import { keyBetween } from '../../src/services/order-keys';
import type { SqlRunner } from './sql';
import type { ActivityState, TextField } from './board-ops';

/**
 * The co-editing transactions issued directly through the driver: the limit that Jalin's board
 * service is measured against. Each is what the protocol requires and nothing more: lock the
 * agreement row, read what the check needs, write the activity, bump the sequence, append the event.
 */
export class SqlBoard {
  constructor(
    private readonly db: SqlRunner,
    private readonly dialect: 'mysql' | 'sqlite',
    private readonly actorId: number,
  ) {}

  private async lock(tx: SqlRunner, agreementId: number): Promise<number> {
    // SQLite has no row locks: BEGIN IMMEDIATE (in the runner) already holds the write lock.
    const [row] = await tx.query<{ boardSeq: number }>(`SELECT \`boardSeq\` FROM \`agreement\` WHERE \`id\` = ?${this.dialect === 'mysql' ? ' FOR UPDATE' : ''}`, [agreementId]);
    return Number(row.boardSeq) + 1;
  }

  private async append(tx: SqlRunner, agreementId: number, seq: number, kind: string, activity: Record<string, unknown>, changedFields: string[]) {
    await tx.execute('UPDATE `agreement` SET `boardSeq` = ? WHERE `id` = ?', [seq, agreementId]);
    await tx.execute('INSERT INTO `change_event` (`agreementId`, `seq`, `kind`, `activityId`, `changedFields`, `snapshot`, `actorId`, `at`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      agreementId,
      seq,
      kind,
      activity.id,
      JSON.stringify(changedFields),
      JSON.stringify(activity),
      this.actorId,
      new Date().toISOString().replace('T', ' ').replace('Z', ''),
    ]);
  }

  private async read(tx: SqlRunner, id: number) {
    const [row] = await tx.query<Record<string, unknown>>('SELECT * FROM `draft_activity` WHERE `id` = ?', [id]);
    return row;
  }

  private state(row: Record<string, unknown>): ActivityState {
    return { id: String(row.id), title: row.title as string, scope: row.scope as string, benefit: row.benefit as string, output: row.output as string, position: row.position as string, version: Number(row.version) };
  }

  async add(agreementId: number, opdId: number, text: Record<TextField, string>): Promise<ActivityState> {
    return this.db.transaction(async (tx) => {
      const seq = await this.lock(tx, agreementId);
      const [last] = await tx.query<{ position: string | null }>('SELECT MAX(`position`) AS position FROM `draft_activity` WHERE `agreementId` = ? AND `removedAt` IS NULL', [agreementId]);
      const position = keyBetween(last?.position ?? null, null);
      const { insertId } = await tx.execute(
        'INSERT INTO `draft_activity` (`agreementId`, `opdId`, `title`, `scope`, `benefit`, `output`, `decision`, `position`, `version`, `fieldVersions`, `updatedById`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
        [agreementId, opdId, text.title, text.scope, text.benefit, text.output, 'PROPOSED', position, JSON.stringify({ title: 1, scope: 1, benefit: 1, output: 1 }), this.actorId],
      );
      const row = await this.read(tx, insertId);
      await this.append(tx, agreementId, seq, 'ADDED', row, ['title', 'scope', 'benefit', 'output']);
      return this.state(row);
    });
  }

  /** Refused (returns the current state with `conflict`) when a field in the patch changed after baseVersion. */
  async update(agreementId: number, id: number, baseVersion: number, patch: Partial<Record<TextField, string>>): Promise<{ conflict: boolean; activity: ActivityState }> {
    return this.db.transaction(async (tx) => {
      const seq = await this.lock(tx, agreementId);
      const row = await this.read(tx, id);
      const fieldVersions = JSON.parse(row.fieldVersions as string) as Record<string, number>;
      const fields = Object.keys(patch) as TextField[];
      if (fields.some((f) => (fieldVersions[f] ?? 0) > baseVersion)) return { conflict: true, activity: this.state(row) };
      const version = Number(row.version) + 1;
      for (const f of fields) fieldVersions[f] = version;
      await tx.execute(`UPDATE \`draft_activity\` SET ${fields.map((f) => `\`${f}\` = ?`).join(', ')}, \`version\` = ?, \`fieldVersions\` = ?, \`updatedById\` = ? WHERE \`id\` = ?`, [
        ...fields.map((f) => patch[f]),
        version,
        JSON.stringify(fieldVersions),
        this.actorId,
        id,
      ]);
      const updated = { ...row, ...patch, version, fieldVersions: JSON.stringify(fieldVersions) };
      await this.append(tx, agreementId, seq, 'UPDATED', updated, fields);
      return { conflict: false, activity: this.state(updated) };
    });
  }

  /** Moves `id` right after `afterId`, between it and its actual next neighbour, under the lock. */
  async move(agreementId: number, id: number, afterId: number): Promise<ActivityState> {
    return this.db.transaction(async (tx) => {
      const seq = await this.lock(tx, agreementId);
      const [after] = await tx.query<{ position: string }>('SELECT `position` FROM `draft_activity` WHERE `id` = ?', [afterId]);
      const [next] = await tx.query<{ position: string | null }>(
        'SELECT MIN(`position`) AS position FROM `draft_activity` WHERE `agreementId` = ? AND `removedAt` IS NULL AND `position` > ? AND `id` <> ?',
        [agreementId, after.position, id],
      );
      const position = keyBetween(after.position, next?.position ?? null);
      const row = await this.read(tx, id);
      const version = Number(row.version) + 1;
      await tx.execute('UPDATE `draft_activity` SET `position` = ?, `version` = ?, `updatedById` = ? WHERE `id` = ?', [position, version, this.actorId, id]);
      const moved = { ...row, position, version };
      await this.append(tx, agreementId, seq, 'MOVED', moved, ['position']);
      return this.state(moved);
    });
  }
}
