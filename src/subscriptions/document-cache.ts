import { parse as parseGraphQL, validate as validateGraphQL, type DocumentNode, type GraphQLError, type GraphQLSchema, type ParseOptions, type Source } from 'graphql';

export interface DocumentCacheOptions {
  /** Distinct operations kept; past it the cache starts over. */
  maxEntries?: number;
  /** Longer operation texts are parsed every time and not kept. */
  maxQueryLength?: number;
  /** Passed to graphql-js's parse (e.g. maxTokens, against documents built to exhaust the parser). */
  parseOptions?: ParseOptions;
  /** The validation to remember the outcome of (graphql-js's own by default). */
  validate?: (schema: GraphQLSchema, document: DocumentNode) => ReadonlyArray<GraphQLError>;
}

/**
 * Parse and validation for graphql-ws, remembered per operation text. Thousands of clients on a
 * board send the same subscription: they then share one document (its AST and tokens, a few KB
 * each otherwise) and it is validated once, not once per socket. A document is immutable, and
 * validation depends only on the schema and the document, so sharing changes no answer.
 */
export function createDocumentCache(options: DocumentCacheOptions = {}) {
  const maxEntries = options.maxEntries ?? 500;
  const maxQueryLength = options.maxQueryLength ?? 10_000;
  const validateDocument = options.validate ?? validateGraphQL;
  const documents = new Map<string, DocumentNode>();
  const validated = new WeakMap<DocumentNode, { schema: GraphQLSchema; errors: ReadonlyArray<GraphQLError> }>();
  return {
    parse(query: string | Source): DocumentNode {
      if (typeof query !== 'string') return parseGraphQL(query, options.parseOptions);
      const known = documents.get(query);
      if (known) return known;
      const document = parseGraphQL(query, options.parseOptions);
      if (query.length <= maxQueryLength) {
        if (documents.size >= maxEntries) documents.clear();
        documents.set(query, document);
      }
      return document;
    },
    validate(schema: GraphQLSchema, document: DocumentNode): ReadonlyArray<GraphQLError> {
      const known = validated.get(document);
      if (known?.schema === schema) return known.errors;
      const errors = validateDocument(schema, document);
      validated.set(document, { schema, errors });
      return errors;
    },
    get size() {
      return documents.size;
    },
  };
}
