import { GroupCommitQueue } from '../src/services/board/group-commit';
import { retryOnDeadlock } from '../src/database-retry';

/*
 * The group-commit queue on its own (the board's e2e tests cover it with the real transaction):
 * batching of one key's jobs, the batch bound, one key not waiting for another, and a failed batch
 * split so an error stays with its job.
 */

interface Job {
  name: string;
  key: string;
  resolve: (value: string) => void;
  reject: (error: unknown) => void;
}

/** A queue whose `commit` records each batch; a job named "bad" makes its batch fail. */
function setup(maxBatch: number) {
  const batches: string[][] = [];
  const queue = new GroupCommitQueue<Job, string>({
    maxBatch,
    commit: async (batch) => {
      batches.push(batch.map((job) => job.name));
      await new Promise((resolve) => setImmediate(resolve));
      if (batch.some((job) => job.name === 'bad')) throw new Error('database error of "bad"');
      return batch.map((job) => `${job.name} committed`);
    },
    settle: (job, outcome) => job.resolve(outcome),
    fail: (job, error) => job.reject(error),
  });
  const submit = (key: string, name: string) => new Promise<string>((resolve, reject) => queue.enqueue(key, { name, key, resolve, reject }));
  return { batches, submit };
}

describe('GroupCommitQueue', () => {
  it('puts the jobs of one tick in one batch, and those that queue while it runs in the next', async () => {
    const { batches, submit } = setup(50);
    const first = [submit('a', '1'), submit('a', '2')];
    await Promise.resolve();
    await Promise.resolve();
    const later = submit('a', '3');
    expect(await Promise.all([...first, later])).toEqual(['1 committed', '2 committed', '3 committed']);
    expect(batches).toEqual([['1', '2'], ['3']]);
  });

  it('bounds a batch at maxBatch, in order', async () => {
    const { batches, submit } = setup(2);
    await Promise.all(['1', '2', '3', '4', '5'].map((name) => submit('a', name)));
    expect(batches).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it('keeps keys apart', async () => {
    const { batches, submit } = setup(50);
    await Promise.all([submit('a', 'a1'), submit('b', 'b1'), submit('a', 'a2')]);
    expect([...batches].sort()).toEqual([['a1', 'a2'], ['b1']]);
  });

  it('runs a failed batch again one job at a time, so only the failing job hears the error', async () => {
    const { batches, submit } = setup(50);
    const results = await Promise.allSettled([submit('a', '1'), submit('a', 'bad'), submit('a', '3')]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('database error of "bad"');
    expect(batches).toEqual([['1', 'bad', '3'], ['1'], ['bad'], ['3']]);
  });
});

describe('retryOnDeadlock', () => {
  const driverError = (code: string) => Object.assign(new Error(code), { driverError: { code } });

  it('retries a deadlock victim, and gives up after the last attempt', async () => {
    let calls = 0;
    expect(await retryOnDeadlock(async () => (++calls < 3 ? Promise.reject(driverError('ER_LOCK_DEADLOCK')) : 'done'))).toBe('done');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryOnDeadlock(async () => { calls++; throw driverError('ER_LOCK_WAIT_TIMEOUT'); })).rejects.toThrow('ER_LOCK_WAIT_TIMEOUT');
    expect(calls).toBe(5);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(retryOnDeadlock(async () => { calls++; throw driverError('ER_DUP_ENTRY'); })).rejects.toThrow('ER_DUP_ENTRY');
    expect(calls).toBe(1);
  });
});
