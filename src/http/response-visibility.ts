import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { User } from '../entities';

/*
 * What can make two callers' answers to the same query differ, besides the data: the one place the
 * response cache (response-cache.ts) learns it. Every root field of Query is listed here (a test
 * fails for one that is not):
 *
 * - `shared`: the answer depends on the data, the caller's role and the caller's OPD only (the
 *   resolvers and services check roles, and an OPD editor's OPD, and nothing else of the caller);
 * - `own`: the answer is the caller's own (`me`, their notifications, `node`/`nodes`, which show a
 *   user only to admins or to that user, and a notification only to its owner);
 * - `never`: the answer comes from outside the database (presence lives in memory or Redis and
 *   changes without a write), so no data version can say it is still true.
 *
 * Nothing else of the request enters an answer: no answer depends on a language (texts stored in
 * the database are sent as stored; the web client translates), and the only clock that does is the
 * calendar day (expiring MoUs, days at a step), which the cache key carries (UTC, as `today()`).
 */
export type RootFieldScope = 'shared' | 'own' | 'never';

export const QUERY_FIELD_SCOPES: Readonly<Record<string, RootFieldScope>> = {
  agreement: 'shared',
  agreements: 'shared',
  expiringAgreements: 'shared',
  auditTrail: 'shared',
  board: 'shared',
  countries: 'shared',
  opds: 'shared',
  partnerCities: 'shared',
  meeting: 'shared',
  cooperationReport: 'shared',
  users: 'shared',
  me: 'own',
  notifications: 'own',
  node: 'own',
  nodes: 'own',
  boardPresence: 'never',
  // Introspection: the schema, the same for everyone (INTROSPECTION decides for the whole process).
  __typename: 'shared',
  __schema: 'shared',
  __type: 'shared',
};

/**
 * The visibility part of a cache key for this query and caller, or null when its answer must not
 * be cached (a root field that is `never`, or one this table does not know). Signed-in callers are
 * told apart by role and OPD always, and by their id too when the query asks for something of their
 * own; the role and OPD stay in the key even then, so an answer computed under a role the user has
 * just lost is never handed to them under the new one.
 */
export function visibilityKey(document: DocumentNode, operation: OperationDefinitionNode, user: User | null): string | null {
  const fields = rootFields(document, operation.selectionSet);
  let own = false;
  for (const field of fields) {
    const scope = QUERY_FIELD_SCOPES[field];
    if (scope === undefined || scope === 'never') return null;
    if (scope === 'own') own = true;
  }
  if (!user) return 'anonymous';
  const shared = `role=${user.role};opd=${user.opdId ?? ''}`;
  return own ? `${shared};user=${user.id}` : shared;
}

/** The names of the root fields a selection asks for, through fragments and inline fragments. */
function rootFields(document: DocumentNode, selectionSet: SelectionSetNode): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return names;
}
