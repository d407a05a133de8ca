import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { describeEachDatabase } from './support/each-database';
import { bearer, rawSocket } from './support/raw-socket';
import { startTestServer, type TestServer } from './support/test-server';

const ISSUER = 'https://idp.denpasarkota.test/';
const AUDIENCE = 'jalin-api';

describeEachDatabase('tokens from an external identity provider (JWKS)', (dialect) => {
  let t: TestServer;
  let jwks: http.Server;
  let privateKey: KeyLike;
  let strangerKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const publicKey = pair.publicKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    // The provider's key set, served over HTTP as a real one would be.
    jwks = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    t = await startTestServer(dialect, 'external-idp', { config: { externalIdp: { jwksUrl, issuer: ISSUER, audience: AUDIENCE } } });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const idpToken = (claims: Record<string, unknown>, options: { key?: KeyLike; issuer?: string; audience?: string; expires?: string | number | null } = {}) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('idp-subject-123')
      .setIssuedAt();
    // expires: null leaves `exp` out.
    return (options.expires === null ? jwt : jwt.setExpirationTime(options.expires ?? '10m')).sign(options.key ?? privateKey);
  };

  it('maps the email claim to an existing active user, with that user’s role, over HTTP and WebSocket', async () => {
    const token = await idpToken({ email: 'Officer@Jalin.Local' });
    const me = await t.gql<{ me: { email: string; role: string } }>('{ me { email role } }', {}, token);
    expect(me.data?.me).toEqual({ email: 'officer@jalin.local', role: 'OFFICER' });
    const socket = rawSocket(t.wsUrl, bearer(token));
    await socket.acknowledged;
    socket.socket.close();
    // Jalin's own tokens keep working alongside.
    expect((await t.gql('{ me { email } }', {}, await t.login('viewer@jalin.local'))).errors).toBeUndefined();
  });

  it.each([
    ['an email no user has', async () => idpToken({ email: 'stranger@example.org' })],
    ['no email claim', async () => idpToken({})],
    ['an unverified email', async () => idpToken({ email: 'officer@jalin.local', email_verified: false })],
    ['another audience', async () => idpToken({ email: 'officer@jalin.local' }, { audience: 'some-other-app' })],
    ['another issuer', async () => idpToken({ email: 'officer@jalin.local' }, { issuer: 'https://evil.test/' })],
    ['a key not in the provider’s set', async () => idpToken({ email: 'officer@jalin.local' }, { key: strangerKey })],
    ['an expired token', async () => idpToken({ email: 'officer@jalin.local' }, { expires: Math.floor(Date.now() / 1000) - 60 })],
    ['a token without exp', async () => idpToken({ email: 'officer@jalin.local' }, { expires: null })],
  ])('refuses %s (UNAUTHENTICATED, WebSocket 4401)', async (_label, make) => {
    const token = await make();
    const result = await t.gql('{ me { email } }', {}, token);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const socket = rawSocket(t.wsUrl, bearer(token));
    expect((await socket.closed).code).toBe(4401);
  });

  it('refuses the provider’s token for a deactivated user', async () => {
    const admin = await t.login('admin@jalin.local');
    const created = await t.gql<{ createUser: { id: string } }>(
      'mutation { createUser(input: { email: "leaver@jalin.test", name: "Leaver", role: VIEWER, password: "long-enough-password" }) { id } }',
      {},
      admin,
    );
    const token = await idpToken({ email: 'leaver@jalin.test' });
    expect((await t.gql('{ me { email } }', {}, token)).errors).toBeUndefined();
    await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { id } }', { id: created.data!.createUser.id }, admin);
    expect((await t.gql('{ me { email } }', {}, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
