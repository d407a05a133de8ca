import type { ServiceDeps } from './index';
import { DatabaseThrottleStore, LoginThrottle, RedisThrottleStore } from './login-throttle';

/** The throttle on the store every process shares: Redis when configured, else the database. */
export function createLoginThrottle(deps: ServiceDeps, namespace: string): LoginThrottle | null {
  const settings = deps.loginThrottle;
  if (!settings?.config) return null;
  const store = deps.redis
    ? new RedisThrottleStore(deps.redis, `${namespace}:login-throttle:`, (error) => deps.logger.warn({ err: error.message }, 'redis connection problem (sign-in throttle)'))
    : new DatabaseThrottleStore(deps.dataSource);
  return new LoginThrottle(store, settings.config, settings.now);
}
