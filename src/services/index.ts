import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { EventBus } from '../events/event-bus';
import { AgreementQueryService } from './agreement-query.service';
import { AgreementWorkflowService } from './agreement-workflow.service';
import { AuditTrailService } from './audit-trail.service';
import { AuthService, type AuthSettings } from './auth.service';
import { createLoginThrottle } from './login-throttle.factory';
import type { LoginThrottleConfig } from '../config';
import { BoardService } from './board.service';
import { CatalogService } from './catalog.service';
import { ReportService } from './report.service';
import { MeetingService } from './meeting.service';
import { DocumentService } from '../documents/document.service';
import { RegistryService } from './registry.service';
import { UserService } from './user.service';
import { NotificationService } from './notification.service';

export interface ServiceDeps {
  dataSource: DataSource;
  /** Where plain reads go: a read-only connection on SQLite, the same pool on MySQL (see openReader). */
  readDataSource?: DataSource;
  /** Where services record their domain events; it publishes them after commit. */
  events: EventBus;
  logger: Logger;
  auth: AuthSettings;
  /** Sign-in throttling (null: off); `now` lets tests move its clock. */
  loginThrottle?: { config: LoginThrottleConfig | null; now?: () => number };
  /** With REDIS_URL: sign-in throttling is shared through it. */
  redis?: Redis | null;
}

/**
 * One instance of each service per process; they hold no per-request state. The audit trail joins
 * every write's transaction as the event bus's before-commit hook. What carries events to clients
 * (subscriptions, the board feed, presence) is assembled with the transport, not here.
 */
export function createServices(deps: ServiceDeps) {
  const reader = deps.readDataSource ?? deps.dataSource;
  const audit = new AuditTrailService(deps.dataSource, reader);
  deps.events.beforeCommit(audit.append);
  const meetings = new MeetingService(deps.dataSource, reader, deps.events, deps.logger);
  return {
    auth: new AuthService(deps.dataSource, deps.auth, deps.events, createLoginThrottle(deps, deps.events.namespace)),
    catalog: new CatalogService(reader),
    agreements: new AgreementQueryService(reader),
    reports: new ReportService(reader),
    workflow: new AgreementWorkflowService(deps.dataSource, deps.events, deps.logger, reader),
    board: new BoardService(deps.dataSource, deps.events, deps.logger),
    users: new UserService(deps.dataSource, deps.events, deps.logger),
    registry: new RegistryService(deps.dataSource, deps.events),
    audit,
    notifications: new NotificationService(deps.dataSource, reader, deps.events, deps.logger),
    meetings,
    documents: new DocumentService(reader, meetings),
  };
}

export type Services = ReturnType<typeof createServices>;
