import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import {
  GraphQLError,
  execute as executeGraphQLJs,
  getOperationAST,
  isObjectType,
  responsePathAsArray,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { ErrorCode } from '../errors';
import { isIntrospectionOnly, type Execute } from './compiled-executor';

/*
 * Verify mode (GRAPHQL_EXECUTION=verify, which the test suite runs in): every operation runs
 * compiled, as it is served, and then once more on graphql-js, and the two answers must be equal.
 *
 * Resolvers are not what differs between the two: they are the same functions. What differs is
 * everything around them: which resolvers run at which paths, with which arguments and resolve
 * info (graphql-jit coerces arguments and variables its own way), and the completion of what they
 * return: lists, abstract types, scalar serialization, nulls in non-null fields, errors and their
 * paths, locations and extensions. So while the compiled run executes, every field resolver's call
 * is recorded (its path, arguments, resolve info, and what it returned or threw); the graphql-js
 * run then gets every field's result from that record instead of running its resolver, and checks
 * that it asks for the same field at the same path with the same arguments and info. Nothing runs
 * twice: no mutation, no SQL statement (statement counts stay those of one execution), and a
 * concurrent write cannot make the two runs read different rows. Subscriptions are the same for
 * each event. Then `data` is compared as the JSON a client gets, and each error both as graphql-js
 * shapes it and as the client sees it (the error mask, `extensions`).
 *
 * A mismatch answers the operation with EXECUTION_MISMATCH alone (loudly: a test fails on it),
 * logs an error line and appends a JSON line to the verify log; jest's global teardown fails the
 * run when that file holds any.
 */

type Outcome = { value: unknown } | { error: unknown };

interface RecordedCall {
  args: unknown;
  info: InfoDigest;
  /** Set when the resolver returned or threw; a promise's outcome when it settled. */
  outcome?: Outcome;
  sync: boolean;
  settled?: Promise<unknown>;
}

type Run = { mode: 'record'; calls: Map<string, RecordedCall> } | { mode: 'replay'; calls: Map<string, RecordedCall>; problems: string[] };

const currentRun = new AsyncLocalStorage<Run>();
const WRAPPED = Symbol('jalin.verify.wrapped');

/** What of the resolve info a resolver may act on, in a form that compares across the two runs. */
type InfoDigest = ReturnType<typeof infoDigest>;
function infoDigest(info: GraphQLResolveInfo) {
  return {
    fieldName: info.fieldName,
    parentType: info.parentType.name,
    returnType: String(info.returnType),
    fieldNodes: info.fieldNodes.map((node) => node.loc?.start ?? node.name.value),
    fragments: Object.keys(info.fragments).sort(),
    operation: info.operation.operation,
    variableValues: info.variableValues,
  };
}

/**
 * Wraps every field resolver of the schema (in place, once) so that it records in a compiled run
 * and answers from the record in a graphql-js run; outside a run it is the resolver itself. It
 * must happen before anything is compiled: graphql-jit takes the resolvers at compile time.
 */
export function recordResolvers(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve && !(WRAPPED in field.resolve)) field.resolve = recording(field.resolve);
    }
  }
}

function recording(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  const wrapped: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
    const run = currentRun.getStore();
    if (!run) return resolve(source, args, context, info);
    const key = responsePathAsArray(info.path).join('.');
    if (run.mode === 'replay') return replay(run, key, args, info);
    const call: RecordedCall = { args, info: infoDigest(info), sync: true };
    run.calls.set(key, call);
    let value: unknown;
    try {
      value = resolve(source, args, context, info);
    } catch (error) {
      call.outcome = { error };
      throw error;
    }
    if (isPromiseLike(value)) {
      call.sync = false;
      call.settled = Promise.resolve(value).then(
        (resolved) => (call.outcome = { value: resolved }),
        (error: unknown) => (call.outcome = { error }),
      );
    } else call.outcome = { value };
    return value;
  };
  return Object.assign(wrapped, { [WRAPPED]: true });
}

function replay(run: Extract<Run, { mode: 'replay' }>, key: string, args: unknown, info: GraphQLResolveInfo): unknown {
  const call = run.calls.get(key);
  if (!call) {
    run.problems.push(`graphql-js resolves ${key}, the compiled run did not`);
    throw new Error(`verify: ${key} was not resolved by the compiled run`);
  }
  if (!sameValue(args, call.args)) run.problems.push(`${key}: arguments differ: compiled ${describe(call.args)}, graphql-js ${describe(args)}`);
  const digest = infoDigest(info);
  if (!sameValue(digest, call.info)) run.problems.push(`${key}: resolve info differs: compiled ${describe(call.info)}, graphql-js ${describe(digest)}`);
  const answer = (outcome: Outcome) => {
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
  if (call.sync) return answer(call.outcome!);
  return (call.outcome ? Promise.resolve() : call.settled!).then(() => answer(call.outcome!));
}

export interface VerifyOptions {
  /** The execution under test (the compiled one). */
  compiled: Execute;
  /** How the client sees an error (clientErrorFormatter): the mask is compared too. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Told of each mismatch (the error log line). */
  onMismatch: (mismatch: Mismatch) => void;
  /** Each mismatch is appended here as a JSON line (null: not). */
  logFile: string | null;
}

export interface Mismatch {
  operationName: string | null;
  query: string | undefined;
  variables: unknown;
  problems: string[];
}

/** `execute` that runs `compiled`, then graphql-js over the recorded resolver results, and compares. */
export function verifyingExecute(options: VerifyOptions): Execute {
  return async (args) => {
    // Those the compiled execution leaves to graphql-js are the same by construction (one run is enough).
    const operation = getOperationAST(args.document, args.operationName);
    if (operation && isIntrospectionOnly(operation)) return options.compiled(args);
    const calls = new Map<string, RecordedCall>();
    const compiledResult = await currentRun.run({ mode: 'record', calls }, () => options.compiled(args));
    const problems: string[] = [];
    const referenceResult = await currentRun.run({ mode: 'replay', calls, problems }, () => executeGraphQLJs(args));
    problems.push(...compareResults(compiledResult, referenceResult, options.formatError));
    if (!problems.length) return compiledResult;
    const mismatch: Mismatch = { operationName: args.operationName ?? null, query: args.document.loc?.source.body, variables: args.variableValues, problems };
    options.onMismatch(mismatch);
    if (options.logFile) fs.appendFileSync(options.logFile, `${JSON.stringify({ at: new Date().toISOString(), ...mismatch })}\n`);
    return {
      errors: [new GraphQLError(`Compiled execution differs from graphql-js: ${problems[0]}`, { extensions: { code: ErrorCode.EXECUTION_MISMATCH } })],
    };
  };
}

/** What differs between two results as a client would get them (empty: nothing). */
export function compareResults(compiled: ExecutionResult, reference: ExecutionResult, formatError: VerifyOptions['formatError']): string[] {
  const problems: string[] = [];
  if ('data' in compiled !== 'data' in reference) problems.push(`data is ${'data' in compiled ? '' : 'not '}sent compiled, ${'data' in reference ? '' : 'not '}by graphql-js`);
  const compiledData = JSON.stringify(compiled.data);
  const referenceData = JSON.stringify(reference.data);
  if (compiledData !== referenceData) problems.push(`data differs: compiled ${clip(compiledData)}, graphql-js ${clip(referenceData)}`);
  const shape = (errors: ExecutionResult['errors']) =>
    (errors ?? []).map((error) => describe({ graphqlJs: error.toJSON(), client: formatError(error.toJSON(), error), nodes: error.nodes?.map((node) => node.kind) }));
  const compiledErrors = shape(compiled.errors);
  const referenceErrors = shape(reference.errors);
  if (compiledErrors.length !== referenceErrors.length) problems.push(`${compiledErrors.length} errors compiled, ${referenceErrors.length} by graphql-js: compiled ${clip(compiledErrors.join(', '))}, graphql-js ${clip(referenceErrors.join(', '))}`);
  else {
    compiledErrors.forEach((error, i) => {
      if (error !== referenceErrors[i]) problems.push(`error ${i} differs: compiled ${clip(error)}, graphql-js ${clip(referenceErrors[i])}`);
    });
  }
  return problems;
}

/** Equal as a resolver sees values: the same primitives, dates, arrays and own keys; prototypes of plain records aside. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const plain = (o: object) => [Object.prototype, null].includes(Object.getPrototypeOf(o));
  if (!(plain(a) && plain(b)) && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** JSON for the log, with Maps (Apollo's `extensions.http.headers`) written out. */
function describe(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? { map: [...v.entries()] } : v === undefined ? '(undefined)' : v)) ?? 'undefined';
}

function clip(text: string | undefined, max = 600): string {
  if (text === undefined) return 'undefined';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown>)?.then === 'function';
}

