import { isFinalInvocationStatus, isFinalTaskStatus, normalStatus } from '../../api/status.js';
import type { Invocation, InvocationTask } from '../../api/types.js';
import { parseApiTime } from '../../api/time.js';

export { isFinalTaskStatus, normalStatus };

/**
 * What the wait engine knows about each invocation it waits on, as one of five states:
 *
 *   unseen ──► found ──► final
 *     │          │ └──► missing (no longer shown for the grace period)
 *     │          └────► unreachable (its region failed)
 *     ├──► missing (not shown within the grace period)
 *     └──► unreachable (no region left to ask)
 *
 * Each state carries only what is true in it (a final entry has a region and an invocation; an
 * unseen one has neither). The engine replaces entries on every change; the change detector, the
 * live view and the summary only read them.
 */

export type WaitEntry = Unseen | Found | Final | Missing | Unreachable;
export type WaitKind = WaitEntry['kind'];

/** Not shown by any region yet: asked for in every region still answering. */
export interface Unseen {
  readonly kind: 'unseen';
  readonly id: string;
}

/** What is known of an invocation a region has shown. */
interface Shown {
  readonly id: string;
  /** The region that holds it (with several regions, it is asked for there only). */
  readonly region: string;
  /** The latest DescribeInvocations answer for it. */
  readonly invocation: Invocation;
  /** Other regions that showed the same id, in the order given (waited on in `region` only). */
  readonly alsoIn?: readonly string[];
  /** Its tasks (output hidden), when they were fetched for display. */
  readonly tasks?: FetchedTasks;
}

/** Shown and still going: polled until it is final. */
export interface Found extends Shown {
  readonly kind: 'found';
  /** When (our clock) an answer last showed it. */
  readonly seenAt: number;
  /** Since when (our clock) its region answers without it: it becomes missing after the grace period. */
  readonly vanishedAt?: number;
}

/** Reached a final status: no longer polled. */
export interface Final extends Shown {
  readonly kind: 'final';
  /** When (our clock) it was seen final. */
  readonly finishedAt: number;
}

/** Not shown within the grace period, or no longer shown for that long (`vanished`). */
export interface Missing {
  readonly kind: 'missing';
  readonly id: string;
  /** It had been shown (by this region, last as this invocation), then was no longer. */
  readonly vanished?: { readonly region: string; readonly invocation: Invocation };
}

/** Its region failed (or none was left to ask): no longer waited on. */
export interface Unreachable {
  readonly kind: 'unreachable';
  readonly id: string;
  /** Where it was found, if it was, and what it was then. */
  readonly region?: string;
  readonly invocation?: Invocation;
}

/** Tasks fetched for display, with the task statuses they were fetched for (refetched only when those change). */
export interface FetchedTasks {
  readonly key: string;
  readonly list: readonly InvocationTask[];
}

export interface WaitState {
  readonly startedAt: number;
  /** The regions waited in; with more than one, the view and the messages name each entry's. */
  readonly regions: readonly string[];
  /** Regions that failed for good (after the client's retries): their entries are unreachable. */
  readonly failedRegions: Set<string>;
  /** In the order the ids were given; an entry is replaced whenever what is known of it changes. */
  readonly entries: WaitEntry[];
  /** Poll rounds so far (every region's rounds counted). */
  polls: number;
  /** Requests sent by the engine (retries inside the client not counted). */
  requests: number;
  /** When the next poll is due (our clock), while sleeping. */
  nextPollAt?: number;
}

export function newState(ids: readonly string[], startedAt: number, regions: readonly string[] = []): WaitState {
  return {
    startedAt,
    regions,
    failedRegions: new Set(),
    entries: ids.map((id): Unseen => ({ kind: 'unseen', id })),
    polls: 0,
    requests: 0,
  };
}

/** Still being waited on: not final, missing or unreachable. */
export function isPending(entry: WaitEntry): entry is Unseen | Found {
  return entry.kind === 'unseen' || entry.kind === 'found';
}

/** The last answer seen for it, if any (an unreachable or vanished one keeps its last). */
export function invocationOf(entry: WaitEntry): Invocation | undefined {
  switch (entry.kind) {
    case 'found':
    case 'final':
    case 'unreachable':
      return entry.invocation;
    case 'missing':
      return entry.vanished?.invocation;
    default:
      return undefined;
  }
}

/** The region holding it, if one showed it. */
export function regionOf(entry: WaitEntry): string | undefined {
  switch (entry.kind) {
    case 'found':
    case 'final':
    case 'unreachable':
      return entry.region;
    case 'missing':
      return entry.vanished?.region;
    default:
      return undefined;
  }
}

/** Its invocation status as compared (upper case), '' when none was seen. */
export function statusOf(entry: WaitEntry): string {
  return normalStatus(invocationOf(entry)?.InvocationStatus);
}

/** A final invocation whose status is not SUCCESS. */
export function endedBadly(entry: WaitEntry): entry is Final {
  return entry.kind === 'final' && statusOf(entry) !== 'SUCCESS';
}

export function isFinalStatus(status: unknown): boolean {
  return isFinalInvocationStatus(status);
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
  const invocation = invocationOf(entry);
  const basic = Array.isArray(invocation?.InvocationTaskBasicInfoSet) ? invocation.InvocationTaskBasicInfoSet : [];
  const fetched = entry.kind === 'found' || entry.kind === 'final' ? (entry.tasks?.list ?? []) : [];
  const byTask = new Map(fetched.map((task) => [task.InvocationTaskId, task]));
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
    if (
      current?.TaskResult?.ExecStartTime &&
      isFinalTaskStatus(status) &&
      typeof current.TaskResult.ExitCode === 'number'
    )
      view.exitCode = current.TaskResult.ExitCode;
    return view;
  });
}

/** `invt-a=SUCCESS,invt-b=RUNNING,...`: changes whenever any task's status does. */
export function taskStatusKey(invocation: Invocation | undefined): string {
  const basic = Array.isArray(invocation?.InvocationTaskBasicInfoSet) ? invocation.InvocationTaskBasicInfoSet : [];
  return basic.map((info) => `${info.InvocationTaskId}=${normalStatus(info.TaskStatus)}`).join(',');
}
