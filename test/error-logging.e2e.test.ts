import { describeEachDatabase } from './support/each-database';
import { Fixtures } from './support/fixtures';
import { gid } from './support/ids';
import { bearer, rawSocket, type RawSocket } from './support/raw-socket';
import { startTestServer, type TestServer } from './support/test-server';

type LogLine = Record<string, unknown> & { level: number; msg: string };

/** A document of about `bytes` that fails validation: one field Query does not have, with a long name. */
const hugeDocument = (bytes: number) => `{ ${'x'.repeat(bytes - 4)} }`;
/** What an attacker might repeat in a log to fill the disk: the long field name. */
const HUGE_MARKER = 'x'.repeat(1_000);

/**
 * What the log says about requests that fail: a client's mistake is one info line with its code
 * (no message, no document, no stack), and only what a person must look at (an unexpected error)
 * is an error line, with its details.
 */
describeEachDatabase('what the log says about failed requests', (dialect) => {
  let t: TestServer;
  let f: Fixtures;
  let viewer: string;
  let officer: string;
  let documentId: string;
  let userId: number;
  const raw: string[] = [];
  const lines: LogLine[] = [];

  beforeAll(async () => {
    t = await startTestServer(dialect, 'error-logging', {
      config: { logLevel: 'info' },
      logDestination: {
        write: (line: string) => {
          raw.push(line);
          lines.push(JSON.parse(line) as LogLine);
        },
      },
    });
    f = new Fixtures(t);
    viewer = await t.login('viewer@jalin.local');
    officer = await t.login('officer@jalin.local');
    userId = (await t.server.services.auth.authenticate(`Bearer ${officer}`))!.id;
    documentId = gid('AgreementDocument', (await f.document()).id);
  });
  afterAll(() => t?.close());

  /** The log lines written while `send` ran (the server logs before it answers). */
  async function logOf(send: () => Promise<unknown>) {
    const from = raw.length;
    await send();
    // Lines a request causes are written before its answer leaves; give stragglers a moment anyway.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { lines: lines.slice(from), bytes: raw.slice(from).reduce((sum, line) => sum + line.length, 0) };
  }

  function expectOneInfoLineWith(logged: { lines: LogLine[]; bytes: number }, code: string) {
    expect(logged.lines.filter((line) => line.level >= 50)).toEqual([]);
    const withCode = logged.lines.filter((line) => Array.isArray(line.codes));
    expect(withCode).toHaveLength(1);
    expect(withCode[0]).toMatchObject({ level: 30, codes: [code] });
    expect(JSON.stringify(logged.lines)).not.toMatch(/"stack"|\bat .+\.(ts|js):\d+/);
    // However large the request, what it leaves in the log is a line or two.
    expect(logged.bytes).toBeLessThan(2_000);
    expect(JSON.stringify(logged.lines)).not.toContain(HUGE_MARKER);
  }

  const post = (body: string, token: string | null = officer, headers: Record<string, string> = {}) =>
    fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { errors?: { extensions?: { code?: string; requestId?: string } }[] },
    }));
  const operation = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

  const HTTP_MISTAKES: [string, () => ReturnType<typeof post>, string][] = [
    ['malformed JSON', () => post('{"query": "{ me { id } }"'), 'BAD_REQUEST'],
    ['a body over 100 kB', () => post(operation(hugeDocument(120 * 1024))), 'BAD_REQUEST'],
    ['a batch', () => post(JSON.stringify([{ query: '{ me { id } }' }])), 'BAD_REQUEST'],
    ['a form-like POST (CSRF prevention)', () => post(operation('{ me { id } }'), officer, { 'content-type': 'text/plain' }), 'BAD_REQUEST'],
    ['a subscription over HTTP', () => post(operation('subscription { agreementUpdated(id: "x") { id } }')), 'BAD_REQUEST'],
    ['a syntax error', () => post(operation('{ me { id ')), 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', () => post(operation('{ me { id shoeSize } }')), 'GRAPHQL_VALIDATION_FAILED'],
    ['a 99 kB document', () => post(operation(hugeDocument(99 * 1024))), 'GRAPHQL_VALIDATION_FAILED'],
    ['a query too deep', () => post(operation(`{ me { ${'opd { users { '.repeat(8)}id${' } }'.repeat(8)} } }`)), 'GRAPHQL_VALIDATION_FAILED'],
    ['a variable of the wrong type', () => post(operation('query($id: ID!) { agreement(id: $id) { id } }', { id: { nested: [1, 2] } })), 'BAD_USER_INPUT'],
    ['a date that does not exist, in a variable', () => post(operation('mutation($id: ID!, $d: LocalDate) { updateDocument(id: $id, input: { signedOn: $d }) { id } }', { id: documentId, d: '2024-13-01' })), 'BAD_USER_INPUT'],
    ['an input its checks refuse', () => post(operation('mutation { createPartnerCity(input: { name: "", region: "", countryCode: "JP", level: CITY }) { id } }')), 'BAD_USER_INPUT'],
    ['a malformed id', () => post(operation('{ agreement(id: "1; DROP TABLE user") { id } }')), 'BAD_USER_INPUT'],
    ['an id that does not exist', () => post(operation(`{ board(agreementId: "${gid('Agreement', 99999999)}") { seq } }`)), 'NOT_FOUND'],
    ['no token', () => post(operation('{ me { id } }'), null), 'UNAUTHENTICATED'],
    ['a forged token', () => post(operation('{ me { id } }'), 'not.a.token'), 'UNAUTHENTICATED'],
    ['an operation the role may not run', () => post(operation('mutation { createPartnerCity(input: { name: "Perth", region: "WA", countryCode: "AU", level: CITY }) { id } }'), viewer), 'FORBIDDEN'],
  ];

  it.each(HTTP_MISTAKES)('HTTP, %s: one info line with the code, nothing at error level, no stack', async (_name, send, code) => {
    let answer: Awaited<ReturnType<typeof post>> | undefined;
    const logged = await logOf(async () => (answer = await send()));
    expect(answer!.body.errors?.[0]?.extensions?.code).toBe(code);
    expectOneInfoLineWith(logged, code);
  });

  describe('over WebSocket', () => {
    let socket: RawSocket;
    let viewerSocket: RawSocket;
    let next = 0;
    beforeAll(async () => {
      socket = rawSocket(t.wsUrl, bearer(officer));
      viewerSocket = rawSocket(t.wsUrl, bearer(viewer));
      await Promise.all([socket.acknowledged, viewerSocket.acknowledged]);
    });
    afterAll(() => {
      socket.socket.close();
      viewerSocket.socket.close();
    });

    /** Sends one operation and waits for its answer's errors (an error message, or a result with errors). */
    async function errorsOf(on: RawSocket, query: string, variables: Record<string, unknown> = {}) {
      const id = String(++next);
      on.send({ id, type: 'subscribe', payload: { query, variables } });
      const answer = await on.next((m) => m.id === id && (m.type === 'error' || m.type === 'next'));
      return (answer.type === 'error' ? answer.payload : (answer.payload as { errors: unknown[] }).errors) as { message: string; extensions?: { code?: string } }[];
    }
    /** The code of an operation's first error. */
    const run = async (on: RawSocket, query: string, variables: Record<string, unknown> = {}) => (await errorsOf(on, query, variables))[0]?.extensions?.code;

    const WS_MISTAKES: [string, (s: { officer: RawSocket; viewer: RawSocket }) => Promise<string | undefined>, string][] = [
      ['a syntax error', (s) => run(s.officer, '{ me { id '), 'GRAPHQL_PARSE_FAILED'],
      ['an unknown field', (s) => run(s.officer, '{ me { id shoeSize } }'), 'GRAPHQL_VALIDATION_FAILED'],
      ['a 90 kB document', (s) => run(s.officer, hugeDocument(90 * 1024)), 'GRAPHQL_VALIDATION_FAILED'],
      ['a variable of the wrong type', (s) => run(s.officer, 'query($id: ID!) { agreement(id: $id) { id } }', { id: { nested: [1, 2] } }), 'BAD_USER_INPUT'],
      ['a date that does not exist, in a variable', (s) => run(s.officer, 'mutation($id: ID!, $d: LocalDate) { updateDocument(id: $id, input: { signedOn: $d }) { id } }', { id: documentId, d: '2024-13-01' }), 'BAD_USER_INPUT'],
      ['an input its checks refuse', (s) => run(s.officer, 'mutation { createPartnerCity(input: { name: "", region: "", countryCode: "JP", level: CITY }) { id } }'), 'BAD_USER_INPUT'],
      ['an id that does not exist', (s) => run(s.officer, `{ board(agreementId: "${gid('Agreement', 99999999)}") { seq } }`), 'NOT_FOUND'],
      ['a board that does not exist', (s) => run(s.officer, `subscription { boardEvents(agreementId: "${gid('Agreement', 99999999)}") { seq } }`), 'NOT_FOUND'],
      ['an operation the role may not run', (s) => run(s.viewer, 'mutation { createPartnerCity(input: { name: "Perth", region: "WA", countryCode: "AU", level: CITY }) { id } }'), 'FORBIDDEN'],
    ];

    it.each(WS_MISTAKES)('%s: one info line with the code, nothing at error level, no stack', async (_name, send, code) => {
      let answered: string | undefined;
      const logged = await logOf(async () => (answered = await send({ officer: socket, viewer: viewerSocket })));
      expect(answered).toBe(code);
      expectOneInfoLineWith(logged, code);
    });

    // Issue 14, defect 4: an Int variable that is not one (the board's afterSeq, a page size) was an
    // INTERNAL_SERVER_ERROR and an error line over WebSocket, and BAD_USER_INPUT over HTTP.
    it.each([
      ['text', 'abc'],
      ['beyond 32 bits', 2_147_483_648],
      ['a fraction', 1.5],
    ])('an Int variable that is %s: BAD_USER_INPUT with the same message over WebSocket as over HTTP, one info line', async (_label, value) => {
      const query = 'query Page($n: Int) { agreements(first: $n) { totalCount } }';
      const overHttp = await post(operation(query, { n: value }));
      expect(overHttp.status).toBe(400);
      const httpErrors = (overHttp.body.errors ?? []) as { message: string; extensions?: { code?: string } }[];
      let wsErrors: { message: string; extensions?: { code?: string } }[] = [];
      const logged = await logOf(async () => (wsErrors = await errorsOf(socket, query, { n: value })));
      expect(wsErrors.map((e) => [e.extensions?.code, e.message])).toEqual(httpErrors.map((e) => [e.extensions?.code, e.message]));
      expect(wsErrors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Variable "\$n" got invalid value .*Int cannot represent/), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      expectOneInfoLineWith(logged, 'BAD_USER_INPUT');

      // The board's subscription, which only WebSocket carries.
      let boardErrors: { message: string; extensions?: { code?: string } }[] = [];
      const loggedBoard = await logOf(async () => (boardErrors = await errorsOf(socket, 'subscription($id: ID!, $after: Int) { boardEvents(agreementId: $id, afterSeq: $after) { seq } }', { id: gid('Agreement', 1), after: value })));
      expect(boardErrors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Variable "\$after" got invalid value .*Int cannot represent/), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      expectOneInfoLineWith(loggedBoard, 'BAD_USER_INPUT');
    });
  });

  it('still logs an unexpected error at error level, with its request id, user and operation', async () => {
    // A real failure no resolver expects: the documents table is gone (last test of the file).
    const table = dialect === 'sqlite' ? '"agreement_document"' : '`agreement_document`';
    await t.server.dataSource.query(`DROP TABLE ${table}`);
    let requestId: unknown;
    const logged = await logOf(async () => {
      const answer = await post(operation('query Dashboard { agreements(first: 5) { edges { node { documents { kind } } } } }'));
      expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
      requestId = answer.body.errors![0].extensions!.requestId;
    });
    expect(logged.lines.filter((line) => line.level >= 50)).toEqual([
      expect.objectContaining({ level: 50, msg: 'unexpected error', requestId, userId, operationName: 'Dashboard', err: expect.objectContaining({ stack: expect.any(String) }) }),
    ]);

    // The same over WebSocket.
    const socket = rawSocket(t.wsUrl, bearer(officer));
    await socket.acknowledged;
    let wsRequestId: unknown;
    const loggedWs = await logOf(async () => {
      socket.send({ id: 'docs', type: 'subscribe', payload: { operationName: 'Docs', query: 'query Docs { agreements(first: 1) { edges { node { documents { kind } } } } }' } });
      const answer = await socket.next((m) => m.id === 'docs' && m.type === 'next');
      const [error] = (answer.payload as { errors: { extensions: { code: string; requestId: string } }[] }).errors;
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
      wsRequestId = error.extensions.requestId;
    });
    socket.socket.close();
    expect(loggedWs.lines.filter((line) => line.level >= 50)).toEqual([
      expect.objectContaining({ level: 50, msg: 'unexpected error', requestId: wsRequestId, userId, operationName: 'Docs', err: expect.objectContaining({ stack: expect.any(String) }) }),
    ]);
  });
});
