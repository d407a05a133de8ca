import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { isScalarType, isSpecifiedScalarType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { inspect } from 'graphql/jsutils/inspect';

/** Why an operation runs on graphql-js instead: graphql-jit refused to compile it. */
export interface CompileRefusal {
  refused: string;
}

export interface CompiledOperationsOptions {
  /** Distinct operation texts kept; the least recently used goes first past it. */
  maxEntries?: number;
  /** Told once per operation that graphql-jit cannot compile (graphql-js then runs it, every time). */
  onRefused?: (operationName: string | undefined, reason: string) => void;
}

/**
 * graphql-jit's compiled functions, one per operation of a document, kept by the operation's text
 * (LRU by count). The text, not the DocumentNode, is the key: Apollo's document store and the
 * WebSocket document cache each hand out their own parsed copy of the same text, and a document
 * too long for either is parsed afresh on every request; all of them share one compiled function.
 * A document parsed without locations has no text and is kept by its object. Compiling takes a
 * few milliseconds, running one is what graphql-js's execution takes in microseconds per field.
 */
export function createCompiledOperations(schema: GraphQLSchema, options: CompiledOperationsOptions = {}) {
  const maxEntries = options.maxEntries ?? 500;
  type Entry = Map<string, CompiledQuery | CompileRefusal>;
  const entries = new Map<string | DocumentNode, Entry>();
  const compileOptions = { customSerializers: customScalarSerializers(schema) };

  return {
    /** The compiled operation, or why graphql-jit refused it (asked again never: the refusal is kept too). */
    get(document: DocumentNode, operationName: string | null | undefined): CompiledQuery | CompileRefusal {
      const key = document.loc?.source.body ?? document;
      let entry = entries.get(key);
      if (entry) {
        // Most recently used last: Map keeps insertion order, so the first key is the least recent.
        entries.delete(key);
        entries.set(key, entry);
      } else {
        entry = new Map();
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, entry);
      }
      const name = operationName ?? '';
      let compiled = entry.get(name);
      if (!compiled) {
        const outcome = compileQuery(schema, document, operationName ?? undefined, compileOptions);
        if (isCompiledQuery(outcome)) compiled = outcome;
        else {
          compiled = { refused: outcome.errors?.map((e) => e.message).join('; ') || 'unknown reason' };
          options.onRefused?.(operationName ?? undefined, compiled.refused);
        }
        entry.set(name, compiled);
      }
      return compiled;
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * The schema's own scalars' `serialize`, refusing a null or undefined result with graphql-js's
 * message (graphql-jit's own names the type but not the call). graphql-js's built-in scalars
 * graphql-jit serializes inline, with graphql-js's messages.
 */
function customScalarSerializers(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  const serializers: Record<string, (value: unknown) => unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isScalarType(type) || isSpecifiedScalarType(type)) continue;
    serializers[type.name] = (value) => {
      const serialized = type.serialize(value);
      if (serialized === undefined || serialized === null) {
        throw new Error(`Expected \`${type.name}.serialize(${inspect(value)})\` to return non-nullable value, returned: ${inspect(serialized)}`);
      }
      return serialized;
    };
  }
  return serializers;
}

export function isRefusal(compiled: CompiledQuery | CompileRefusal): compiled is CompileRefusal {
  return 'refused' in compiled;
}
