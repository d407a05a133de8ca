/**
 * Runs async work one at a time per key, in arrival order, inside this process. The database lock
 * is what serializes board changes between processes; this keeps one process from queueing many
 * connections on the same row lock, and on SQLite (one shared connection in TypeORM, where two
 * interleaved transactions would run inside each other) it is the only thing that serializes.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
