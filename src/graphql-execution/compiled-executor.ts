import {
  GraphQLError,
  Kind,
  createSourceEventStream,
  execute as executeGraphQLJs,
  getLocation,
  subscribe as subscribeGraphQLJs,
  getOperationAST,
  getVariableValues,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { inspect } from 'graphql/jsutils/inspect';
import { createCompiledOperations, isRefusal, type CompiledOperationsOptions } from './compiled-operations';

/*
 * graphql-js's `execute` and `subscribe`, with the same signatures and the same answers, running
 * operations compiled by graphql-jit. What graphql-js does before and around execution stays
 * graphql-js's own: choosing the operation (and its error when there is none or it is ambiguous),
 * coercing the variables (and the messages of the refusals, which Apollo recognises by their
 * nodes to make BAD_USER_INPUT), creating a subscription's event stream; and graphql-jit's errors
 * are made into graphql-js's (see `asGraphQLJsError`). test/compiled-execution.test.ts and the
 * whole suite in verify mode (./verify.ts) hold the two equal.
 */

type PromiseOrValue<T> = Promise<T> | T;
export type Execute = (args: ExecutionArgs) => PromiseOrValue<ExecutionResult>;
export type Subscribe = (args: ExecutionArgs) => Promise<AsyncGenerator<ExecutionResult, void, void> | ExecutionResult>;

export interface GraphQLExecutor {
  execute: Execute;
  subscribe: Subscribe;
}

/** graphql-js's own executor, behind the same interface (GRAPHQL_EXECUTION=graphql-js). */
export const graphqlJsExecutor: GraphQLExecutor = { execute: executeGraphQLJs, subscribe: subscribeGraphQLJs };

/** `execute` running graphql-jit's compiled operations, each compiled once (see createCompiledOperations). */
export function compiledExecute(schema: GraphQLSchema, options: CompiledOperationsOptions = {}): Execute {
  const operations = createCompiledOperations(schema, options);
  return (args) => {
    // Options graphql-jit has no place for (Jalin passes none): graphql-js honours them.
    if (args.schema !== schema || args.fieldResolver || args.typeResolver || args.subscribeFieldResolver) return executeGraphQLJs(args);
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation || isIntrospectionOnly(operation)) return executeGraphQLJs(args);
    // As graphql-js's buildExecutionContext: the refusals are graphql-js's, word for word. graphql-jit
    // then coerces the same values again; they are small, and its own refusals never come into play.
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, { maxErrors: 50 });
    if (variables.errors) return { errors: variables.errors };
    const compiled = operations.get(args.document, args.operationName);
    if (isRefusal(compiled)) return executeGraphQLJs(args);
    const result = compiled.query(args.rootValue, args.contextValue, args.variableValues ?? {});
    return isPromiseLike(result) ? Promise.resolve(result).then((r) => asGraphQLJsResult(r, args.document)) : asGraphQLJsResult(result, args.document);
  };
}

/**
 * An operation that asks only `__schema`/`__type`: answered from the schema in memory, rarely, and
 * each client's tool sends its own variant of the text. Compiling the standard introspection query
 * takes longer than running it on graphql-js (about 290 ms against 210 ms on Jalin's schema), so
 * graphql-js runs these (and they are the same by construction).
 */
export function isIntrospectionOnly(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && (selection.name.value === '__schema' || selection.name.value === '__type'));
}

/**
 * graphql-js's `subscribe` around any `execute`: graphql-js creates the event stream (the
 * subscription's resolver, its refusals), and each event is `execute`d with the event as root
 * value, which is exactly what graphql-js's own subscribe does with its execute.
 */
export function subscribeWith(execute: Execute): Subscribe {
  return async (args) => {
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) return stream;
    return mapEvents(stream, (event) => execute({ ...args, rootValue: event }));
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown>)?.[Symbol.asyncIterator] === 'function';
}

function isPromiseLike<T>(value: PromiseOrValue<T> | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T>)?.then === 'function';
}

/**
 * Each event through `map`, as graphql-js's mapAsyncIterator: `return()` reaches the source at once
 * (an async generator would wait for the next event first, and a quiet board may send none).
 */
function mapEvents(source: AsyncIterable<unknown>, map: (event: unknown) => PromiseOrValue<ExecutionResult>): AsyncGenerator<ExecutionResult, void, void> {
  const iterator = source[Symbol.asyncIterator]();
  const step = async (result: IteratorResult<unknown>): Promise<IteratorResult<ExecutionResult, void>> => {
    if (result.done) return result as IteratorReturnResult<void>;
    try {
      return { done: false, value: await map(result.value) };
    } catch (error) {
      await iterator.return?.().catch(() => undefined);
      throw error;
    }
  };
  return {
    next: () => iterator.next().then(step),
    return: async () => (iterator.return ? step(await iterator.return()) : { done: true, value: undefined }),
    throw: async (error?: unknown) => {
      if (iterator.throw) return step(await iterator.throw(error));
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<ExecutionResult, void, void>;
}

function asGraphQLJsResult(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map((error) => asGraphQLJsError(error, document)) };
}

/**
 * A graphql-jit error as graphql-js's `locatedError` makes it: an error that already has a path is
 * passed on as it is; a thrown non-Error becomes "Unexpected error value: …"; the error gets the
 * field nodes it is about (graphql-jit keeps only their locations, and Apollo reads the nodes), the
 * original error, and through it the original's `extensions`. graphql-jit's own errors (a null in a
 * non-null field) get an Error as original, as graphql-js's have.
 */
function asGraphQLJsError(error: GraphQLError, document: DocumentNode): GraphQLError {
  const thrown: unknown = error.originalError;
  if (thrown && Array.isArray((thrown as { path?: unknown }).path)) return thrown as GraphQLError;
  const original = thrown === undefined ? new Error(error.message) : thrown instanceof Error ? thrown : nonErrorThrown(thrown);
  const located = original as Partial<GraphQLError>;
  const nodes = located.nodes ?? fieldNodesAt(document, error.locations);
  const converted = new GraphQLError(original.message, { nodes, source: located.source, positions: located.positions, path: error.path, originalError: original });
  if (!nodes && error.locations) (converted as { locations?: unknown }).locations = error.locations;
  return converted;
}

/** graphql-js's NonErrorThrown: what a resolver threw that is no Error. */
function nonErrorThrown(value: unknown): Error {
  return Object.assign(new Error(`Unexpected error value: ${inspect(value)}`), { name: 'NonErrorThrown', thrownValue: value });
}

const fieldsByLocation = new WeakMap<DocumentNode, Map<string, FieldNode>>();

/** The field nodes of the document at these locations (undefined if one is not a field's). */
function fieldNodesAt(document: DocumentNode, locations: GraphQLError['locations']): FieldNode[] | undefined {
  if (!locations?.length || !document.loc) return undefined;
  let fields = fieldsByLocation.get(document);
  if (!fields) {
    const byLocation = new Map<string, FieldNode>();
    const source = document.loc.source;
    visit(document, {
      [Kind.FIELD](node: FieldNode) {
        if (!node.loc) return;
        const { line, column } = getLocation(source, node.loc.start);
        byLocation.set(`${line}:${column}`, node);
      },
    });
    fieldsByLocation.set(document, byLocation);
    fields = byLocation;
  }
  const nodes = locations.map(({ line, column }) => fields.get(`${line}:${column}`));
  return nodes.every((node) => node) ? (nodes as FieldNode[]) : undefined;
}
