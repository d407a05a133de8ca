import { Role } from '../src/entities';
import { describeEachDatabase } from './support/each-database';
import { bearer, rawSocket } from './support/raw-socket';
import { startTestServer, type TestServer } from './support/test-server';
import { expectNoInternals } from './support/no-internals';

const PASSWORD = 'production-password-42';

describeEachDatabase('error masking in production', (dialect) => {
  let t: TestServer;
  let token: string;
  let userId: number;
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];

  beforeAll(async () => {
    t = await startTestServer(dialect, 'error-masking', {
      config: { env: 'production', logLevel: 'info' },
      logDestination: {
        write: (line: string) => {
          raw.push(line);
          lines.push(JSON.parse(line));
        },
      },
    });
    const user = await t.server.services.users.create({ id: 0, role: Role.ADMIN, opdId: null }, { email: 'ops@jalin.test', name: 'Ops', role: Role.OFFICER, password: PASSWORD });
    userId = user.id;
    // Through HTTP, so a login (with its password in the variables) is in the log too.
    token = await t.login('ops@jalin.test', PASSWORD);
    // A real failure that no resolver expects: the documents table is gone.
    const table = dialect === 'sqlite' ? '"agreement_document"' : '`agreement_document`';
    await t.server.dataSource.query(`DROP TABLE ${table}`);
  });
  afterAll(() => t?.close());

  it('answers INTERNAL_SERVER_ERROR with a request id over HTTP, and logs the details under that id', async () => {
    const result = await t.gql('query Dashboard { agreements(first: 5) { edges { node { title documents { kind } } } } }', {}, token);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error.message).toBe('Internal server error');
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expectNoInternals(result);
    // The table this fault broke, and the database's own words for it, stay out of the answer too.
    expect(JSON.stringify(result)).not.toMatch(/agreement_document|no such table|doesn't exist/);

    const logged = lines.find((line) => line.msg === 'unexpected error' && line.requestId === error.extensions!.requestId);
    expect(logged).toMatchObject({ level: 50, service: 'jalin', userId, operationName: 'Dashboard' });
    expect(JSON.stringify(logged)).toMatch(/agreement_document/); // the details are in the log, for whoever reads it
  });

  it('masks the same failure over WebSocket', async () => {
    const socket = rawSocket(t.wsUrl, bearer(token));
    await socket.acknowledged;
    socket.send({ id: '1', type: 'subscribe', payload: { operationName: 'Docs', query: 'query Docs { agreements(first: 1) { edges { node { documents { kind } } } } }' } });
    const message = await socket.next((m) => m.id === '1' && m.type === 'next');
    socket.socket.close();
    const payload = message.payload as { errors: { message: string; extensions: { code: string; requestId: string } }[] };
    expect(payload.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } });
    expect(JSON.stringify(payload)).not.toMatch(/agreement_document|SELECT/i);
    expect(lines.find((line) => line.msg === 'unexpected error' && line.requestId === payload.errors[0].extensions.requestId)).toMatchObject({ userId, operationName: 'Docs' });
  });

  it('still answers /healthz, and never writes a password or a token to the log', async () => {
    expect((await fetch(t.url.replace('/graphql', '/healthz'))).status).toBe(200);
    const everything = raw.join('\n');
    expect(everything).toMatch(/graphql request/);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(token);
    expect(everything).not.toMatch(/scrypt\$/);
  });
});
