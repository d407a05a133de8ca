import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import type { JalinPubSub } from '../subscriptions/pubsub';
import { AgreementQueryService } from './agreement-query.service';
import { AuthService, type AuthSettings } from './auth.service';
import { CatalogService } from './catalog.service';
import { RegistryService } from './registry.service';
import { UserService } from './user.service';

export interface ServiceDeps {
  dataSource: DataSource;
  pubSub: JalinPubSub;
  logger: Logger;
  auth: AuthSettings;
}

/** One instance of each service per process; they hold no per-request state. */
export function createServices(deps: ServiceDeps) {
  return {
    auth: new AuthService(deps.dataSource, deps.auth),
    catalog: new CatalogService(deps.dataSource),
    agreements: new AgreementQueryService(deps.dataSource),
    users: new UserService(deps.dataSource, deps.pubSub, deps.logger),
    registry: new RegistryService(deps.dataSource, deps.pubSub),
  };
}

export type Services = ReturnType<typeof createServices>;
