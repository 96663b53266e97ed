import type { RunResult } from '../../../output/resources/run-result.js';
import { statusCategory } from '../../../output/status.js';

/**
 * What a run has done so far, instance by instance: how each ended, in which invocation, and
 * which were never started (`--max-failures` stopped the batches) or skipped (`--skip-offline`).
 * Holds one small record per instance (no output), so following 10,000 tasks stays small.
 */

export interface Ended {
  instanceId: string;
  status: string;
  exitCode: number | null;
  invocationId: string;
}

export class Tally {
  /** By instance, in the order they ended. */
  readonly ended = new Map<string, Ended>();
  /** Instances of batches that were never started. */
  notStarted: string[] = [];

  add(result: RunResult): void {
    this.ended.set(result.InstanceId, {
      instanceId: result.InstanceId,
      status: result.TaskStatus,
      exitCode: result.ExitCode,
      invocationId: result.InvocationId,
    });
  }

  /** Instances that ended otherwise than SUCCESS. */
  get failed(): Ended[] {
    return [...this.ended.values()].filter((e) => !succeeded(e));
  }

  get failures(): number {
    let n = 0;
    for (const e of this.ended.values()) if (!succeeded(e)) n++;
    return n;
  }

  /** `SUCCESS 247, FAILED 2, TIMEOUT 1`, most frequent first. */
  counts(): string {
    const by = new Map<string, number>();
    for (const e of this.ended.values()) by.set(e.status, (by.get(e.status) ?? 0) + 1);
    return [...by]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([status, n]) => `${n} ${status}`)
      .join(', ');
  }
}

export function succeeded(e: Pick<Ended, 'status' | 'exitCode'>): boolean {
  return statusCategory(e.status) === 'success' && (e.exitCode === null || e.exitCode === 0);
}
