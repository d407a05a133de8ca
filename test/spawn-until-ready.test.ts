import { spawnUntilReady } from '../bench/lib/process';

/*
 * The one helper that starts a process and waits until it is ready (the bench's Jalin server, the
 * replication tests' MariaDB servers), on tiny node scripts: ready by output or by a probe, and the
 * two ways it fails, each with what the process said.
 */

const node = (script: string) => [process.execPath, ['-e', script]] as const;

describe('spawnUntilReady', () => {
  it('resolves once the output says ready, and stop ends the process', async () => {
    const [command, args] = node("setTimeout(() => console.log('listening at 127.0.0.1'), 200); setInterval(() => {}, 1000)");
    const server = await spawnUntilReady(command, args, { name: 'sample', ready: (output) => output.includes('listening at') });
    expect(server.output()).toContain('listening at 127.0.0.1');
    expect(server.exited()).toBe(false);
    await server.stop();
    expect(server.exited()).toBe(true);
    expect(server.child.signalCode).toBe('SIGTERM');
  });

  it('asks a probe until it answers, a rejection counting as not yet', async () => {
    const [command, args] = node('setInterval(() => {}, 1000)');
    let asked = 0;
    const server = await spawnUntilReady(command, args, {
      name: 'probed',
      ready: async () => {
        if (++asked < 3) throw new Error('connection refused');
        return true;
      },
    });
    expect(asked).toBe(3);
    await server.stop();
  });

  it('rejects with the diagnostics when the process exits before it is ready', async () => {
    const [command, args] = node("console.error('port 3306 already in use'); process.exit(3)");
    await expect(spawnUntilReady(command, args, { name: 'doomed', ready: () => false })).rejects.toThrow(/doomed exited \(code 3, signal null\) before it was ready:\n.*port 3306 already in use/);
    const custom = spawnUntilReady(command, args, { name: 'doomed', ready: () => false, diagnostics: () => 'the error log says: no space left' });
    await expect(custom).rejects.toThrow(/the error log says: no space left/);
  });

  it('gives up after the timeout, kills the process and names the last refusal', async () => {
    const [command, args] = node("process.on('SIGTERM', () => {}); console.log('still warming up, pid ' + process.pid); setInterval(() => {}, 1000)");
    const failed = spawnUntilReady(command, args, {
      name: 'slow',
      // Long enough for a child node to start and print on a loaded 2-core machine (0.5 s was not).
      timeoutMs: 3000,
      ready: () => {
        throw new Error('not yet listening');
      },
      diagnostics: (output) => `output: ${output.trim()}`,
    }).catch((error: Error) => error);
    const error = (await failed) as Error;
    expect(error.message).toMatch(/^slow was not ready within 3 s \(last: not yet listening\):\noutput: still warming up, pid \d+$/);
    // It ignored SIGTERM: the helper killed it after the grace, so a failed start leaves no process behind.
    const pid = Number(/pid (\d+)/.exec(error.message)![1]);
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });
});
