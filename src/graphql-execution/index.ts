import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import { clientErrorFormatter } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { compiledExecute, graphqlJsExecutor, subscribeWith, type GraphQLExecutor } from './compiled-executor';
import { recordResolvers, verifyingExecute } from './verify';

export type { Execute, GraphQLExecutor, Subscribe } from './compiled-executor';

/**
 * How this process executes GraphQL operations, over HTTP (Apollo's gateway executor, see
 * http/apollo.ts) and WebSocket alike: graphql-js-compatible `execute` and `subscribe`, by
 * GRAPHQL_EXECUTION (config.execution): compiled by graphql-jit, graphql-js's own, or both
 * compared (verify, for tests). An operation graphql-jit cannot compile runs on graphql-js,
 * counted in jalin_graphql_execution_fallbacks_total and told in a debug line.
 */
export function createGraphQLExecutor(schema: GraphQLSchema, config: Pick<Config, 'execution' | 'env'>, deps: { logger: Logger; metrics?: Metrics | null }): GraphQLExecutor {
  const { mode, verifyLog } = config.execution;
  if (mode === 'graphql-js') return graphqlJsExecutor;
  // Before anything is compiled: graphql-jit takes the resolvers as they are at compile time.
  if (mode === 'verify') recordResolvers(schema);
  const compiled = compiledExecute(schema, {
    onRefused: (operationName, reason) => {
      deps.metrics?.executionFallback();
      deps.logger.debug({ operationName, reason }, 'graphql-jit cannot compile the operation; graphql-js runs it');
    },
  });
  if (mode === 'jit') return { execute: compiled, subscribe: subscribeWith(compiled) };
  const verifying = verifyingExecute({
    compiled,
    formatError: clientErrorFormatter(config),
    logFile: verifyLog,
    onMismatch: (mismatch) => deps.logger.error(mismatch, 'compiled execution differs from graphql-js'),
  });
  return { execute: verifying, subscribe: subscribeWith(verifying) };
}
