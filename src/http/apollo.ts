import type http from 'node:http';
import { ApolloServer, type ApolloServerOptionsWithGateway, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, printSchema, type GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import type { Context } from '../context';
import { ErrorCode, clientErrorFormatter, codesOf, isUnexpectedError } from '../errors';
import type { Logger } from '../logger';
import { checkCost, extraValidationRules } from '../limits';
import { checkWellFormedText } from '../well-formed-text';
import { outagePlugin, type outageLogger } from '../outage';
import type { Metrics } from '../metrics/metrics';
import { graphqlMetricsPlugin } from '../metrics/graphql-metrics.plugin';
import { pinReadsToPrimary } from '../read-routing';
import type { GraphQLExecutor } from '../graphql-execution';
import type { ResponseCache } from './response-cache';

/*
 * GraphQL over HTTP: the Apollo Server of the API, its settings and its plugins (the request log,
 * outages, metrics, and the checks made before an operation runs). server.ts mounts it on /graphql.
 */

export interface ApolloParts {
  schema: GraphQLSchema;
  /** Runs the operations once Apollo has parsed, validated and checked them (src/graphql-execution/). */
  executor: GraphQLExecutor;
  config: Config;
  httpServer: http.Server;
  logger: Logger;
  logOutage: ReturnType<typeof outageLogger>;
  metrics: Metrics;
  /** The response cache for queries (null when RESPONSE_CACHE=off). */
  responseCache: ResponseCache | null;
}

/** How long in-flight HTTP requests may still run once shutdown begins. */
const SHUTDOWN_HTTP_GRACE_MS = 2_000;

/** Apollo Server with Jalin's settings and plugins (not started: the caller starts and stops it). */
export function createApolloServer({ schema, executor, config, httpServer, logger, logOutage, metrics, responseCache }: ApolloParts): ApolloServer<Context> {
  return new ApolloServer<Context>({
    gateway: executingGateway(schema, executor),
    // A cache hit's bytes replace the serialization of its placeholder (see response-cache.ts).
    ...(responseCache ? { stringifyResult: responseCache.stringifyResult } : {}),
    formatError: clientErrorFormatter(config),
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals: it drains Apollo, WebSockets, PubSub and the database in order.
    stopOnTerminationSignals: false,
    introspection: config.introspection,
    // One operation per HTTP request: no batches (an array body is refused).
    allowBatchedHttpRequests: false,
    // Refuses GET and form-like POSTs that a browser could send cross-site without a preflight,
    // unless they carry a header that a browser sends only after a preflight (which only the
    // CORS_ORIGINS pass). `authorization` is such a header: it is not CORS-safelisted, so a page
    // that sets it is preflighted, and a form, link or <img> cannot set it. The one case where a
    // browser adds it by itself is HTTP Basic/Digest credentials it remembers for the host (a
    // proxy's password, say): those are not Bearer tokens, Jalin does not accept them, so such a
    // request runs unauthenticated, where only `login` answers, and a GET never runs a mutation.
    // Jalin reads no cookies, so a cross-site request carries no identity in any other way. Thus a
    // signed-in GET query (urql's default, Apollo Client's useGETForQueries) needs no extra header.
    csrfPrevention: { requestHeaders: ['authorization', 'apollo-require-preflight', 'x-apollo-operation-name'] },
    validationRules: extraValidationRules(config.limits, config.introspection),
    plugins: [
      // In-flight requests get this long to finish (they take milliseconds), then their sockets are
      // cut: shutdown stays well inside an orchestrator's grace period.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: SHUTDOWN_HTTP_GRACE_MS }),
      loggingPlugin(logger),
      outagePlugin(logOutage, (cause) => metrics.outage(cause)),
      graphqlMetricsPlugin(metrics),
      operationGuardPlugin(config),
      // Last: it answers from the cache only once every check above has passed.
      ...(responseCache ? [responseCache.plugin()] : []),
      // Jalin sets no cache hints; the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      // No Apollo Sandbox (it loads from Apollo's hosts and reports telemetry): browsers get
      // GraphiQL from this server (mountGraphiQL) where it is on.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}

/**
 * Apollo Server runs graphql-js's execute itself; its one supported place for another executor is
 * the gateway interface (what Apollo Federation's gateway implements): a fixed schema, handed over
 * at load, and an executor. Everything before execution stays Apollo's (parsing, the document
 * store, validation with `validationRules`, the plugins' hooks, CSRF prevention), and so does
 * everything after it: it makes variable-coercion refusals BAD_USER_INPUT, formats the errors
 * (formatError) and sends the answer. A plugin's `responseForOperation` could run the operation
 * too, but Apollo would then neither format its errors nor call didEncounterErrors.
 */
function executingGateway(schema: GraphQLSchema, executor: GraphQLExecutor): ApolloServerOptionsWithGateway<Context>['gateway'] {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    load: async () => ({
      executor: async ({ document, request, context }) =>
        executor.execute({ schema, document, operationName: request.operationName, variableValues: request.variables, contextValue: context }),
    }),
    stop: async () => {},
  };
}

/**
 * The log of GraphQL over HTTP: one info line per request ('graphql request', with the `codes` the
 * client was sent when it failed), and an error line with the details for each unexpected error
 * (what the client sees as INTERNAL_SERVER_ERROR: a person must look at it). A client's mistake is
 * its code on that one line and nothing more: no message, document, variables or stack, so that
 * bad or hostile requests cannot fill the log.
 */
function loggingPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    // Refused before an operation begins (CSRF prevention, a batch, no query): Apollo calls this
    // for its BAD_REQUEST errors only. No request id yet.
    async invalidRequestWasReceived({ error }) {
      logger.info({ codes: [error instanceof GraphQLError ? String(error.extensions.code) : 'BAD_REQUEST'] }, 'graphql request');
    },
    async contextCreationDidFail({ error }) {
      // An outage while reading the caller's user: logged (warn) where it is turned into a 503.
      if (error instanceof GraphQLError && error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE) return;
      logger.error({ err: error }, 'unexpected error');
    },
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (!isUnexpectedError(error)) continue;
            logger.error(
              { requestId: contextValue.requestId, userId: contextValue.user?.id, operationName, err: error.originalError ?? error },
              'unexpected error',
            );
          }
        },
        async willSendResponse({ response, operationName }) {
          // What the (disabled) cache-control plugin sent: answers are per user, never stored.
          response.http.headers.set('cache-control', 'no-store');
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
          logger.info(
            {
              requestId: contextValue.requestId,
              userId: contextValue.user?.id,
              operationName,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              ...(errors.length ? { codes: codesOf(errors) } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/**
 * Checks made once the operation is known, before it runs: a mutation pins its reads to the primary,
 * a subscription over HTTP is refused, and the cost and the text of the variables are checked.
 */
function operationGuardPlugin(config: Config): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema: operationSchema }) {
          // A mutation's answer (and any read after its write) must show the write: the primary.
          if (operation?.operation === 'mutation') pinReadsToPrimary();
          // graphql-js would run a subscription's resolver once, without an event: refuse it here.
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions run over WebSocket (graphql-transport-ws) at /graphql, not over HTTP', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          const costError = checkCost(operationSchema, document, request.operationName, request.variables, config.limits);
          if (costError) throw costError;
          const textError = checkWellFormedText(request.variables);
          if (textError) throw textError;
        },
      };
    },
  };
}
