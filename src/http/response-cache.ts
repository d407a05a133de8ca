import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { MissRoute } from '../replicas';
import { today } from '../services/dates';
import { visibilityKey } from './response-visibility';

/*
 * The exact response cache for reads over HTTP (RESPONSE_CACHE, RESPONSE_CACHE_MAX_BYTES).
 *
 * A successful query's answer is kept as the bytes that were sent, under a key made of the data
 * version (data-version.ts), the calendar day, what the caller may see (response-visibility.ts), the
 * operation's text and name, and its variables. A request for the same key gets those bytes: no
 * execution and no JSON.stringify.
 *
 * It is an Apollo plugin plus Apollo's `stringifyResult`, so everything Apollo does before an
 * operation runs applies to a hit exactly as to a miss: CSRF prevention, the body and batch rules,
 * parsing and validation (depth), the context (the caller's user from the user cache, which forgets
 * a user as soon as a change of theirs commits: a deactivated user is refused), the checks of
 * `didResolveOperation` (cost, well-formed variables), and after it the request log, the metrics
 * and the headers (`willSendResponse`). `responseForOperation`, the last
 * step before execution, looks the key up; on a hit it hands Apollo a placeholder whose
 * serialization `stringifyResult` replaces by the stored bytes. On a miss, `willSendResponse` marks
 * an answer without errors for storing, and `stringifyResult` keeps the string it makes anyway.
 * The executor is never touched, so it works with any (graphql-js or a compiled one).
 *
 * Exact: the version is read from where the answer's data will be read (or from the primary, with
 * replicas read only when at least at that version: below), before execution, and every
 * committed write has moved it before it is acknowledged, so an answer stored under version v shows
 * every write acknowledged before v was read; a read that starts after another write was acknowledged
 * reads a higher version and cannot meet that answer. Answers with errors are not stored (an outage
 * or a refusal must never outlive its cause), nor mutations, nor anything over WebSocket.
 *
 * Read replicas: the version is the primary's, and a replica may be behind it. A miss asks one
 * replica (picked as for any read) for its own data version, one indexed point read: when it is at
 * least the key's version, the miss reads that replica only; otherwise (behind, down, none usable)
 * it reads the primary, so that what it stores is never older than its key (replicas.ts,
 * `routeMiss`, says why equal or newer is exact). A hit reads no replica, and the primary only for
 * the version: one indexed point read. Without replicas a miss reads where the version was read.
 */

export interface ResponseCacheOptions {
  maxBytes: number;
  /** The current data version (one statement; see server.ts for where it is read). */
  readVersion: () => Promise<string>;
  /** With read replicas: sends a miss's reads to a replica at least as new as `version`, or to the primary (replicas.ts). */
  routeMiss?: (version: string) => Promise<MissRoute>;
  metrics: Metrics;
  logger: Logger;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, string>;
  /** A hit's placeholder `data` → the stored bytes that `stringifyResult` sends instead. */
  private readonly hits = new WeakMap<object, string>();
  /** A miss's `data` → the key its serialization is stored under. */
  private readonly toStore = new WeakMap<object, string>();

  constructor(private readonly options: ResponseCacheOptions) {
    this.entries = new LRUCache<string, string>({
      maxSize: options.maxBytes,
      // What an entry holds: the answer's bytes and its key (a hex digest).
      sizeCalculation: (value, key) => Buffer.byteLength(value) + key.length,
    });
    options.metrics.gauge('jalin_response_cache_bytes', 'Bytes held by the response cache (answers and keys)', [], () => [{ value: this.entries.calculatedSize }]);
  }

  /** Apollo's `stringifyResult`: the stored bytes for a hit, and the string of a miss kept for the next. */
  readonly stringifyResult = (value: FormattedExecutionResult): string => {
    const data = value.data as object | null | undefined;
    if (data) {
      const stored = this.hits.get(data);
      if (stored !== undefined) return stored;
    }
    // As Apollo's own (prettyJSONStringify): hits and misses send the same bytes.
    const text = `${JSON.stringify(value)}\n`;
    const key = data ? this.toStore.get(data) : undefined;
    if (key !== undefined) this.entries.set(key, text);
    return text;
  };

  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        let missKey: string | null = null;
        return {
          responseForOperation: async ({ operation, document, source, request, contextValue }) => {
            // A caller whose token was refused is answered UNAUTHENTICATED by the resolvers: not stored, never served.
            if (operation?.operation !== 'query' || contextValue.authError) return null;
            const visibility = visibilityKey(document, operation, contextValue.user);
            if (visibility === null) return this.count('skip');
            let version: string;
            try {
              version = await this.options.readVersion();
            } catch (error) {
              // The operation runs as if there were no cache, and meets the outage (if it is one) itself.
              this.options.logger.warn({ err: error }, 'response cache: could not read the data version');
              return this.count('skip');
            }
            const key = cacheKey([version, today(), visibility, request.operationName ?? '', source, JSON.stringify(request.variables ?? {})]);
            const stored = this.entries.get(key);
            if (stored === undefined) {
              missKey = key;
              // The stored answer must be as new as the primary's version it is filed under (see above).
              if (this.options.routeMiss) this.options.metrics.responseCacheMissRead(await this.options.routeMiss(version));
              return this.count('miss');
            }
            this.count('hit');
            const placeholder = {};
            this.hits.set(placeholder, stored);
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: placeholder } } };
          },
          willSendResponse: async ({ response }) => {
            if (missKey === null || response.body.kind !== 'single') return;
            const { data, errors } = response.body.singleResult;
            const status = response.http.status;
            if (data && !errors?.length && (status === undefined || status === 200)) this.toStore.set(data, missKey);
          },
        };
      },
    };
  }

  private count(outcome: 'hit' | 'miss' | 'skip'): null {
    this.options.metrics.responseCache(outcome);
    return null;
  }
}

/** A fixed-size key: the parts may be long (the operation's text), the key stays a digest. */
function cacheKey(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
