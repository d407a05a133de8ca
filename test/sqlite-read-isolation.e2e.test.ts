import { Opd } from '../src/entities';
import { startTestServer, type TestServer } from './support/test-server';

describe('reads on the embedded SQLite database', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', 'sqlite-read-isolation');
  });
  afterAll(() => t?.close());

  it('never see what a transaction has written but not yet committed, and see it once it has', async () => {
    const token = await t.login('viewer@jalin.local');
    const opdCodes = async () => (await t.gql<{ opds: { code: string }[] }>('{ opds { code } }', {}, token)).data!.opds.map((o) => o.code);
    let commit!: () => void;
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const transaction = t.server.dataSource.transaction(async (manager) => {
      await manager.insert(Opd, { code: 'UNCOMMITTED', name: 'not yet' });
      wrote();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await written;
    expect(await opdCodes()).not.toContain('UNCOMMITTED');
    commit();
    await transaction;
    expect(await opdCodes()).toContain('UNCOMMITTED');
  });
});
