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

export async function login(url: string, email: string, password: string): Promise<string> {
  const data = await gqlData<{ login: { token: string } }>(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
    e: email,
    p: password,
  });
  return data.login.token;
}

/** The operations of the co-editing board API (issue 5) that scenarios 2–4 need. */
export const BOARD_API = {
  mutations: ['addDraftActivity', 'updateDraftActivity', 'moveDraftActivity'],
  queries: ['board'],
  subscriptions: ['boardEvents'],
};

/**
 * Operations that name each field of the board API. In production the server has no introspection,
 * so each is sent as is: a field the schema lacks fails validation ("Cannot query field"), a field it
 * has fails later (no such agreement, or no subscriptions over HTTP), which is all this needs to know.
 */
const PROBES: Record<string, string> = {
  board: 'query { board(agreementId: "0") { seq } }',
  addDraftActivity: 'mutation { addDraftActivity(input: { agreementId: "0", title: "probe" }) { id } }',
  updateDraftActivity: 'mutation { updateDraftActivity(id: "0", baseVersion: 1, patch: { title: "probe" }) { id } }',
  moveDraftActivity: 'mutation { moveDraftActivity(id: "0") { id } }',
  boardEvents: 'subscription { boardEvents(agreementId: "0") { seq } }',
};

/** Which operations of the board API the running server lacks (none: the scenarios can run). */
export async function missingBoardApi(url: string, token: string): Promise<string[]> {
  const missing: string[] = [];
  for (const [name, query] of Object.entries(PROBES)) {
    const result = await gql(url, query, {}, token);
    const absent = (result.errors ?? []).some(
      (error) => error.message.includes(`Cannot query field "${name}"`) || /not configured to execute subscription/i.test(error.message),
    );
    if (absent) missing.push(name);
  }
  return missing;
}
