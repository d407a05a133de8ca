import 'reflect-metadata';
import { createPubSub } from '@graphql-yoga/subscription';
import { getOperationAST, parse } from 'graphql';
import { Role, type User } from '../src/entities';
import { QUERY_FIELD_SCOPES, visibilityKey } from '../src/http/response-visibility';
import { createSchema } from '../src/schema';

/*
 * The response cache's visibility rule (src/http/response-visibility.ts): every root field of Query
 * is classified, and the key tells apart exactly the callers whose answers may differ.
 */

const user = (id: number, role: Role, opdId: number | null = null) => ({ id, role, opdId }) as User;
const key = (query: string, caller: User | null) => {
  const document = parse(query);
  return visibilityKey(document, getOperationAST(document)!, caller);
};

describe('response cache visibility', () => {
  it('classifies every root field of Query (a new query fails here until it says what its answer depends on)', async () => {
    const schema = await createSchema(createPubSub());
    const fields = Object.keys(schema.getQueryType()!.getFields());
    expect(fields.filter((field) => !(field in QUERY_FIELD_SCOPES))).toEqual([]);
    const introspection = ['__typename', '__schema', '__type'];
    expect(Object.keys(QUERY_FIELD_SCOPES).filter((field) => !fields.includes(field) && !introspection.includes(field))).toEqual([]);
  });

  it('shares an answer between callers of one role and OPD, never across roles or OPDs', () => {
    const query = '{ agreements(first: 5) { nodes { id } } }';
    expect(key(query, user(1, Role.OFFICER))).toBe(key(query, user(2, Role.OFFICER)));
    expect(key(query, user(1, Role.OFFICER))).not.toBe(key(query, user(1, Role.ADMIN)));
    expect(key(query, user(3, Role.OPD_EDITOR, 1))).not.toBe(key(query, user(4, Role.OPD_EDITOR, 2)));
    expect(key(query, user(3, Role.OPD_EDITOR, 1))).toBe(key(query, user(5, Role.OPD_EDITOR, 1)));
    expect(key(query, null)).toBe('anonymous');
  });

  it("keys a caller's own answers by the user (and still by the role), also through fragments", () => {
    const me = '{ me { id } }';
    expect(key(me, user(1, Role.VIEWER))).not.toBe(key(me, user(2, Role.VIEWER)));
    expect(key(me, user(1, Role.VIEWER))).not.toBe(key(me, user(1, Role.ADMIN)));
    const hidden = 'query { ...Mine countries { code } } fragment Mine on Query { ... on Query { notifications(first: 1) { nodes { id } } } }';
    expect(key(hidden, user(1, Role.VIEWER))).not.toBe(key(hidden, user(2, Role.VIEWER)));
  });

  it('never caches an answer that does not come from the database', () => {
    expect(key('query($id: ID!) { countries { code } boardPresence(agreementId: $id) { users { user { id } } } }', user(1, Role.OFFICER))).toBeNull();
  });
});
