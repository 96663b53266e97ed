/**
 * What a created task is asked to do, and the two ways it happens: simulated (a rule decides the
 * outcome from the script; the timeline is planned at once, and the clock reveals it) or
 * executed (`--execute`: a runner really runs it and reports as the agent would).
 */
import type { FleetInstance } from '../fleet/fleet.js';
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

/** What the simulation rule decides for a task. */
export type SimulatedOutcome =
  /** The command ran: it exits with `exitCode` after `durationMs`, having printed `output` (before the agent's cut). */
  | { kind: 'ran'; exitCode: number; durationMs: number; output: Buffer }
  /** The agent could not start it (a missing user or working directory): START_FAILED with its message. */
  | { kind: 'start-failed'; errorInfo: string }
  /** The task never reached the agent: DELIVER_FAILED with the service's message. */
  | { kind: 'deliver-failed'; errorInfo: string };

export type Simulate = (work: TaskWork) => SimulatedOutcome;

/** Until the documented simulation rule is wired: every command succeeds after a second, printing nothing. */
export const basicSimulation: Simulate = () => ({ kind: 'ran', exitCode: 0, durationMs: 1000, output: Buffer.alloc(0) });

/** Runs a task for real, reporting to its timeline (started, output, ended) and stopping when it is cancelled. */
export interface TaskRunner {
  run(work: TaskWork, timeline: TaskTimeline): void;
}

/** A task is handed to the agent after this long (PENDING until then) and starts after that (DELIVERING meanwhile). */
export const DELIVER_AFTER_MS = 300;
export const START_AFTER_MS = 1000;
/** A delivery that fails is given up after this long. */
export const DELIVER_FAIL_AFTER_MS = 5000;
/** At most this many output reports are planned per task (a long run reports less often than once a second). */
const MAX_REPORTS = 60;

export interface PlanTiming {
  createdMs: number;
  /** The task's place in its invocation: tasks start a little apart, as agents pick them up. */
  index: number;
  /** `--speed`: the simulated story is told this many times faster. */
  speed: number;
}

/**
 * The whole life of a simulated task, planned at creation: delivered, started, output reported
 * once a second as it is printed, then ended; killed at exactly `Timeout` (TIMEOUT, exit -1)
 * when it would run longer, keeping what it printed until then.
 */
export function plannedTimeline(work: TaskWork, outcome: SimulatedOutcome, timing: PlanTiming): TaskTimeline {
  const scale = (ms: number): number => Math.round(ms / timing.speed);
  const created = timing.createdMs;
  const deliverAt = created + scale(DELIVER_AFTER_MS);
  const startAt = created + scale(START_AFTER_MS + (timing.index % 20) * 50);
  const task = new TaskTimeline(created, deliverAt);
  if (outcome.kind === 'deliver-failed') {
    task.ended({ at: deliverAt + scale(DELIVER_FAIL_AFTER_MS), status: 'DELIVER_FAILED', exitCode: 0, errorInfo: outcome.errorInfo });
    return task;
  }
  task.started(startAt);
  if (outcome.kind === 'start-failed') {
    task.ended({ at: startAt, status: 'START_FAILED', exitCode: -1, errorInfo: outcome.errorInfo });
    return task;
  }
  const run = scale(Math.max(0, outcome.durationMs));
  const limit = scale(work.timeoutSeconds * 1000);
  const timedOut = run > limit;
  const ran = Math.min(run, limit);
  // Printed evenly over the natural run; reported every second (or less often on long runs).
  const interval = Math.max(scale(REPORT_INTERVAL_MS), Math.ceil(ran / MAX_REPORTS));
  const printedBy = (elapsed: number): number => (run === 0 ? outcome.output.length : Math.floor((outcome.output.length * Math.min(elapsed, run)) / run));
  let reported = 0;
  for (let elapsed = Math.min(interval, ran); ; elapsed = Math.min(elapsed + interval, ran)) {
    const upTo = printedBy(elapsed);
    if (upTo > reported) task.output(outcome.output.subarray(reported, upTo), startAt + elapsed);
    reported = upTo;
    if (elapsed >= ran) break;
  }
  const status = timedOut ? 'TIMEOUT' : outcome.exitCode === 0 ? 'SUCCESS' : 'FAILED';
  task.ended({ at: startAt + ran, status, exitCode: timedOut ? -1 : outcome.exitCode, errorInfo: '' });
  return task;
}
