import {
  GraphQLError,
  Kind,
  KnownFragmentNamesRule,
  NoFragmentCyclesRule,
  NoSchemaIntrospectionCustomRule,
  getIntrospectionQuery,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isUnionType,
  parse,
  specifiedRules,
  validate,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLCompositeType,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
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
  const priced = type.name === 'Query' ? ROOT_FIELD_COSTS[field.name] : undefined;
  if (priced) {
    const items = priced.perItemOf ? (Array.isArray(args[priced.perItemOf]) ? (args[priced.perItemOf] as unknown[]).length : 1) : 1;
    return 1 + items * (priced.base + childComplexity);
  }
  if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
    const sizes = [args.first, args.last].filter((size): size is number => typeof size === 'number' && size > 0);
    return 1 + childComplexity * (sizes.length ? Math.max(...sizes) : DEFAULT_PAGE_SIZE);
  }
  if (isListType(getNullableType(field.type)) && !isConnectionItems(type, field.name)) return 1 + childComplexity * ASSUMED_LIST_SIZE;
  return 1 + childComplexity;
};

/**
 * Root fields whose resolver does work that their selection does not show, priced by that work: a
 * base cost added to their selection's, once, or once per item of a list argument (`perItemOf`).
 * The one place such prices live (the README's Limits section lists them).
 */
export const ROOT_FIELD_COSTS: Record<string, { base: number; perItemOf?: string }> = {
  // A dozen GROUP BY statements over the filtered agreements, whatever the selection: ~2 ms each
  // at the demo's size, so 1 000 lets about ten reports into one operation and a single one pass
  // with the full selection at a tenth of the limit.
  cooperationReport: { base: 1000 },
  // A lookup by global id of any kind: decoding, the access rules of that kind, and a statement
  // per kind (batched); priced like two list items, `nodes` per id given (up to 100).
  node: { base: 20 },
  nodes: { base: 20, perItemOf: 'ids' },
};

/** `edges` or `nodes` of a connection type (one with `pageInfo`): the page's items. */
function isConnectionItems(type: GraphQLCompositeType, fieldName: string): boolean {
  return (fieldName === 'edges' || fieldName === 'nodes') && isObjectType(type) && 'pageInfo' in type.getFields();
}

type IntrospectionSizes = Record<string, Record<string, number>>;
const introspectionSizesBySchema = new WeakMap<GraphQLSchema, IntrospectionSizes>();

/**
 * How many items each list of the introspection types holds in this schema, on average: the
 * schema's types and directives exactly, a type's fields (input fields, enum values, interfaces,
 * possible types) averaged over all its types, a field's arguments over all fields. `ofType` is
 * counted as a list of at most one: the share of type references that are wrappers (non-null or
 * list) and so have an `ofType`. Priced with these, an introspection query is estimated at about
 * the number of values of its answer (the standard query within a few per cent).
 */
function introspectionSizes(schema: GraphQLSchema): IntrospectionSizes {
  const known = introspectionSizesBySchema.get(schema);
  if (known) return known;
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  const count = { fields: 0, args: 0, inputFields: 0, enumValues: 0, interfaces: 0, possibleTypes: 0, typeRefs: 0, wrappers: 0 };
  const countTypeRef = (type: GraphQLType) => {
    for (let t: GraphQLType | undefined = type; t; t = 'ofType' in t ? (t.ofType as GraphQLType) : undefined) {
      count.typeRefs++;
      if ('ofType' in t) count.wrappers++;
    }
  };
  for (const type of types) {
    if (isObjectType(type) || isInterfaceType(type)) {
      count.interfaces += type.getInterfaces().length;
      for (const field of Object.values(type.getFields())) {
        count.fields++;
        countTypeRef(field.type);
        for (const arg of field.args) {
          count.args++;
          countTypeRef(arg.type);
        }
      }
    }
    if (isInterfaceType(type) || isUnionType(type)) count.possibleTypes += schema.getPossibleTypes(type).length;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        count.inputFields++;
        countTypeRef(field.type);
      }
    }
    if (isEnumType(type)) count.enumValues += type.getValues().length;
  }
  const perType = (n: number) => n / types.length;
  const sizes: IntrospectionSizes = {
    __Schema: { types: types.length, directives: directives.length },
    __Type: {
      fields: perType(count.fields),
      inputFields: perType(count.inputFields),
      enumValues: perType(count.enumValues),
      interfaces: perType(count.interfaces),
      possibleTypes: perType(count.possibleTypes),
      ofType: count.typeRefs ? count.wrappers / count.typeRefs : 0,
    },
    __Field: { args: count.fields ? count.args / count.fields : 0 },
    __Directive: { args: directives.length ? directives.reduce((sum, d) => sum + d.args.length, 0) / directives.length : 0 },
  };
  introspectionSizesBySchema.set(schema, sizes);
  return sizes;
}

/**
 * Cost of the introspection types' fields (`__Schema`, `__Type`, `__Field`, …): 1, plus the
 * selection times the items the field holds in this schema (introspectionSizes). Introspection is
 * answered from the schema in memory, so what it costs is the size of its answer, which the
 * schema bounds; the flat ASSUMED_LIST_SIZE would price the standard introspection query at twice
 * the limit. Other fields are left to costEstimator.
 */
export function introspectionCostEstimator(schema: GraphQLSchema): ComplexityEstimator {
  const sizes = introspectionSizes(schema);
  return ({ type, field, childComplexity }) => {
    const items = sizes[type.name]?.[field.name];
    if (items !== undefined) return 1 + childComplexity * items;
    return type.name.startsWith('__') ? 1 + childComplexity : undefined;
  };
}

type FragmentLookup = (name: string) => FragmentDefinitionNode | null | undefined;

/** Fields nested in a selection, through fragments (each counted where it is spread). */
function selectionDepth(selectionSet: SelectionSetNode | undefined, getFragment: FragmentLookup, fragmentsOnPath = new Set<string>()): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, getFragment, fragmentsOnPath));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, getFragment, fragmentsOnPath));
    } else {
      const name = selection.name.value;
      const fragment = getFragment(name);
      // Unknown and cyclic fragments are reported by graphql's own rules.
      if (!fragment || fragmentsOnPath.has(name)) continue;
      fragmentsOnPath.add(name);
      deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, getFragment, fragmentsOnPath));
      fragmentsOnPath.delete(name);
    }
  }
  return deepest;
}

/**
 * How deep an introspection field (`__schema`, `__type`) may nest: as deep as graphql's own full
 * introspection query (getIntrospectionQuery with every option), whose chains of `ofType` go
 * deeper than MAX_QUERY_DEPTH. No schema wraps a type that often, so deeper chains only make work.
 */
export const MAX_INTROSPECTION_DEPTH: number = (() => {
  const standard = parse(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, experimentalDirectiveDeprecation: true, oneOf: true }));
  const fragments = new Map(standard.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const operation = standard.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return selectionDepth(operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined, (name) => fragments.get(name));
})();

/**
 * The depth limit for introspection, which graphql-depth-limit leaves out (it skips every field
 * whose name starts with `__`, and so all that is under `__schema` and `__type`).
 */
export function introspectionDepthRule(maxDepth: number = MAX_INTROSPECTION_DEPTH): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return;
      const depth = 1 + selectionDepth(node.selectionSet, (name) => context.getFragment(name));
      if (depth > maxDepth) {
        context.reportError(new GraphQLError(`'${node.alias?.value ?? node.name.value}' nests ${depth} levels, deeper than the ${maxDepth} of the standard introspection query`, { nodes: [node] }));
      }
    },
  });
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
  return [depthRule(limits.maxQueryDepth), ...(introspection ? [introspectionDepthRule()] : [NoSchemaIntrospectionCustomRule])];
}

/** The full validation that WebSocket operations get (Apollo runs the same rules for HTTP). */
export function validateOperation(schema: GraphQLSchema, document: DocumentNode, limits: Limits, introspection: boolean): readonly GraphQLError[] {
  return validate(schema, document, [...specifiedRules, ...extraValidationRules(limits, introspection)]);
}

/** Fields (with every fragment spread counted again) an operation may select, whatever its cost. */
export const MAX_QUERY_NODES = 5000;

/**
 * Refuses an operation whose estimated cost exceeds the limit (QUERY_TOO_COMPLEX). Runs after
 * validation, when the variables are known, because a page's size is usually a variable.
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined, limits: Limits): GraphQLError | null {
  let cost: number;
  try {
    cost = estimateCost(schema, document, operationName, variables);
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) return tooManyFields(limits.maxQueryCost);
    // Wrong variables: execution reports them precisely as BAD_USER_INPUT, so let it.
    return null;
  }
  return cost > limits.maxQueryCost ? tooComplex(limits.maxQueryCost, cost) : null;
}

/** Why an operation was refused as QUERY_TOO_COMPLEX (`extensions.reason`). */
export const TooComplexReason = {
  /** Its estimated cost is over the limit: `cost` is that estimate. */
  COST: 'COST',
  /** It selects more than MAX_QUERY_NODES fields, so it was not priced to the end: `cost` is the lower bound MAX_QUERY_NODES. */
  TOO_MANY_FIELDS: 'TOO_MANY_FIELDS',
} as const;

/** The estimated cost of an operation (see costEstimator and introspectionCostEstimator); throws past MAX_QUERY_NODES. */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables?: Record<string, unknown> | null): number {
  const cost = getComplexity({ schema, query: document, operationName: operationName ?? undefined, variables: variables ?? {}, estimators: [introspectionCostEstimator(schema), costEstimator], maxQueryNodes: MAX_QUERY_NODES });
  return Math.ceil(cost);
}

function tooComplex(max: number, cost: number): GraphQLError {
  return new GraphQLError(`The query costs ${cost}, more than the limit of ${max}; ask for smaller pages or fewer fields`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, reason: TooComplexReason.COST, cost, maxCost: max, http: { status: 400 } },
  });
}

/**
 * Past MAX_QUERY_NODES the estimate stops (pricing a huge document is the work the limit saves),
 * so `cost` is what is known for sure: every field costs at least 1, so at least MAX_QUERY_NODES.
 * It may be under `maxCost`: `reason` and `maxFields` say why the operation was refused anyway.
 */
function tooManyFields(max: number): GraphQLError {
  return new GraphQLError(`The query selects more than ${MAX_QUERY_NODES} fields (fragments counted at each spread); select fewer fields or aliases`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, reason: TooComplexReason.TOO_MANY_FIELDS, cost: MAX_QUERY_NODES, maxCost: max, maxFields: MAX_QUERY_NODES, http: { status: 400 } },
  });
}
