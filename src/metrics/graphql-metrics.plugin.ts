import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { codesOf } from '../errors';
import type { Metrics } from './metrics';

/** Counts and times every GraphQL operation answered over HTTP (see Metrics.operation). */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, operation }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const seconds = operation?.operation === 'subscription' ? undefined : Number(process.hrtime.bigint() - started) / 1e9;
          metrics.operation('http', operationName, errors.length ? codesOf(errors) : [], seconds);
        },
      };
    },
  };
}
