/** A minimal GraphQL-over-HTTP client for the harness (never used inside a measured loop). */

export interface GraphQLError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

export async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult<T>;
}

export async function gqlData<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const result = await gql<T>(url, query, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL error: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export const DEMO_PASSWORD = 'jalin-demo';

export async function login(url: string, email: string): Promise<string> {
  const data = await gqlData<{ login: { token: string } }>(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
    e: email,
    p: DEMO_PASSWORD,
  });
  return data.login.token;
}

/** The operations of the co-editing board API (issue 5) that scenarios 2–4 need. */
export const BOARD_API = {
  mutations: ['addDraftActivity', 'updateDraftActivity', 'moveDraftActivity'],
  queries: ['board'],
  subscriptions: ['boardEvents'],
};

/** Whether the running server has the board API, by introspection; lists what is missing. */
export async function missingBoardApi(url: string, token: string): Promise<string[]> {
  const data = await gqlData<{ __schema: Record<'queryType' | 'mutationType' | 'subscriptionType', { fields: { name: string }[] } | null> }>(
    url,
    '{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }',
    {},
    token,
  );
  const names = (kind: 'queryType' | 'mutationType' | 'subscriptionType') => new Set((data.__schema[kind]?.fields ?? []).map((f) => f.name));
  return [
    ...BOARD_API.queries.filter((n) => !names('queryType').has(n)),
    ...BOARD_API.mutations.filter((n) => !names('mutationType').has(n)),
    ...BOARD_API.subscriptions.filter((n) => !names('subscriptionType').has(n)),
  ];
}
