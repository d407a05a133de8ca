import { createDataSource } from '../src/data-source';
import { Opd } from '../src/entities';
import { createTestDatabase, type TestDatabase } from './support/databases';

describe('SQLite transactions', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite', 'sqlite-transactions');
  });
  afterAll(() => database?.drop());

  it('never run inside each other: a failing one takes only its own writes with it', async () => {
    const ds = createDataSource(database.config);
    await ds.initialize();
    try {
      await ds.runMigrations();
      let release!: () => void;
      const firstWrote = new Promise<void>((resolve) => (release = resolve));
      const failing = ds.transaction(async (manager) => {
        await manager.insert(Opd, { code: 'FAILS', name: 'rolled back' });
        release();
        await new Promise((resolve) => setTimeout(resolve, 50)); // the other transaction is asked for meanwhile
        throw new Error('boom');
      });
      await firstWrote;
      const succeeding = ds.transaction((manager) => manager.insert(Opd, { code: 'KEEPS', name: 'committed' }));
      await expect(failing).rejects.toThrow('boom');
      await succeeding;
      const codes = (await ds.getRepository(Opd).find()).map((o) => o.code);
      expect(codes).toContain('KEEPS');
      expect(codes).not.toContain('FAILS');
    } finally {
      await ds.destroy();
    }
  });
});
