/*
 * Jalin's GraphiQL page (served at GET /graphql by src/http/graphiql.route.ts). A plain browser
 * script on top of the browser builds of React 18, graphiql 3 and graphql-ws, which the page loads
 * before it from this server: no bundler, nothing from any other host.
 *
 * Queries and mutations go over HTTP with the headers of the Headers tab. Subscriptions go over the
 * same WebSocket protocol as every other client (graphql-transport-ws at /graphql), with the
 * Authorization header of that tab as connectionParams.authorization. The "Sign in" panel calls the
 * login mutation and writes the token into the Headers tab; pasting a token there works the same.
 */
(function () {
  'use strict';

  const h = React.createElement;
  const container = document.getElementById('graphiql');
  const endpoint = new URL(container.dataset.endpoint, window.location.href);
  const wsEndpoint = endpoint.href.replace(/^http/, 'ws');

  const LOGIN = 'mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { token user { name email role } } }';

  const DEFAULT_QUERY = `# Jalin's GraphQL API.
#
# Every operation but \`login\` needs a token: open "Sign in" on the left, or paste one into the
# Headers tab below as {"Authorization": "Bearer <token>"}. The schema is in the Documentation
# Explorer (the book icon). Subscriptions run over this server's WebSocket with the same token.

query FirstAgreements {
  agreements(first: 5) {
    totalCount
    edges { node { id title status partnerCity { name country { name } } } }
  }
}
`;

  function authorizationOf(headers) {
    for (const name of Object.keys(headers || {})) {
      if (name.toLowerCase() === 'authorization' && typeof headers[name] === 'string') return headers[name];
    }
    return undefined;
  }

  // The server checks a socket's token once, at connection_init: a new token (signing in, a pasted
  // header) gets a new WebSocket client, and the old one closes.
  let current = null;
  function fetcher(params, options) {
    const authorization = authorizationOf(options && options.headers);
    if (!current || current.authorization !== authorization) {
      if (current) current.wsClient.dispose();
      const wsClient = graphqlWs.createClient({
        url: wsEndpoint,
        lazy: true,
        retryAttempts: 0,
        connectionParams: authorization ? { authorization } : {},
      });
      current = { authorization, wsClient, fetch: GraphiQL.createFetcher({ url: endpoint.href, wsClient }) };
    }
    return current.fetch(params, options);
  }

  /** The Headers tab's JSON with Authorization set to `value` (removed when null); other headers kept. */
  function withAuthorization(text, value) {
    let headers = {};
    try {
      const parsed = text && text.trim() ? JSON.parse(text) : {};
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) headers = parsed;
    } catch {
      // Not JSON (a half-typed edit): replaced by the token alone.
    }
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    if (value) headers.Authorization = value;
    return JSON.stringify(headers, null, 2);
  }

  // GraphiQL keeps its tabs, history and favourites in localStorage. Tabs leave headers out
  // (shouldPersistHeaders: false), but history and favourites keep each run's headers, and so the
  // token: those are dropped on the way in, so that no token outlives the browser tab.
  const KEPT_WITHOUT_HEADERS = ['graphiql:queries', 'graphiql:favorites'];
  function withoutHeaders(key, value) {
    if (!KEPT_WITHOUT_HEADERS.includes(key)) return value;
    try {
      return JSON.stringify(JSON.parse(value, (name, item) => (name === 'headers' ? undefined : item)));
    } catch {
      return value;
    }
  }
  const storage = {
    getItem: (key) => window.localStorage.getItem(key),
    setItem: (key, value) => window.localStorage.setItem(key, withoutHeaders(key, value)),
    removeItem: (key) => window.localStorage.removeItem(key),
    get length() {
      return Object.keys(window.localStorage).filter((key) => key.startsWith('graphiql:')).length;
    },
    clear() {
      for (const key of Object.keys(window.localStorage)) if (key.startsWith('graphiql:')) window.localStorage.removeItem(key);
    },
  };

  function SignInPanel() {
    const editors = GraphiQL.React.useEditorContext({ nonNull: true });
    const [email, setEmail] = React.useState('');
    const [password, setPassword] = React.useState('');
    const [busy, setBusy] = React.useState(false);
    const [status, setStatus] = React.useState(null);

    function writeHeaders(authorization) {
      const text = withAuthorization(editors.headerEditor ? editors.headerEditor.getValue() : '', authorization);
      if (editors.headerEditor) editors.headerEditor.setValue(text);
      else editors.updateActiveTabValues({ headers: text });
    }

    async function signIn(event) {
      event.preventDefault();
      setBusy(true);
      setStatus(null);
      try {
        const response = await fetch(endpoint.href, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
        });
        const body = await response.json();
        const login = body.data && body.data.login;
        if (!login) throw new Error(body.errors && body.errors[0] ? body.errors[0].message : `Sign-in failed (HTTP ${response.status})`);
        writeHeaders(`Bearer ${login.token}`);
        setPassword('');
        setStatus({ ok: true, text: `Signed in as ${login.user.name} (${login.user.role}). The token is in the Headers tab.` });
      } catch (error) {
        setStatus({ ok: false, text: error instanceof Error ? error.message : String(error) });
      } finally {
        setBusy(false);
      }
    }

    function signOut() {
      writeHeaders(null);
      setStatus({ ok: true, text: 'Signed out: the token was removed from the Headers tab.' });
    }

    const field = (label, type, value, onChange, autoComplete) =>
      h('label', { className: 'jalin-field' }, label, h('input', { type, value, required: true, autoComplete, onChange: (e) => onChange(e.target.value) }));

    return h(
      'div',
      { className: 'jalin-sign-in' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Sign in'),
      h(
        'form',
        { onSubmit: signIn },
        field('Email', 'email', email, setEmail, 'username'),
        field('Password', 'password', password, setPassword, 'current-password'),
        h('div', { className: 'jalin-actions' },
          h('button', { type: 'submit', className: 'graphiql-button jalin-primary', disabled: busy }, busy ? 'Signing in…' : 'Sign in'),
          h('button', { type: 'button', className: 'graphiql-button', onClick: signOut }, 'Sign out')),
      ),
      status && h('p', { className: status.ok ? 'jalin-status' : 'jalin-status jalin-error', role: 'status' }, status.text),
      h('p', { className: 'jalin-hint' },
        'Or paste a token into the Headers tab: ', h('code', null, '{"Authorization": "Bearer <token>"}'),
        '. The token is kept in this tab only, never stored.'),
    );
  }

  function KeyIcon() {
    return h('svg', { viewBox: '0 0 24 24', height: '1em', fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, 'aria-hidden': true },
      h('circle', { cx: 8, cy: 15, r: 4 }),
      h('path', { d: 'M11 12l8-8m-3 3l3 3m-5-1l2 2' }));
  }

  const signInPlugin = { title: 'Sign in', icon: KeyIcon, content: SignInPanel };

  ReactDOM.createRoot(container).render(
    h(GraphiQL, {
      fetcher,
      plugins: [signInPlugin],
      visiblePlugin: signInPlugin,
      defaultQuery: DEFAULT_QUERY,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      // Tokens stay out of localStorage.
      shouldPersistHeaders: false,
      storage,
      showPersistHeadersSettings: false,
    }),
  );
})();
