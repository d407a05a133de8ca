import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST } from 'graphql';
import type { Context } from '../context';
import { codesOf } from '../errors';
import type { Metrics } from './metrics';

/** Counts and times every GraphQL operation answered over HTTP (see Metrics.operation). */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, operation, document, request }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const seconds = operation?.operation === 'subscription' ? undefined : Number(process.hrtime.bigint() - started) / 1e9;
          // An operation that failed validation was never resolved; its name is still in the document.
          const name = operationName ?? (document ? getOperationAST(document, request.operationName)?.name?.value : request.operationName);
          metrics.operation('http', name, errors.length ? codesOf(errors) : [], seconds);
        },
      };
    },
  };
}
