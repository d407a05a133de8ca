import type { Cell } from './table';

export interface RunOptions {
  quick: boolean;
  /** Databases to run on (both by default; MariaDB only with --mysql-only). */
  dialects: ('mysql' | 'sqlite')[];
  log(message: string): void;
}

export interface ResultTable {
  title: string;
  headers: string[];
  rows: Cell[][];
}

export interface ScenarioResult {
  id: string;
  title: string;
  status: 'measured' | 'skipped' | 'failed';
  reason?: string;
  tables: ResultTable[];
  /** Everything measured, for the JSON file. */
  data: Record<string, unknown>;
  /** Checks against the targets in bench/README.md: what, the figure, and whether it was met. */
  targets: { target: string; value: string; met: boolean }[];
}

export interface Scenario {
  id: string;
  title: string;
  run(options: RunOptions): Promise<ScenarioResult>;
}

export function skipped(scenario: Pick<Scenario, 'id' | 'title'>, reason: string): ScenarioResult {
  return { id: scenario.id, title: scenario.title, status: 'skipped', reason, tables: [], data: {}, targets: [] };
}

/** Runs `body` with cleanups registered along the way, run in reverse order whatever happens. */
export async function withCleanup<T>(body: (defer: (cleanup: () => Promise<unknown> | unknown) => void) => Promise<T>): Promise<T> {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  try {
    return await body((cleanup) => cleanups.push(cleanup));
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('cleanup failed:', error instanceof Error ? error.message : error);
      }
    }
  }
}
