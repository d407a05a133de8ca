import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { JalinPubSub } from '../subscriptions/pubsub';
import { BoardFeed } from '../subscriptions/board-feed';
import type { BoardStreamOptions } from '../subscriptions/board-stream';
import { MemoryPresenceStore, PresenceTracker, RedisPresenceStore, DEFAULT_PRESENCE_OPTIONS, type PresenceOptions } from '../subscriptions/presence';
import { databaseNamespace } from '../subscriptions/topics';
import { AgreementQueryService } from './agreement-query.service';
import { AgreementWorkflowService } from './agreement-workflow.service';
import { AuthService, type AuthSettings } from './auth.service';
import { BoardService } from './board.service';
import { CatalogService } from './catalog.service';
import { ReportService } from './report.service';
import { MeetingService } from './meeting.service';
import { DocumentService } from '../documents/document.service';
import { RegistryService } from './registry.service';
import { UserService } from './user.service';

export interface ServiceDeps {
  dataSource: DataSource;
  /** Where plain reads go: a read-only connection on SQLite, the same pool on MySQL (see openReader). */
  readDataSource?: DataSource;
  pubSub: JalinPubSub;
  logger: Logger;
  auth: AuthSettings;
  /** With REDIS_URL: board presence is shared through it. */
  redis?: Redis | null;
  realtime?: {
    /** How often a process checks a watched board's sequence number, to catch events lost between processes. */
    boardPollMs?: number;
    presence?: PresenceOptions;
    boardStream?: Partial<BoardStreamOptions>;
  };
}

/** One instance of each service per process; they hold no per-request state. */
export function createServices(deps: ServiceDeps) {
  const namespace = databaseNamespace(deps.dataSource.options as never);
  const reader = deps.readDataSource ?? deps.dataSource;
  const board = new BoardService(deps.dataSource, deps.pubSub, namespace, deps.logger);
  const presenceOptions = deps.realtime?.presence ?? DEFAULT_PRESENCE_OPTIONS;
  const presenceStore = deps.redis
    ? new RedisPresenceStore(deps.redis, namespace, Math.ceil((presenceOptions.ttlMs * 2) / 1000))
    : new MemoryPresenceStore();
  const meetings = new MeetingService(deps.dataSource, reader, deps.pubSub, namespace, deps.logger);
  return {
    auth: new AuthService(deps.dataSource, deps.auth),
    catalog: new CatalogService(reader),
    agreements: new AgreementQueryService(reader),
    reports: new ReportService(reader),
    workflow: new AgreementWorkflowService(deps.dataSource, deps.pubSub, deps.logger),
    board,
    boardFeed: new BoardFeed(deps.pubSub, namespace, board, deps.logger, {
      pollMs: deps.realtime?.boardPollMs,
      stream: deps.realtime?.boardStream,
    }),
    presence: new PresenceTracker(presenceStore, deps.pubSub, namespace, deps.logger, presenceOptions),
    users: new UserService(deps.dataSource, deps.pubSub, deps.logger),
    registry: new RegistryService(deps.dataSource, deps.pubSub),
    meetings,
    documents: new DocumentService(reader, meetings),
  };
}

export type Services = ReturnType<typeof createServices>;
