import { GraphQLError, getOperationAST, getVariableValues, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { User } from '../entities';
import { ErrorCode } from '../errors';
import { checkCost, validateOperation } from '../limits';
import type { Metrics } from '../metrics/metrics';
import { SERVICE_UNAVAILABLE_MESSAGE, isOutage, outageCause, type outageLogger } from '../outage';
import { checkWellFormedText } from '../well-formed-text';
import { createDocumentCache } from './document-cache';
import type { CloseSocket, SocketContext } from './socket-access';
import { CloseCodes } from './socket-registry';

/** An operation let through: who runs it and what runs, parsed, validated and within the limits. */
export interface AdmittedOperation {
  user: User;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

/**
 * What every operation on a socket passes before it runs (graphql-ws's `onSubscribe`): a cap on
 * operations running at once on the socket, the socket's user read again (a deactivated user is
 * refused even if the revocation has not reached this process yet), and the limits that HTTP has.
 * Answers the operation, or the errors that refuse it.
 */
export function operationAdmission({
  schema,
  config,
  dataSource,
  closeSocket,
  metrics,
  logOutage,
}: {
  schema: GraphQLSchema;
  config: Config;
  /** Where the user is read (the writing connection: it must see a deactivation at once). */
  dataSource: DataSource;
  closeSocket: CloseSocket;
  metrics?: Metrics | null;
  logOutage?: ReturnType<typeof outageLogger>;
}) {
  // Subscribers of a board send the same operation: parsed and validated (with the limits) once, shared.
  const documents = createDocumentCache({
    parseOptions: { maxTokens: 10_000 },
    validate: (operationSchema, document) => validateOperation(operationSchema, document, config.limits, config.introspection),
  });

  return async (ctx: SocketContext, payload: SubscribePayload): Promise<AdmittedOperation | readonly GraphQLError[]> => {
    const socket = ctx.extra.socket;
    // Counted before the first await: graphql-ws has registered this operation synchronously,
    // so operations that arrive together cannot all slip under the cap.
    if (Object.keys(ctx.subscriptions).length > config.limits.maxSubscriptionsPerSocket) {
      return [
        new GraphQLError(`Too many operations on this connection (at most ${config.limits.maxSubscriptionsPerSocket}); complete some first`, {
          extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS },
        }),
      ];
    }
    if (ctx.extra.expiresAt && ctx.extra.expiresAt <= Date.now()) {
      closeSocket(socket, CloseCodes.UNAUTHENTICATED, 'Token expired: sign in again');
      return [new GraphQLError('Your session has expired; sign in again', { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
    }
    let user: User | null;
    try {
      user = ctx.extra.userId ? await dataSource.getRepository(User).findOneBy({ id: ctx.extra.userId }) : null;
    } catch (error) {
      if (!isOutage(error)) throw error;
      logOutage?.(error, 'websocket operation');
      metrics?.outage(outageCause(error)!);
      return [new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } })];
    }
    if (!user?.active) {
      closeSocket(socket, CloseCodes.FORBIDDEN, 'Account deactivated');
      return [new GraphQLError('This account is not active', { extensions: { code: ErrorCode.FORBIDDEN } })];
    }
    if (typeof payload.query !== 'string' || payload.query.length > 100 * 1024) {
      return [new GraphQLError('The operation has no query text, or one that is too long', { extensions: { code: 'BAD_REQUEST' } })];
    }
    let document: DocumentNode;
    try {
      document = documents.parse(payload.query);
    } catch (error) {
      return [new GraphQLError(error instanceof GraphQLError ? error.message : 'Syntax error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const validationErrors = documents.validate(schema, document);
    if (validationErrors.length) {
      return validationErrors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, originalError: e, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
    }
    const variables = payload.variables && typeof payload.variables === 'object' ? payload.variables : {};
    const costError = checkCost(schema, document, payload.operationName, variables, config.limits);
    if (costError) return [costError];
    const textError = checkWellFormedText(variables);
    if (textError) return [textError];
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) {
      return [new GraphQLError('Unable to identify the operation; name it with operationName', { extensions: { code: 'BAD_REQUEST' } })];
    }
    // Variables that do not fit their types are the client's mistake (BAD_USER_INPUT, as Apollo
    // says over HTTP); left to execution, they would come back without a code, masked as internal.
    const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 25 });
    if (coercion.errors) {
      return coercion.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } }));
    }
    return { user, document, operation, variables };
  };
}
