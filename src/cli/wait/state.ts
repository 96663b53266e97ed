import { FINAL_INVOCATION_STATUSES, FINAL_TASK_STATUSES, type Invocation, type InvocationTask } from '../../api/types.js';
import { parseApiTime } from '../../api/time.js';

/**
 * What the wait engine knows about each invocation it waits on. The poller updates it; the
 * change detector, the live view and the summary only read it.
 */

export interface WaitEntry {
  readonly id: string;
  /** The latest DescribeInvocations answer for it; undefined until the API has shown it. */
  invocation?: Invocation;
  /** Its tasks (output hidden), when the live view asked for them. */
  tasks?: InvocationTask[];
  /** The task statuses `tasks` was fetched for, to refetch only when they change. */
  tasksKey?: string;
  /** Not shown by the API within the grace period. */
  missing: boolean;
  /** Reached a final status (it is not polled again). */
  final: boolean;
  /** The region it was found in (with several regions, it is then asked for there only). */
  region?: string;
  /** The poll round it was found in (several regions: only that round's answers can claim it). */
  foundInRound?: number;
  /** Other regions that showed the same id, in the order given (waited on in `region` only). */
  alsoIn?: string[];
  /** Its region stopped answering: no longer waited on (several regions only). */
  unreachable?: boolean;
  /** When (our clock) it was seen final. */
  finishedAt?: number;
}

export interface WaitState {
  readonly startedAt: number;
  /** The regions waited in; with more than one, the view and the messages name each entry's. */
  readonly regions: readonly string[];
  /** Regions that failed for good (after the client's retries): their entries are unreachable. */
  readonly failedRegions: Set<string>;
  /** In the order the ids were given. */
  readonly entries: WaitEntry[];
  /** Poll rounds so far. */
  polls: number;
  /** Requests sent by the engine (retries inside the client not counted). */
  requests: number;
  /** When the next poll is due (our clock), while sleeping. */
  nextPollAt?: number;
}

const FINAL = new Set<string>(FINAL_INVOCATION_STATUSES);

/** Statuses are compared upper-cased: one API example answers in lower case. */
export function normalStatus(status: unknown): string {
  return typeof status === 'string' ? status.toUpperCase() : '';
}

export function isFinalStatus(status: unknown): boolean {
  return FINAL.has(normalStatus(status));
}

const FINAL_TASK = new Set<string>(FINAL_TASK_STATUSES);

export function isFinalTaskStatus(status: unknown): boolean {
  return FINAL_TASK.has(normalStatus(status));
}

/** Still being waited on: neither final, given up as missing, nor in a region that failed. */
export function isPending(entry: WaitEntry): boolean {
  return !entry.final && !entry.missing && !entry.unreachable;
}

export function newState(ids: readonly string[], startedAt: number, regions: readonly string[] = []): WaitState {
  return { startedAt, regions, failedRegions: new Set(), entries: ids.map((id) => ({ id, missing: false, final: false })), polls: 0, requests: 0 };
}

/** Several regions are waited in: entries are shown with their region. */
export function showsRegions(state: WaitState): boolean {
  return state.regions.length > 1;
}

/** The per-instance tasks of an invocation as far as known: the basic info, enriched by fetched tasks. */
export interface InstanceView {
  instanceId: string;
  status: string;
  exitCode?: number;
  startedMs?: number;
  endedMs?: number;
}

export function instancesOf(entry: WaitEntry): InstanceView[] {
  const basic = Array.isArray(entry.invocation?.InvocationTaskBasicInfoSet) ? entry.invocation.InvocationTaskBasicInfoSet : [];
  const byTask = new Map((entry.tasks ?? []).map((task) => [task.InvocationTaskId, task]));
  return basic.map((info) => {
    const task = byTask.get(info.InvocationTaskId);
    const status = normalStatus(info.TaskStatus);
    // The task record may be older than the basic info: only trust its result for the same status.
    const current = task && normalStatus(task.TaskStatus) === status ? task : undefined;
    const view: InstanceView = { instanceId: String(info.InstanceId), status };
    const start = parseApiTime(current?.TaskResult?.ExecStartTime ?? current?.StartTime);
    const end = parseApiTime(current?.TaskResult?.ExecEndTime ?? current?.EndTime);
    if (start !== undefined) view.startedMs = start;
    if (end !== undefined) view.endedMs = end;
    // An exit code only means something for a command that started (not DELIVER_FAILED, START_FAILED...).
    if (current?.TaskResult?.ExecStartTime && isFinalTaskStatus(status) && typeof current.TaskResult.ExitCode === 'number') view.exitCode = current.TaskResult.ExitCode;
    return view;
  });
}

/** `SUCCESS,RUNNING,...`: changes whenever any task's status does. */
export function taskStatusKey(invocation: Invocation | undefined): string {
  const basic = Array.isArray(invocation?.InvocationTaskBasicInfoSet) ? invocation.InvocationTaskBasicInfoSet : [];
  return basic.map((info) => `${info.InvocationTaskId}=${normalStatus(info.TaskStatus)}`).join(',');
}
