/**
 * What a created task is asked to do, and the two ways it happens: simulated (a rule decides the
 * outcome from the script; the timeline is planned at once, and the clock reveals it) or
 * executed (`--execute`: a runner really runs it and reports as the agent would).
 */
import type { FleetInstance } from '../fleet/fleet.js';
import { type Simulation, simulateTask } from '../simulate/simulate.js';
import { REPORT_INTERVAL_MS, TaskTimeline } from './timeline.js';

export interface TaskWork {
  invocationId: string;
  taskId: string;
  instance: FleetInstance;
  /** The script as the agent runs it: decoded, placeholders replaced. */
  script: string;
  commandType: string;
  workingDirectory: string;
  username: string;
  timeoutSeconds: number;
}

/**
 * What the simulation rule decides for a task (simulate/simulate.ts): it ran (status, exit code,
 * run time and what it printed when, already cut as the agent cuts), or could not start; or, for
 * a rule that models it, the task never reached the agent.
 */
export type SimulatedOutcome = Simulation | { kind: 'deliver-failed'; errorInfo: string };

export type Simulate = (work: TaskWork) => SimulatedOutcome;

/** The documented simulation rule, for a created task. */
export const simulate: Simulate = (work) =>
  simulateTask({
    script: work.script,
    instanceId: work.instance.InstanceId,
    timeoutSeconds: work.timeoutSeconds,
    commandType: work.commandType,
    workingDirectory: work.workingDirectory,
    username: work.username,
  });

/** Runs a task for real, reporting to its timeline (started, output, ended) and stopping when it is cancelled. */
export interface TaskRunner {
  run(work: TaskWork, timeline: TaskTimeline): void;
}

/** A task is handed to the agent after this long (PENDING until then) and starts after that (DELIVERING meanwhile). */
export const DELIVER_AFTER_MS = 300;
export const START_AFTER_MS = 1000;
/** A delivery that fails is given up after this long. */
export const DELIVER_FAIL_AFTER_MS = 5000;
export interface PlanTiming {
  createdMs: number;
  /** The task's place in its invocation: tasks start a little apart, as agents pick them up. */
  index: number;
  /** `--speed`: the simulated story is told this many times faster. */
  speed: number;
}

/**
 * The whole life of a simulated task, planned at creation: delivered, started, output reported
 * as it is printed (the timeline groups it by the agent's one-second reports), then ended;
 * killed at exactly `Timeout` (TIMEOUT, exit -1) when it would run longer, keeping what it
 * printed until then.
 */
export function plannedTimeline(work: TaskWork, outcome: SimulatedOutcome, timing: PlanTiming): TaskTimeline {
  const scale = (ms: number): number => Math.round(ms / timing.speed);
  const created = timing.createdMs;
  const deliverAt = created + scale(DELIVER_AFTER_MS);
  const startAt = created + scale(START_AFTER_MS + (timing.index % 20) * 50);
  const task = new TaskTimeline(created, deliverAt);
  if (outcome.kind === 'deliver-failed') {
    task.ended({
      at: deliverAt + scale(DELIVER_FAIL_AFTER_MS),
      status: 'DELIVER_FAILED',
      exitCode: 0,
      errorInfo: outcome.errorInfo,
    });
    return task;
  }
  task.started(startAt);
  if (outcome.kind === 'start-failed') {
    task.ended({ at: startAt, status: 'START_FAILED', exitCode: -1, errorInfo: outcome.errorInfo });
    return task;
  }
  // The agent kills the command at exactly Timeout; what it printed until then stays.
  const ran = scale(Math.min(outcome.runMs, work.timeoutSeconds * 1000));
  for (const chunk of outcome.chunks) {
    // Reported at the agent's next one-second report, or with the end.
    const at = Math.min(ran, scale((Math.floor(chunk.atMs / REPORT_INTERVAL_MS) + 1) * REPORT_INTERVAL_MS));
    if (chunk.atMs <= outcome.runMs) task.output(chunk.bytes, startAt + at, chunk.dropped);
  }
  task.ended({ at: startAt + ran, status: outcome.status, exitCode: outcome.exitCode, errorInfo: '' });
  return task;
}
