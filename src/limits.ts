import {
  GraphQLError,
  KnownFragmentNamesRule,
  NoFragmentCyclesRule,
  NoSchemaIntrospectionCustomRule,
  getNullableType,
  isListType,
  isObjectType,
  specifiedRules,
  validate,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Limits } from './config';
import { ErrorCode } from './errors';
import { DEFAULT_PAGE_SIZE } from './services/pagination';

/** What a list without a `first` argument is assumed to hold (an agreement's activities, documents…). */
export const ASSUMED_LIST_SIZE = 10;

/**
 * Cost of a field: 1, plus its selection times the number of items it may return. A page (a field
 * with `first` or `last`) costs its selection times its size (the default page size when both are
 * left out); any other list counts ASSUMED_LIST_SIZE items. A connection's `edges` and `nodes` are
 * the page's items, already counted by its size, so they do not multiply again (selecting both
 * counts both, as both are sent). Aliases are separate fields and each costs in full.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
    const sizes = [args.first, args.last].filter((size): size is number => typeof size === 'number' && size > 0);
    return 1 + childComplexity * (sizes.length ? Math.max(...sizes) : DEFAULT_PAGE_SIZE);
  }
  if (isListType(getNullableType(field.type)) && !isConnectionItems(type, field.name)) return 1 + childComplexity * ASSUMED_LIST_SIZE;
  return 1 + childComplexity;
};

/** `edges` or `nodes` of a connection type (one with `pageInfo`): the page's items. */
function isConnectionItems(type: GraphQLCompositeType, fieldName: string): boolean {
  return (fieldName === 'edges' || fieldName === 'nodes') && isObjectType(type) && 'pageInfo' in type.getFields();
}

/**
 * graphql-depth-limit, guarded: it recurses into fragments without checking that they exist or
 * are acyclic, and would crash (a 500) on such documents. The standard rules report those anyway.
 */
export function depthRule(maxDepth: number): ValidationRule {
  const limit = depthLimit(maxDepth);
  return (context: ValidationContext): ASTVisitor => {
    const fragmentProblems = validate(context.getSchema(), context.getDocument(), [KnownFragmentNamesRule, NoFragmentCyclesRule]);
    if (fragmentProblems.length === 0) limit(context);
    return {};
  };
}

/** Validation rules added to graphql's own, for HTTP (Apollo) and WebSocket alike. */
export function extraValidationRules(limits: Limits, introspection: boolean): ValidationRule[] {
  return [depthRule(limits.maxQueryDepth), ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}

/** The full validation that WebSocket operations get (Apollo runs the same rules for HTTP). */
export function validateOperation(schema: GraphQLSchema, document: DocumentNode, limits: Limits, introspection: boolean): readonly GraphQLError[] {
  return validate(schema, document, [...specifiedRules, ...extraValidationRules(limits, introspection)]);
}

/**
 * Refuses an operation whose estimated cost exceeds the limit (QUERY_TOO_COMPLEX). Runs after
 * validation, when the variables are known, because a page's size is usually a variable.
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined, limits: Limits): GraphQLError | null {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, operationName: operationName ?? undefined, variables: variables ?? {}, estimators: [costEstimator], maxQueryNodes: 5000 });
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) return tooComplex(limits.maxQueryCost, null);
    // Wrong variables: execution reports them precisely as BAD_USER_INPUT, so let it.
    return null;
  }
  return cost > limits.maxQueryCost ? tooComplex(limits.maxQueryCost, cost) : null;
}

function tooComplex(max: number, cost: number | null): GraphQLError {
  return new GraphQLError(
    cost === null ? `The query is too large; its cost limit is ${max}` : `The query costs ${cost}, more than the limit of ${max}; ask for smaller pages or fewer fields`,
    { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost: max, http: { status: 400 } } },
  );
}
