import fs from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { ASSUMED_LIST_SIZE, ROOT_FIELD_COSTS, costEstimator } from '../src/limits';
import { DEFAULT_PAGE_SIZE } from '../src/services/pagination';
import { SCHEMA_FILE } from '../src/scripts/print-schema';

// The committed schema (test/schema.test.ts proves it is the one the server runs).
const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
const cost = (query: string, variables: Record<string, unknown> = {}) => getComplexity({ schema, query: parse(query), variables, estimators: [costEstimator] });

describe('cost estimator', () => {
  it('prices a page by its size, whether it pages forward (first) or backward (last)', () => {
    // agreements (1) + page × edges (1) + node (1) + id (1)
    expect(cost('{ agreements(first: 10) { edges { node { id } } } }')).toBe(1 + 10 * 3);
    expect(cost('{ agreements(last: 10) { edges { node { id } } } }')).toBe(1 + 10 * 3);
    expect(cost('query($n: Int) { agreements(last: $n) { edges { node { id } } } }', { n: 40 })).toBe(1 + 40 * 3);
    expect(cost('{ agreements { edges { node { id } } } }')).toBe(1 + DEFAULT_PAGE_SIZE * 3);
  });

  it('counts edges and nodes once each, not again as lists', () => {
    expect(cost('{ users(first: 10) { nodes { id } } }')).toBe(1 + 10 * 2);
    expect(cost('{ partnerCities(first: 10) { edges { node { id } } nodes { id } } }')).toBe(1 + 10 * (3 + 2));
    expect(cost('{ expiringAgreements(last: 5) { totalCount nodes { title } pageInfo { hasNextPage hasPreviousPage } } }')).toBe(1 + 5 * (1 + 2 + 3));
  });

  it('still multiplies other lists, inside a page and outside', () => {
    expect(cost('{ countries { code } }')).toBe(1 + ASSUMED_LIST_SIZE * 1);
    // agreements (1) + 10 × (nodes (1) + documents (1 + 10 × kind (1)))
    expect(cost('{ agreements(first: 10) { nodes { documents { kind } } } }')).toBe(1 + 10 * (1 + 1 + ASSUMED_LIST_SIZE));
  });
});

describe('root fields priced by their work', () => {
  it('adds the report’s base cost to its selection, once per alias', () => {
    const base = ROOT_FIELD_COSTS.cooperationReport.base;
    expect(cost('{ cooperationReport { asOf } }')).toBe(1 + base + 1);
    expect(cost('{ a: cooperationReport { asOf } b: cooperationReport { asOf } }')).toBe(2 * (1 + base + 1));
  });

  it('prices node once and nodes per id given', () => {
    const base = ROOT_FIELD_COSTS.node.base;
    expect(cost('{ node(id: "x") { id } }')).toBe(1 + base + 1);
    expect(cost('{ nodes(ids: ["x", "y", "z"]) { id } }')).toBe(1 + 3 * (ROOT_FIELD_COSTS.nodes.base + 1));
    expect(cost('query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }', { ids: Array(100).fill('x') })).toBe(1 + 100 * (ROOT_FIELD_COSTS.nodes.base + 2));
  });
});
