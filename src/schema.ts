import 'reflect-metadata';
import { buildSchema, type AuthChecker } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import type { Context } from './context';
import { forbidden, unauthenticated } from './errors';
import type { Role } from './entities';
import type { JalinPubSub } from './events/pubsub';
import { AgreementResolver } from './resolvers/agreement.resolver';
import { AgreementFieldsResolver } from './resolvers/agreement-fields.resolver';
import { AgreementWorkflowResolver } from './resolvers/agreement-workflow.resolver';
import { AuthResolver } from './resolvers/auth.resolver';
import { BoardEventResolver, BoardPresenceUserResolver, BoardResolver } from './resolvers/board.resolver';
import { CatalogResolver } from './resolvers/catalog.resolver';
import { DraftActivityResolver } from './resolvers/draft-activity.resolver';
import { StatusChangeResolver } from './resolvers/status-change.resolver';
import { ReportResolver } from './resolvers/report.resolver';
import { ActionPlanItemResolver, ActionPlanResolver, OpdPresentationResolver, WorkflowStepResolver } from './resolvers/workflow-records.resolver';
import { UserResolver } from './resolvers/user.resolver';
import { AuditResolver } from './resolvers/audit.resolver';
import { RegistryResolver } from './resolvers/registry.resolver';
import { NodeResolver } from './resolvers/node.resolver';
import { NotificationResolver } from './resolvers/notification.resolver';
import { MeetingAttendanceResolver, MeetingResolver } from './resolvers/meeting.resolver';
import { resolveGlobalIds } from './entities/node';

export const resolvers = [
  AuthResolver,
  CatalogResolver,
  AgreementResolver,
  AgreementFieldsResolver,
  DraftActivityResolver,
  StatusChangeResolver,
  AgreementWorkflowResolver,
  OpdPresentationResolver,
  ActionPlanResolver,
  ActionPlanItemResolver,
  WorkflowStepResolver,
  ReportResolver,
  BoardResolver,
  BoardEventResolver,
  BoardPresenceUserResolver,
  UserResolver,
  RegistryResolver,
  NodeResolver,
  AuditResolver,
  NotificationResolver,
  MeetingResolver,
  MeetingAttendanceResolver,
] as const;

/**
 * The authentication gate and role check, the same for HTTP and WebSocket: `@Authorized()` needs a
 * signed-in user, `@Authorized(roles)` one of those roles. Rules that depend on data live in services.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (!context.user) throw context.authError ?? unauthenticated();
  if (roles.length > 0 && !roles.includes(context.user.role)) throw forbidden(`This needs one of the roles ${roles.join(', ')}`);
  return true;
};

/** type-graphql builds the root types itself, with no place for a description: they get theirs here. */
const ROOT_DESCRIPTIONS = {
  query: 'Reads. Every field needs a signed-in user (Authorization: Bearer <token>); some need a role, as their description says.',
  mutation: 'Changes. Every mutation but login needs a signed-in user; a refused change changes nothing and says why in extensions.code.',
  subscription: 'Live updates, over WebSocket only (graphql-transport-ws at the same URL, the token in connectionParams.authorization).',
};

export async function createSchema(pubSub: JalinPubSub): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers],
    authChecker,
    pubSub,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
  for (const [root, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const) {
    if (type) type.description = ROOT_DESCRIPTIONS[root];
  }
  // Every id a client sees is a global id, encoded where it leaves (see GlobalIdField).
  return resolveGlobalIds(schema);
}

