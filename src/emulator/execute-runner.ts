/**
 * `--execute` wired into created invocations: each task runs through `executeTask` and reports
 * to its timeline as the agent reports to the service (started, output as it comes, ended); a
 * cancel kills it. At most MAX_RUNNING run at once (the others wait, DELIVERING, as tasks queue
 * on a busy agent); stopping the emulator kills what still runs.
 */
import { executeTask } from './execute.js';
import type { TaskTimeline } from './write/timeline.js';
import type { TaskRunner, TaskWork } from './write/work.js';

/** Scripts running at once: a run on hundreds of instances would otherwise start hundreds of shells together. */
export const MAX_RUNNING = 32;

export class ExecutingRunner implements TaskRunner {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly active = new Set<AbortController>();
  private readonly pending = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly now: () => number) {}

  run(work: TaskWork, timeline: TaskTimeline): void {
    const controller = new AbortController();
    timeline.onCancel(() => controller.abort());
    const done: Promise<void> = this.execute(work, timeline, controller)
      .catch((error: unknown) =>
        timeline.ended({
          at: this.now(),
          status: 'START_FAILED',
          exitCode: -1,
          errorInfo: `TaskSpawnFailed: ${error instanceof Error ? error.message : String(error)}`,
        }),
      )
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  private async execute(work: TaskWork, timeline: TaskTimeline, controller: AbortController): Promise<void> {
    if (this.running >= MAX_RUNNING) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.closed) controller.abort();
    this.running++;
    this.active.add(controller);
    try {
      const result = await executeTask({
        script: work.script,
        timeoutSeconds: work.timeoutSeconds,
        commandType: work.commandType,
        signal: controller.signal,
        onStart: () => timeline.started(this.now()),
        onOutput: (bytes) => timeline.output(bytes, this.now()),
      });
      timeline.ended({ at: this.now(), status: result.status, exitCode: result.exitCode, errorInfo: result.errorInfo });
    } finally {
      this.active.delete(controller);
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Kills every running script, lets the queued ones end without running, and waits until all have cleaned up. */
  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.active) controller.abort();
    for (const release of this.waiting.splice(0)) release();
    await Promise.all(this.pending);
  }
}
