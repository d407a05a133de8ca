import { noteWrite } from '../data-version';
import { QueryFailedError, type DataSource, type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';

/*
 * Prepared statements straight through the driver, inside a TypeORM transaction: the board's change
 * path and the audit trail's append run a handful of fixed statements per change, and TypeORM's
 * query building, parameter handling and result transformation were a large part of their CPU
 * (bench/README.md). Statements are written once, with MySQL's backquotes; SQLite gets the same
 * text with double quotes. Values go in and come out through TypeORM's own column conversions
 * (`persist`, `hydrate`), so a row written here reads back exactly as one written by TypeORM.
 */

/** What a write reports. */
export interface WriteResult {
  affectedRows: number;
  /** The generated id of an INSERT of one row. */
  insertId: number;
}

interface MysqlConnection {
  execute(options: { sql: string; timeout?: number }, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
  query(options: { sql: string; timeout?: number }, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
  config: { multipleStatements?: boolean };
}

/** Told how many of the statements it was given went to the database in one round trip (the SqlCounter). */
export interface BatchLogger {
  logBatch(statements: number): void;
}

/** Writes deferred in a transaction, per connection (its query runner), until the next statement that must answer. */
const deferredWrites = new WeakMap<object, { sql: string; params: unknown[] }[]>();

interface SqliteStatement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

/** better-sqlite3 statements, prepared once per connection and text. */
const sqliteStatements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

function preparedOn(database: SqliteDatabase, sql: string): SqliteStatement {
  let cache = sqliteStatements.get(database);
  if (!cache) sqliteStatements.set(database, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = database.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * The statements of one transaction, sent on its connection: mysql2's `execute` (prepared once per
 * pooled connection and text, then only the values travel, in the binary protocol) or a
 * better-sqlite3 statement prepared once per text.
 */
export class SqlSession {
  readonly sqlite: boolean;
  private readonly timeout: number | undefined;

  private constructor(private readonly manager: EntityManager) {
    const options = manager.connection.options as { type: string; enableQueryTimeout?: boolean; maxQueryExecutionTime?: number };
    this.sqlite = options.type === 'better-sqlite3';
    this.timeout = options.enableQueryTimeout ? options.maxQueryExecutionTime : undefined;
  }

  /** The session of the transaction `manager` runs (it must be one: the connection is the transaction's). */
  static of(manager: EntityManager): SqlSession {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('SqlSession.of needs the manager of a transaction');
    return new SqlSession(manager);
  }

  /** A statement that returns rows. */
  async all<R>(sql: string, params: unknown[]): Promise<R[]> {
    return (await this.send(sql, params, true)) as R[];
  }

  /** A statement that writes. */
  async write(sql: string, params: unknown[]): Promise<WriteResult> {
    // Around TypeORM's query(): the data version must still hear of it (its COMMIT bumps).
    noteWrite(this.manager.queryRunner!);
    return (await this.send(sql, params, false)) as WriteResult;
  }

  /**
   * A write whose result nobody needs: on MySQL it waits and goes to the database in front of the
   * transaction's next statement, in the same round trip (one multi-statement text), or with `flush`;
   * a failure fails that statement (and so the transaction). SQLite has no round trips: it runs now.
   * A statement sent through TypeORM meanwhile goes ahead of it: defer only what nothing in between
   * reads, and make sure a statement of this session or `flush` follows before COMMIT.
   */
  async defer(sql: string, params: unknown[]): Promise<void> {
    if (this.sqlite || !this.multipleStatements) {
      await this.write(sql, params);
      return;
    }
    noteWrite(this.manager.queryRunner!);
    const queue = deferredWrites.get(this.manager.queryRunner!) ?? [];
    deferredWrites.set(this.manager.queryRunner!, queue);
    queue.push({ sql, params });
  }

  /** Sends the deferred writes now (before COMMIT). */
  async flush(): Promise<void> {
    const queue = deferredWrites.get(this.manager.queryRunner!);
    if (!queue?.length) return;
    const last = queue.pop()!;
    await this.send(last.sql, last.params, false);
  }

  private get multipleStatements(): boolean {
    const connection = (this.manager.queryRunner as unknown as { databaseConnection?: MysqlConnection }).databaseConnection;
    return connection?.config.multipleStatements === true;
  }

  private async send(sql: string, params: unknown[], reads: boolean): Promise<unknown> {
    const text = this.sqlite ? sql.replaceAll('`', '"') : sql;
    // Counted like TypeORM's own statements (the SqlCounter of tests and the bench listens here).
    const logger = this.manager.connection.logger;
    logger.logQuery(text, params, this.manager.queryRunner);
    const connection: unknown = await this.manager.queryRunner!.connect();
    const deferred = deferredWrites.get(this.manager.queryRunner!);
    if (deferred?.length) {
      // The deferred writes and this statement in one round trip: one text, its results in order.
      deferredWrites.delete(this.manager.queryRunner!);
      for (const write of deferred) logger.logQuery(write.sql, write.params, this.manager.queryRunner);
      (logger as Partial<BatchLogger>).logBatch?.(deferred.length + 1);
      const batch = [...deferred, { sql: text, params }];
      try {
        const results = await new Promise<unknown[]>((resolve, reject) => {
          (connection as MysqlConnection).query(
            { sql: batch.map((statement) => statement.sql).join(';\n'), timeout: this.timeout },
            batch.flatMap((statement) => statement.params),
            (error, rows) => (error ? reject(error) : resolve(rows as unknown[])),
          );
        });
        return reads ? results.at(-1) : writeResult(results.at(-1));
      } catch (error) {
        throw new QueryFailedError(batch.map((statement) => statement.sql).join(';\n'), batch.flatMap((statement) => statement.params), error as Error);
      }
    }
    try {
      if (this.sqlite) {
        const statement = preparedOn(connection as SqliteDatabase, text);
        if (reads) return statement.all(...params);
        const { changes, lastInsertRowid } = statement.run(...params);
        return { affectedRows: changes, insertId: Number(lastInsertRowid) };
      }
      const result = await new Promise<unknown>((resolve, reject) => {
        (connection as MysqlConnection).execute({ sql: text, timeout: this.timeout }, params, (error, rows) => (error ? reject(error) : resolve(rows)));
      });
      return reads ? result : writeResult(result);
    } catch (error) {
      // As TypeORM reports a failed statement: the driver's error (its code) under driverError.
      throw new QueryFailedError(text, params, error as Error);
    }
  }
}

function writeResult(result: unknown): WriteResult {
  const header = result as { affectedRows: number; insertId: number };
  return { affectedRows: header.affectedRows, insertId: Number(header.insertId) };
}

/** Writes `value` as TypeORM would write the entity's `property` (dates, JSON, transformers). */
export function persist(dataSource: DataSource, metadata: EntityMetadata, property: string, value: unknown): unknown {
  const column = metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${metadata.name} has no column ${property}`);
  const persisted: unknown = dataSource.driver.preparePersistentValue(value, column);
  return persisted === undefined ? null : persisted;
}

/** An entity from a row read with the columns' database names, with TypeORM's own conversions. */
export function hydrate<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
  for (const column of metadata.columns) {
    if (column.isVirtual || column.isVirtualProperty) continue;
    const value = row[column.databaseName];
    if (value !== undefined) column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(value, column));
  }
  return entity;
}
