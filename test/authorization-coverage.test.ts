import 'reflect-metadata';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { createSchema } from '../src/schema';
import { MATRIX, PUBLIC_OPERATIONS, SUBSCRIPTIONS } from './support/authorization-matrix';

/** Every root field of the built schema, as Type.field. */
function rootOperations(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
    type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
  );
}

/**
 * Derived from the schema, not from a list kept by hand: a new query, mutation or subscription fails
 * here until the authorization matrix says who may call it (test/authorization.e2e.test.ts then runs
 * each query and mutation row as every caller).
 */
describe('authorization matrix coverage', () => {
  let operations: string[];

  beforeAll(async () => {
    operations = rootOperations(await createSchema(createPubSub()));
  });

  it('has a row for every protected query and mutation and a rule for every subscription', () => {
    const covered = new Set([
      ...MATRIX.map((row) => `${/^\s*mutation\b/.test(row.document) ? 'Mutation' : 'Query'}.${row.name}`),
      ...SUBSCRIPTIONS.map(({ name }) => `Subscription.${name}`),
      ...PUBLIC_OPERATIONS,
    ]);
    expect(operations.filter((operation) => !covered.has(operation))).toEqual([]);
  });

  it('names no operation the schema does not have (a renamed operation must move its row)', () => {
    const known = new Set(operations);
    const stale = [
      ...MATRIX.map((row) => `${/^\s*mutation\b/.test(row.document) ? 'Mutation' : 'Query'}.${row.name}`),
      ...SUBSCRIPTIONS.map(({ name }) => `Subscription.${name}`),
      ...PUBLIC_OPERATIONS,
    ].filter((operation) => !known.has(operation));
    expect(stale).toEqual([]);
  });

  it('really sees the whole schema (the check above would pass on an empty one)', () => {
    expect(operations).toEqual(expect.arrayContaining(['Query.me', 'Mutation.login', 'Mutation.addDraftActivity', 'Subscription.boardEvents']));
  });
});
