import mysql from 'mysql2/promise';
import { createDataSource } from '../src/data-source';
import { seedDemoData } from '../src/seed/seed';
import { Agreement, BoardEventKind, ChangeEvent, Country, DraftActivity, Opd, PartnerCity, StatusChange, User } from '../src/entities';
import { createTestDatabase, testDialects, type TestDatabase } from './support/databases';

describe.each(testDialects())('migrations and demo data [%s]', (dialect) => {
  let database: TestDatabase;
  const dataSource = () => createDataSource(database.config);

  beforeAll(async () => {
    database = await createTestDatabase(dialect, 'migrations');
  });
  afterAll(() => database?.drop());

  it('build the schema the entities describe, with nothing left pending', async () => {
    const ds = dataSource();
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
    }
  });

  if (dialect === 'mysql') {
    it('keeps draft activity order keys in a binary collation, so "a0" < "Zz" is never reordered', async () => {
      const config = database.config as Extract<typeof database.config, { dialect: 'mysql' }>;
      const connection = await mysql.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.database });
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        `SELECT COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'draft_activity' AND COLUMN_NAME = 'position'`,
        [config.database],
      );
      await connection.end();
      expect(rows[0].collation).toBe('utf8mb4_bin');
    });
  }

  it('seeds the demo story once, and a second seed adds nothing', async () => {
    const ds = dataSource();
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const first = await seedDemoData(ds, { demoUsers: true, onlyIfEmpty: false });
      // The countries come from the AllCountries data migration already (every ISO 3166-1 alpha-2 code).
      expect(first.created).toEqual({ countries: 0, opds: 6, partnerCities: 6, agreements: 6, users: 5 });
      expect(await ds.getRepository(Country).count()).toBe(249);
      const counts = async () => ({
        countries: await ds.getRepository(Country).count(),
        opds: await ds.getRepository(Opd).count(),
        cities: await ds.getRepository(PartnerCity).count(),
        agreements: await ds.getRepository(Agreement).count(),
        activities: await ds.getRepository(DraftActivity).count(),
        events: await ds.getRepository(ChangeEvent).count(),
        history: await ds.getRepository(StatusChange).count(),
        users: await ds.getRepository(User).count(),
      });
      const before = await counts();
      const second = await seedDemoData(ds, { demoUsers: true, onlyIfEmpty: false });
      expect(second.created).toEqual({ countries: 0, opds: 0, partnerCities: 0, agreements: 0, users: 0 });
      expect(await counts()).toEqual(before);
      // The board log agrees with the boards: each agreement's sequence counts its events.
      for (const agreement of await ds.getRepository(Agreement).find()) {
        expect(await ds.getRepository(ChangeEvent).countBy({ agreementId: agreement.id })).toBe(agreement.boardSeq);
      }
      // The seed's activities enter the log as addDraftActivity writes them: every field and the place.
      const added = await ds.getRepository(ChangeEvent).findBy({ kind: BoardEventKind.ADDED });
      expect(added.length).toBeGreaterThan(0);
      for (const event of added) {
        expect(event.changedFields).toEqual(['title', 'scope', 'benefit', 'output', 'year', 'budgetEstimate', 'fundingSource', 'decision', 'position']);
      }
    } finally {
      await ds.destroy();
    }
  });

  it('creates no demo users when told not to (production)', async () => {
    const other = await createTestDatabase(dialect, 'migrations-production');
    const ds = createDataSource(other.config);
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      await seedDemoData(ds, { demoUsers: false });
      expect(await ds.getRepository(User).count()).toBe(0);
      expect(await ds.getRepository(Agreement).count()).toBe(6);
    } finally {
      await ds.destroy();
      await other.drop();
    }
  });
});
