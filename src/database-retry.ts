/*
 * MySQL/MariaDB may pick a transaction as the victim of a deadlock with another writer (InnoDB's gap
 * locks make that possible even for writers of different rows), or time out its wait for a lock.
 * Nothing of such a transaction was committed, so running the whole of it again is safe: the event
 * bus's transactions and the board's group commit both do, a few times, before the client hears.
 */

/**
 * Runs `work` again (at most `attempts` times in all) while it fails with a deadlock or a lock-wait
 * timeout, after a short random pause (so that the victims of one deadlock do not meet again at once).
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      if (attempt >= attempts || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
