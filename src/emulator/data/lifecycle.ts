/**
 * Status progression by clock. An invocation's life is a list of snapshots, each valid from its
 * `at` (ms) until the next one. What a request sees is the last snapshot at or before "now", so
 * invocations advance as the (injected) clock moves and no timers are needed.
 */
import { FINAL_INVOCATION_STATUSES } from '../../api/types.js';
import type { Rng } from './prng.js';

export interface TaskState {
  status: string;
  exitCode: number;
  execStart: number | null;
  execEnd: number | null;
  /** When the task reached a final status, else null. */
  endAt: number | null;
  errorInfo: string;
  /** What the task printed so far. */
  output: 'none' | 'ok' | 'fail' | 'partial';
}

export interface Snapshot {
  at: number;
  status: string;
  tasks: TaskState[];
}

export interface Plan {
  createdMs: number;
  /** Sorted by `at`; the first one starts at `createdMs`. */
  snapshots: Snapshot[];
}

const FINAL = new Set<string>(FINAL_INVOCATION_STATUSES);
export const isFinalInvocationStatus = (status: string): boolean => FINAL.has(status);

/** The snapshot in force at `nowMs` (the first one if the clock is before the invocation). */
export function stateAt(plan: Plan, nowMs: number): Snapshot {
  let current = plan.snapshots[0];
  if (!current) throw new Error('plan without snapshots');
  for (const snap of plan.snapshots) {
    if (snap.at > nowMs) break;
    current = snap;
  }
  return current;
}

const ERRORS: Record<string, string> = {
  DELIVER_FAILED: 'Agent offline: the TAT agent on the instance is not online, the task could not be delivered',
  START_FAILED: 'Failed to start the command: the working directory does not exist or the user cannot be found',
  TASK_TIMEOUT: 'The agent did not report the task result in time',
  TIMEOUT: 'Command execution timed out and was terminated',
  TERMINATED: 'The task was terminated by the user while running',
  CANCELLED: 'The task was cancelled before it started',
  DELIVER_DELAYED: 'Agent offline: the task will be delivered when the agent comes back online',
};

/** A task in its final status, given when it started and how long it ran. */
export function finalTask(status: string, startMs: number, durationMs: number, exitCode: number): TaskState {
  const end = startMs + durationMs;
  const ran = ['SUCCESS', 'FAILED', 'TIMEOUT', 'TERMINATED'].includes(status);
  return {
    status,
    exitCode: status === 'FAILED' ? exitCode : status === 'TIMEOUT' ? -1 : 0,
    execStart: ran ? startMs : null,
    execEnd: ran ? end : null,
    endAt: end,
    errorInfo: ERRORS[status] ?? '',
    output: status === 'SUCCESS' ? 'ok' : status === 'FAILED' ? 'fail' : status === 'TIMEOUT' || status === 'TERMINATED' ? 'partial' : 'none',
  };
}

export function openTask(status: string, execStart: number | null = null): TaskState {
  return {
    status,
    exitCode: 0,
    execStart,
    execEnd: null,
    endAt: null,
    errorInfo: ERRORS[status] ?? '',
    output: status === 'RUNNING' || status === 'CANCELLING' ? 'partial' : 'none',
  };
}

/** Final task statuses that make up an invocation's final status. */
export function taskOutcomes(status: string, count: number, rng: Rng): string[] {
  const failing = ['FAILED', 'FAILED', 'DELIVER_FAILED', 'START_FAILED', 'TASK_TIMEOUT'];
  const all = (f: () => string): string[] => Array.from({ length: count }, f);
  switch (status) {
    case 'SUCCESS':
      return all(() => 'SUCCESS');
    case 'FAILED':
      return all(() => rng.pick(failing));
    case 'TIMEOUT':
      return all(() => 'TIMEOUT');
    case 'CANCELLED':
      return all(() => rng.pick(['CANCELLED', 'TERMINATED']));
    case 'PARTIAL_FAILED':
      return all(() => 'SUCCESS').map((s, i) => (i === 0 || rng.chance(0.3) ? rng.pick(failing) : s));
    case 'PARTIAL_CANCELLED':
      return all(() => 'SUCCESS').map((s, i) => (i === 0 || rng.chance(0.3) ? rng.pick(['CANCELLED', 'TERMINATED']) : s));
    default:
      throw new Error(`not a final status: ${status}`);
  }
}

/** A finished invocation: one snapshot at its end time. */
export function finishedPlan(createdMs: number, status: string, outcomes: string[], timeoutS: number, rng: Rng, failExit: number): Plan {
  const tasks = outcomes.map((s) => {
    const start = createdMs + rng.int(200, 3000);
    const duration = s === 'TIMEOUT' ? timeoutS * 1000 : s === 'TASK_TIMEOUT' ? 300_000 : rng.int(300, Math.min(timeoutS, 120) * 1000);
    return finalTask(s, start, duration, failExit);
  });
  const end = Math.max(...tasks.map((t) => t.endAt ?? createdMs)) + rng.int(0, 1500);
  return { createdMs, snapshots: [{ at: end, status, tasks }] };
}

export type LiveKind = 'pending' | 'delivering' | 'running' | 'cancelling' | 'long' | 'fresh';

/**
 * An invocation still going at `t0`. `pending`/`delivering`/`running` finish tens of seconds
 * after `t0`; `cancelling` is being cancelled; `long` runs for most of an hour and has a task
 * waiting on an offline agent (DELIVER_DELAYED). `fresh` is created at `t0` (`--live N`): pending
 * for a second, delivering for another, then running until it ends 10–60 s after `t0`.
 */
export function livePlan(kind: LiveKind, t0: number, count: number, finalStatus: string, rng: Rng, failExit: number): Plan {
  const s = 1000;
  const created = kind === 'fresh' ? t0 : kind === 'long' ? t0 - rng.int(120, 600) * s : kind === 'cancelling' ? t0 - 30 * s : kind === 'delivering' ? t0 - rng.int(3, 6) * s : t0 - rng.int(1, 4) * s;
  const deliverAt = kind === 'pending' ? t0 + rng.int(3, 6) * s : kind === 'delivering' ? t0 - 2 * s : created + 1 * s;
  const runAt = kind === 'pending' || kind === 'delivering' ? t0 + rng.int(8, 14) * s : created + 2 * s;
  const finishAt = kind === 'long' ? t0 + rng.int(40, 55) * 60 * s : kind === 'fresh' ? t0 + rng.int(10, 60) * s : t0 + rng.int(25, 60) * s;
  const snaps: Snapshot[] = [
    { at: created, status: 'PENDING', tasks: Array.from({ length: count }, () => openTask('PENDING')) },
    { at: deliverAt, status: 'PENDING', tasks: Array.from({ length: count }, () => openTask('DELIVERING')) },
  ];
  const delayed = kind === 'long' ? count - 1 : -1;
  const running = Array.from({ length: count }, (_, i) => (i === delayed ? openTask('DELIVER_DELAYED') : openTask('RUNNING', runAt + i * 200)));
  snaps.push({ at: runAt, status: 'RUNNING', tasks: running });
  if (kind === 'cancelling') {
    const cancelAt = t0 - 2 * s;
    const endAt = t0 + rng.int(10, 20) * s;
    snaps.push({ at: cancelAt, status: 'CANCELLING', tasks: running.map((t) => openTask('CANCELLING', t.execStart)) });
    snaps.push({ at: endAt, status: 'CANCELLED', tasks: running.map((t) => finalTask('TERMINATED', t.execStart ?? runAt, endAt - (t.execStart ?? runAt), 0)) });
    return { createdMs: created, snapshots: snaps };
  }
  // A long run's offline agent never answers: that task fails delivery, the others succeed.
  const outcomes = kind === 'long' ? running.map((_, i) => (i === delayed ? 'DELIVER_FAILED' : 'SUCCESS')) : taskOutcomes(finalStatus, count, rng);
  const status = kind === 'long' ? (count > 1 ? 'PARTIAL_FAILED' : 'FAILED') : finalStatus;
  // Tasks that succeed may finish one by one while the invocation is still RUNNING.
  const ends = outcomes.map((outcome, i) => {
    const task = running[i];
    const start = task?.execStart ?? null;
    const at = start !== null && outcome === 'SUCCESS' && i < count - 1 ? rng.int(start + 2 * s, finishAt - s) : finishAt;
    return start === null ? finalTask(outcome, finishAt, 0, failExit) : finalTask(outcome, start, at - start, failExit);
  });
  const times = [...new Set(ends.map((t) => t.endAt ?? finishAt))].filter((t) => t < finishAt).sort((a, b) => a - b);
  for (const at of times) {
    // ends has one entry per running task, so ends[i] exists.
    snaps.push({ at, status: 'RUNNING', tasks: running.map((t, i) => ((ends[i]?.endAt ?? finishAt) <= at ? (ends[i] as TaskState) : t)) });
  }
  snaps.push({ at: finishAt, status, tasks: ends });
  snaps.sort((a, b) => a.at - b.at);
  return { createdMs: created, snapshots: snaps };
}

/**
 * `--speed FACTOR`: the same story told FACTOR times faster. Every moment of the plan moves
 * towards `t0` (the emulator's start), so a live invocation due 40 s after start ends after
 * 40/FACTOR s. Only live plans are scaled; the emulator's own clock (signatures, Date) is not.
 */
export function scalePlan(plan: Plan, t0: number, speed: number): Plan {
  if (speed === 1) return plan;
  const at = (ms: number): number => t0 + Math.round((ms - t0) / speed);
  const maybe = (ms: number | null): number | null => (ms === null ? null : at(ms));
  return {
    createdMs: at(plan.createdMs),
    snapshots: plan.snapshots.map((snap) => ({
      at: at(snap.at),
      status: snap.status,
      tasks: snap.tasks.map((task) => ({ ...task, execStart: maybe(task.execStart), execEnd: maybe(task.execEnd), endAt: maybe(task.endAt) })),
    })),
  };
}
