import { hashPassword } from '../../src/services/password';
import { bulkInsert, type SqlRunner } from './sql';

/**
 * The bench runs the server as it is deployed (NODE_ENV=production), where no demo users exist; it
 * adds its own, straight into the database, with a password hash made by the server's own code.
 */
export const BENCH_PASSWORD = 'bench-password-not-for-real-use';
export const BENCH_USERS = { admin: 'bench-admin@jalin.local', viewer: 'bench-viewer@jalin.local' };

export async function insertBenchUsers(db: SqlRunner): Promise<{ adminId: number }> {
  const hash = await hashPassword(BENCH_PASSWORD);
  await bulkInsert(
    db,
    'user',
    ['email', 'name', 'role', 'opdId', 'passwordHash', 'active'],
    [
      [BENCH_USERS.admin, 'Bench admin', 'ADMIN', null, hash, 1],
      [BENCH_USERS.viewer, 'Bench viewer', 'VIEWER', null, hash, 1],
    ],
  );
  const [{ id }] = await db.query<{ id: number }>('SELECT `id` FROM `user` WHERE `email` = ?', [BENCH_USERS.admin]);
  return { adminId: Number(id) };
}
