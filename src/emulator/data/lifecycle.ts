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
  /** When the agent reported the start (StartTime, ExecStartTime); null for a task never started. */
  execStart: number | null;
  execEnd: number | null;
  /** When the task reached a final status, else null. */
  endAt: number | null;
  errorInfo: string;
  /**
   * What the task printed so far: nothing, all of its output (`ok`) or of its failure (`fail`),
   * or the start of either (`partial`, `failing`): what a running task shows is a prefix of what
   * it ends with.
   */
  output: 'none' | 'ok' | 'fail' | 'partial' | 'failing';
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
  /** The command's Timeout (seconds) when the plan sets it: live tasks that time out do so at exactly it. */
  timeoutS?: number;
}

const FINAL = new Set<string>(FINAL_INVOCATION_STATUSES);
export const isFinalInvocationStatus = (status: string): boolean => FINAL.has(status);

const CANCELLED_STATUSES = new Set(['CANCELLED', 'TERMINATED']);

/**
 * The final status of an invocation whose tasks all ended: SUCCESS when all succeeded,
 * CANCELLED when all were cancelled (PARTIAL_CANCELLED when some), TIMEOUT when all timed out,
 * PARTIAL_FAILED when some succeeded, else FAILED.
 */
export function finalInvocationStatus(statuses: readonly string[]): string {
  if (statuses.every((s) => s === 'SUCCESS')) return 'SUCCESS';
  const cancelled = statuses.filter((s) => CANCELLED_STATUSES.has(s)).length;
  if (cancelled === statuses.length) return 'CANCELLED';
  if (cancelled > 0) return 'PARTIAL_CANCELLED';
  if (statuses.every((s) => s === 'TIMEOUT')) return 'TIMEOUT';
  return statuses.includes('SUCCESS') ? 'PARTIAL_FAILED' : 'FAILED';
}

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

/**
 * ErrorInfo as the service shows it: the service's own words for delivery problems and an agent
 * that stopped answering; empty for what the agent reports as a plain end (FAILED, TIMEOUT,
 * TERMINATED) and for cancelled tasks. START_FAILED carries the agent's message, which names the
 * invocation's user or directory (record.ts).
 */
const ERRORS: Record<string, string> = {
  DELIVER_FAILED: 'Agent offline: the TAT agent on the instance is not online, the task could not be delivered',
  TASK_TIMEOUT: 'The agent did not report the task result in time',
  DELIVER_DELAYED: 'Agent offline: the task will be delivered when the agent comes back online',
};

/** Statuses of a task the agent started (it reported the start): they keep their start time. */
const STARTED = new Set(['SUCCESS', 'FAILED', 'TIMEOUT', 'TERMINATED', 'START_FAILED', 'TASK_TIMEOUT']);
/** Statuses whose end the agent reported (ExecEndTime); TASK_TIMEOUT is the service giving up on it. */
const REPORTED_END = new Set(['SUCCESS', 'FAILED', 'TIMEOUT', 'TERMINATED', 'START_FAILED']);

/** The exit code the agent reports: the command's for FAILED, -1 when it killed it or could not start it. */
function exitCodeOf(status: string, exitCode: number): number {
  if (status === 'FAILED') return exitCode;
  return status === 'TIMEOUT' || status === 'TERMINATED' || status === 'START_FAILED' ? -1 : 0;
}

/** A task in its final status, given when it started and how long it ran. */
export function finalTask(status: string, startMs: number, durationMs: number, exitCode: number): TaskState {
  const end = startMs + durationMs;
  const output =
    status === 'SUCCESS'
      ? 'ok'
      : status === 'FAILED'
        ? 'fail'
        : status === 'TIMEOUT' || status === 'TERMINATED' || status === 'TASK_TIMEOUT'
          ? 'partial'
          : 'none';
  return {
    status,
    exitCode: exitCodeOf(status, exitCode),
    execStart: STARTED.has(status) ? startMs : null,
    execEnd: REPORTED_END.has(status) ? end : null,
    endAt: end,
    errorInfo: ERRORS[status] ?? '',
    output,
  };
}

/** A task still going; a running one shows the start of the output it will end with (`failing` for a failure). */
export function openTask(status: string, execStart: number | null = null, output?: TaskState['output']): TaskState {
  return {
    status,
    exitCode: 0,
    execStart,
    execEnd: null,
    endAt: null,
    errorInfo: ERRORS[status] ?? '',
    output: output ?? (status === 'RUNNING' || status === 'CANCELLING' ? 'partial' : 'none'),
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
      return all(() => 'SUCCESS').map((s, i) =>
        i === 0 || rng.chance(0.3) ? rng.pick(['CANCELLED', 'TERMINATED']) : s,
      );
    default:
      throw new Error(`not a final status: ${status}`);
  }
}

/** A finished invocation: one snapshot at its end time. */
export function finishedPlan(
  createdMs: number,
  status: string,
  outcomes: string[],
  timeoutS: number,
  rng: Rng,
  failExit: number,
): Plan {
  const tasks = outcomes.map((s) => {
    const start = createdMs + rng.int(200, 3000);
    const drawn =
      s === 'TIMEOUT' ? timeoutS * 1000 : s === 'TASK_TIMEOUT' ? 300_000 : rng.int(300, Math.min(timeoutS, 120) * 1000);
    // A command that cannot start fails at once (from the same draw, so the rest of the data is unchanged).
    const duration = s === 'START_FAILED' ? 20 + (drawn % 180) : drawn;
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
export function livePlan(
  kind: LiveKind,
  t0: number,
  count: number,
  finalStatus: string,
  rng: Rng,
  failExit: number,
): Plan {
  const s = 1000;
  const created =
    kind === 'fresh'
      ? t0
      : kind === 'long'
        ? t0 - rng.int(120, 600) * s
        : kind === 'cancelling'
          ? t0 - 30 * s
          : kind === 'delivering'
            ? t0 - rng.int(3, 6) * s
            : t0 - rng.int(1, 4) * s;
  const deliverAt = kind === 'pending' ? t0 + rng.int(3, 6) * s : kind === 'delivering' ? t0 - 2 * s : created + 1 * s;
  const runAt = kind === 'pending' || kind === 'delivering' ? t0 + rng.int(8, 14) * s : created + 2 * s;
  const finishAt =
    kind === 'long'
      ? t0 + rng.int(40, 55) * 60 * s
      : kind === 'fresh'
        ? t0 + rng.int(10, 60) * s
        : t0 + rng.int(25, 60) * s;
  const snaps: Snapshot[] = [
    { at: created, status: 'PENDING', tasks: Array.from({ length: count }, () => openTask('PENDING')) },
    { at: deliverAt, status: 'PENDING', tasks: Array.from({ length: count }, () => openTask('DELIVERING')) },
  ];
  const startOf = (i: number): number => runAt + i * 200;
  if (kind === 'cancelling') {
    const running = Array.from({ length: count }, (_, i) => openTask('RUNNING', startOf(i)));
    snaps.push({ at: runAt, status: 'RUNNING', tasks: running });
    const cancelAt = t0 - 2 * s;
    const endAt = t0 + rng.int(10, 20) * s;
    snaps.push({
      at: cancelAt,
      status: 'CANCELLING',
      tasks: running.map((t) => openTask('CANCELLING', t.execStart, t.output)),
    });
    snaps.push({
      at: endAt,
      status: 'CANCELLED',
      tasks: running.map((t) => finalTask('TERMINATED', t.execStart ?? runAt, endAt - (t.execStart ?? runAt), 0)),
    });
    return { createdMs: created, snapshots: snaps };
  }
  // A long run's offline agent never answers: that task fails delivery, the others succeed.
  const delayed = kind === 'long' ? count - 1 : -1;
  const outcomes =
    kind === 'long'
      ? Array.from({ length: count }, (_, i) => (i === delayed ? 'DELIVER_FAILED' : 'SUCCESS'))
      : taskOutcomes(finalStatus, count, rng);
  const status = kind === 'long' ? (count > 1 ? 'PARTIAL_FAILED' : 'FAILED') : finalStatus;
  // Tasks that never reach the agent wait (DELIVER_DELAYED, or still DELIVERING until cancelled);
  // one the agent cannot start is picked up last (DELIVERING until then); the others run.
  const running = outcomes.map((outcome, i) => {
    if (outcome === 'DELIVER_FAILED') return openTask('DELIVER_DELAYED');
    if (outcome === 'CANCELLED' || outcome === 'START_FAILED') return openTask('DELIVERING');
    return openTask('RUNNING', startOf(i), outcome === 'FAILED' ? 'failing' : 'partial');
  });
  // A live task that times out does so at exactly the command's Timeout: one that fits before the end.
  const timeoutS = outcomes.includes('TIMEOUT')
    ? Math.max(1, Math.floor((finishAt - startOf(count - 1)) / s))
    : undefined;
  const ends = outcomes.map((outcome, i) => {
    const start = running[i]?.execStart ?? null;
    if (start === null) return finalTask(outcome, finishAt, 0, failExit);
    // Tasks that succeed may finish one by one while the invocation is still RUNNING.
    if (outcome === 'SUCCESS' && i < count - 1)
      return finalTask(outcome, start, rng.int(start + 2 * s, finishAt - s) - start, failExit);
    if (outcome === 'TIMEOUT') return finalTask(outcome, start, (timeoutS ?? 0) * s, failExit);
    return finalTask(outcome, start, finishAt - start, failExit);
  });
  const endOf = (i: number): number => ends[i]?.endAt ?? finishAt;
  const final = Math.max(...ends.map((_, i) => endOf(i)));
  // An invocation cancelled passes through CANCELLING: its cancelled tasks are CANCELLING for the last second.
  const cancelled = outcomes.map((outcome) => outcome === 'CANCELLED' || outcome === 'TERMINATED');
  const cancelAt = cancelled.includes(true) ? final - s : undefined;
  const times = [...new Set([runAt, ...ends.map((_, i) => endOf(i)), ...(cancelAt === undefined ? [] : [cancelAt])])]
    .filter((t) => t >= runAt && t <= final)
    .sort((a, b) => a - b);
  for (const at of times) {
    const cancelling = cancelAt !== undefined && at >= cancelAt;
    snaps.push({
      at,
      status: at >= final ? status : cancelling ? 'CANCELLING' : 'RUNNING',
      tasks: running.map((task, i) => {
        const end = ends[i];
        if (end && endOf(i) <= at) return end;
        return cancelling && cancelled[i] ? openTask('CANCELLING', task.execStart, task.output) : task;
      }),
    });
  }
  snaps.sort((a, b) => a.at - b.at);
  return { createdMs: created, snapshots: snaps, ...(timeoutS === undefined ? {} : { timeoutS }) };
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
    ...plan,
    createdMs: at(plan.createdMs),
    snapshots: plan.snapshots.map((snap) => ({
      at: at(snap.at),
      status: snap.status,
      tasks: snap.tasks.map((task) => ({
        ...task,
        execStart: maybe(task.execStart),
        execEnd: maybe(task.execEnd),
        endAt: maybe(task.endAt),
      })),
    })),
  };
}

/** Between a cancel and the service marking a task not yet started CANCELLED; and the agent's report of the kill (TERMINATED). */
const CANCEL_SERVICE_MS = 500;
const CANCEL_ACK_MS = 1000;

/**
 * CancelInvocation at `now` on a planned invocation still going, for the tasks `which` picks:
 * each such task not yet ended is CANCELLING, then CANCELLED (never started) or TERMINATED (exit
 * -1, keeping its start and output); what the plan had for them later does not happen. The other
 * tasks keep their plan; the invocation is CANCELLING while a cancelled task has not ended.
 */
export function cancelPlan(plan: Plan, now: number, which: (index: number) => boolean): Plan {
  const current = stateAt(plan, now);
  if (isFinalInvocationStatus(current.status) || now < plan.createdMs) return plan;
  const targets = current.tasks.map((task, i) => which(i) && task.endAt === null && task.status !== 'CANCELLING');
  if (!targets.includes(true)) return plan;
  const ends = current.tasks.map((task, i): TaskState | undefined => {
    if (!targets[i]) return undefined;
    if (task.execStart === null) return finalTask('CANCELLED', now + CANCEL_SERVICE_MS, 0, 0);
    const end = Math.max(now + CANCEL_ACK_MS, task.execStart);
    return { ...finalTask('TERMINATED', task.execStart, end - task.execStart, 0), output: task.output };
  });
  const later = plan.snapshots.filter((snap) => snap.at > now).map((snap) => snap.at);
  const points = [
    ...new Set([
      now,
      ...ends.flatMap((end) => (end?.endAt === undefined || end.endAt === null ? [] : [end.endAt])),
      ...later,
    ]),
  ].sort((a, b) => a - b);
  const snapshots = plan.snapshots.filter((snap) => snap.at < now);
  for (const at of points) {
    const planned = stateAt(plan, at);
    const tasks = planned.tasks.map((task, i) => {
      const end = ends[i];
      if (!end) return task;
      const was = current.tasks[i] ?? task;
      return (end.endAt ?? Infinity) <= at ? end : openTask('CANCELLING', was.execStart, was.output);
    });
    const status = tasks.every((task) => task.endAt !== null)
      ? finalInvocationStatus(tasks.map((task) => task.status))
      : tasks.some((task) => task.status === 'CANCELLING')
        ? 'CANCELLING'
        : isFinalInvocationStatus(planned.status)
          ? 'RUNNING'
          : planned.status;
    snapshots.push({ at, status, tasks });
    if (isFinalInvocationStatus(status)) break;
  }
  return { ...plan, snapshots };
}
