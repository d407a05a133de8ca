import type { Metrics } from './metrics';

interface Running {
  name: string | null | undefined;
  subscription: boolean;
  started: bigint;
  codes: Set<string>;
}

/**
 * Counts GraphQL operations over WebSocket like those over HTTP: each once, when it ends, with the
 * codes of the errors it sent; queries and mutations timed; running subscriptions in a gauge. An
 * operation ends when graphql-ws completes it or when its socket closes, whichever comes first.
 */
export class WebSocketOperationMetrics {
  private readonly running = new WeakMap<object, Map<string, Running>>();

  constructor(private readonly metrics: Metrics | null | undefined) {}

  /** An operation passed onSubscribe and runs now. */
  started(socket: object, id: string, name: string | null | undefined, subscription: boolean): void {
    if (!this.metrics) return;
    let operations = this.running.get(socket);
    if (!operations) this.running.set(socket, (operations = new Map()));
    operations.set(id, { name, subscription, started: process.hrtime.bigint(), codes: new Set() });
    if (subscription) this.metrics.subscriptionStarted();
  }

  /** Errors sent for an operation; one that never started (refused by onSubscribe) ends with them. */
  errors(socket: object, id: string, name: string | null | undefined, codes: readonly string[]): void {
    if (!this.metrics) return;
    const operation = this.running.get(socket)?.get(id);
    if (operation) for (const code of codes) operation.codes.add(code);
    else this.metrics.operation('ws', name, codes);
  }

  completed(socket: object, id: string): void {
    const operations = this.running.get(socket);
    const operation = operations?.get(id);
    if (!this.metrics || !operation) return;
    operations!.delete(id);
    const seconds = operation.subscription ? undefined : Number(process.hrtime.bigint() - operation.started) / 1e9;
    this.metrics.operation('ws', operation.name, [...operation.codes], seconds);
    if (operation.subscription) this.metrics.subscriptionEnded();
  }

  socketClosed(socket: object): void {
    for (const id of [...(this.running.get(socket)?.keys() ?? [])]) this.completed(socket, id);
    this.running.delete(socket);
  }
}
