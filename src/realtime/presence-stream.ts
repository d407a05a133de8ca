import type { JalinPubSub } from '../events/pubsub';
import type { PresenceEntry, PresenceTracker } from './presence';
import { Topic, boardKey } from '../events/topics';

/**
 * The presence of one board as it changes: the current list first, then a new list whenever
 * someone joins, leaves or changes what they edit, or expires (checked on the refresh beat).
 * Only the latest list is kept for a slow reader, so it can never pile up.
 */
export function openPresenceStream(
  deps: { presence: Pick<PresenceTracker, 'list' | 'options'>; pubSub: JalinPubSub; namespace: string },
  agreementId: number,
  onEnd?: () => void,
): AsyncIterableIterator<PresenceEntry[]> {
  let ended = false;
  let dirty = true;
  let lastSent: string | null = null;
  let wake: (() => void) | null = null;
  const touch = () => {
    dirty = true;
    wake?.();
  };
  const changes = deps.pubSub.subscribe(Topic.BOARD_PRESENCE, boardKey(deps.namespace, agreementId));
  void (async () => {
    try {
      for await (const _change of changes) touch();
    } catch {
      // Redis away: the beat below still notices changes, just later.
    }
  })();
  const beat = setInterval(touch, deps.presence.options.refreshMs);
  beat.unref();

  const iterator: AsyncIterableIterator<PresenceEntry[]> = {
    async next() {
      for (;;) {
        if (ended) return { done: true, value: undefined };
        if (dirty) {
          dirty = false;
          const entries = await deps.presence.list(agreementId);
          const text = JSON.stringify(entries.map(({ userId, activityId, field }) => ({ userId, activityId, field })));
          if (text !== lastSent && !ended) {
            lastSent = text;
            return { done: false, value: entries };
          }
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = () => {
            wake = null;
            resolve();
          };
        });
      }
    },
    async return() {
      if (!ended) {
        ended = true;
        clearInterval(beat);
        void changes.return?.();
        wake?.();
        onEnd?.();
      }
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
