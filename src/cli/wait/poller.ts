import type { TatClient } from '../../api/client.js';
import { chunks } from '../../api/invocations.js';
import { isRegionFailure, type RegionFailure } from '../../api/merge.js';
import { isFinalTaskStatus, isKnownInvocationStatus } from '../../api/status.js';
import { describeInvocations } from '../../api/tat.js';
import { MAX_IDS_PER_REQUEST, MAX_LIMIT, type Invocation, type InvocationTask } from '../../api/types.js';
import type { Deps } from '../../deps.js';
import { diff, snapshot, type Change, type Snapshot } from './changes.js';
import { realTimer } from './real-timer.js';
import { GRACE_MS, MAX_REGIONS_AT_ONCE, MAX_REQUESTS_PER_SECOND, nextDelay } from './schedule.js';
import {
  endedBadly,
  isFinalStatus,
  isPending,
  newState,
  statusOf,
  taskStatusKey,
  type Final,
  type Found,
  type WaitEntry,
  type WaitState,
} from './state.js';
import { fetchTasks, staleForDisplay, taskIdsOf, type Paced } from './tasks.js';
import { safe } from './format.js';
import { displayTasksWarning } from '../flows/task-details.js';

/**
 * The wait engine: polls DescribeInvocations by id (100 ids a request) through the shared
 * client (its rate limit, retries and clock-skew correction apply) until every invocation is
 * final, missing, or --max-wait runs out.
 *
 * Each region is a lane that polls on its own schedule, paced to at most 20 requests a second
 * (TAT counts requests per region), so a region that is slow or stuck never delays what another
 * region already knows; at most MAX_REGIONS_AT_ONCE regions have a request in flight. Every
 * answer is applied in one place (the loop below), which then detects changes and calls the hooks.
 *
 * Time: waiting between polls uses Deps' clock and sleep (tests need no real waiting). While a
 * request is in flight, only real time can pass, so the deadline and the live view's clock are
 * then real timers: --max-wait ends the wait even when a request never comes back.
 */

/** A region to wait in, with its client (each region has its own rate limit). */
export interface RegionClient {
  region: string;
  client: TatClient;
}

export interface PollerOptions {
  ids: readonly string[];
  /**
   * The regions to wait in. With one, every id is asked for there, and a request that fails for
   * good ends the wait. With several, an id is asked for in every region until one shows it, then
   * only there; a region that fails is dropped (its ids become unreachable) and the others go on.
   */
  regions: readonly RegionClient[];
  intervalMs: number;
  /** 0: no limit. */
  maxWaitMs: number;
  graceMs?: number;
  maxRequestsPerSecond?: number;
  /** At most this many regions with a request in flight (default MAX_REGIONS_AT_ONCE). */
  regionsAtOnce?: number;
  deps: Pick<Deps, 'now' | 'sleep' | 'signal'>;
  /** The invocations whose tasks should be fetched for display (the live view's visible ones); none if absent. */
  wantsTasks?(state: WaitState): readonly WaitEntry[];
  /** At the end, fetch the tasks of up to this many failed invocations (for the summary). */
  detailFailures?: number;
  /** Wake this often to call `onTick` (the live view's clock); no ticks if absent. */
  tickMs?: number;
  /** Fetch each task as it ends (its output too when `output`) for `onTaskEnded`. */
  endedTasks?: { output: boolean };
  /** Where an id is, when the caller knows (it just created it there): it is asked for in that region only. */
  regionOf?(id: string): string | undefined;
}

export interface PollerHooks {
  /** After every answer applied, with what changed since the one before. */
  onPoll?(state: WaitState, changes: readonly Change[]): void | Promise<void>;
  /** Once for each invocation, as soon as it is seen final (after its ended tasks, with `endedTasks`). */
  onFinal?(entry: Final): void | Promise<void>;
  onTick?(state: WaitState): void | Promise<void>;
  /** Several regions: one failed for good (after the client's retries); the wait goes on without it. */
  onRegionFailure?(failure: RegionFailure): void | Promise<void>;
  /** With `endedTasks`: each task once, as soon as it is seen in a final status. */
  onTaskEnded?(entry: Found | Final, task: InvocationTask): void | Promise<void>;
  /** Something to say once (an unknown status, an id no longer shown, tasks that cannot be fetched). */
  onWarning?(line: string): void | Promise<void>;
}

export interface WaitResult {
  state: WaitState;
  /** --max-wait ran out while some were still pending. */
  timedOut: boolean;
}

type Job = 'poll' | 'display' | 'ended';

interface Lane extends RegionClient {
  readonly paced: Paced;
  /** Its position in the regions given: the first region given keeps an id two regions show. */
  readonly order: number;
  /** When its next poll is due (our clock). */
  nextAt: number;
  delay: number;
  /** Polls it has answered, and when (our clock) it last did. */
  answered: number;
  answeredAt?: number;
  job?: Job;
  failed: boolean;
  /** False once the region refused task look-ups for display: the basic task info is shown instead. */
  displayTasks: boolean;
  /** Task ids that ended, still to fetch for `onTaskEnded`. */
  ended: Set<string>;
}

type Outcome =
  | { type: 'poll'; lane: Lane; asked: readonly string[]; invocations: readonly Invocation[] }
  | {
      type: 'tasks';
      lane: Lane;
      job: 'display' | 'ended';
      asked: readonly string[];
      tasks: readonly InvocationTask[];
      keys: ReadonlyMap<string, string>;
    }
  | { type: 'failed'; lane: Lane; job: Job; error: unknown };

export function pollUntilFinal(options: PollerOptions, hooks: PollerHooks = {}): Promise<WaitResult> {
  return new Engine(options, hooks).run();
}

class Engine {
  private readonly state: WaitState;
  private readonly lanes: Lane[];
  private readonly index = new Map<string, number>();
  private readonly grace: number;
  private readonly deadline: number;
  private readonly inbox: Outcome[] = [];
  private wake: () => void = () => undefined;
  private before: Snapshot;
  private lastTick: number;
  /** Final entries whose ended tasks are still being fetched: onFinal waits for them. */
  private readonly heldFinal = new Set<string>();
  private readonly delivered = new Set<string>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly options: PollerOptions,
    private readonly hooks: PollerHooks,
  ) {
    const { deps } = options;
    this.state = newState(
      options.ids,
      deps.now(),
      options.regions.map((r) => r.region),
    );
    this.state.entries.forEach((entry, i) => this.index.set(entry.id, i));
    this.grace = options.graceMs ?? GRACE_MS;
    this.deadline = options.maxWaitMs > 0 ? this.state.startedAt + options.maxWaitMs : Infinity;
    this.before = snapshot(this.state);
    this.lastTick = this.state.startedAt;
    this.lanes = options.regions.map((region, order) => {
      // The region's client keeps the pace (one limiter for every request of the run, throttling
      // included), held to 20 a second without bursts: even the first round of thousands of ids
      // stays within the account's limit, whatever --rate-limit said.
      region.client.pacing.atMost(options.maxRequestsPerSecond ?? MAX_REQUESTS_PER_SECOND, 1);
      const paced: Paced = async (request) => {
        checkAborted(deps.signal);
        this.state.requests += 1;
        return request();
      };
      return {
        ...region,
        paced,
        order,
        nextAt: this.state.startedAt,
        delay: options.intervalMs,
        answered: 0,
        failed: false,
        displayTasks: true,
        ended: new Set<string>(),
      };
    });
  }

  async run(): Promise<WaitResult> {
    const { deps } = this.options;
    for (;;) {
      checkAborted(deps.signal);
      await this.settle();
      const over =
        !this.state.entries.some(isPending) && !this.delivering()
          ? 'done'
          : deps.now() >= this.deadline
            ? 'timed out'
            : undefined;
      if (over) {
        // Timed out, the deadline also bounds what comes after: no last look.
        if (over === 'done') await this.finish();
        return { state: this.state, timedOut: over === 'timed out' };
      }
      this.startJobs();
      await this.idle();
    }
  }

  /** Whether tasks that ended are still to be handed over. */
  private delivering(): boolean {
    return this.lanes.some((lane) => !lane.failed && (lane.ended.size > 0 || lane.job === 'ended'));
  }

  // ── Starting work ───────────────────────────────────────────────────────────────────────────

  private startJobs(): void {
    const now = this.options.deps.now();
    const limit = this.options.regionsAtOnce ?? MAX_REGIONS_AT_ONCE;
    let running = this.lanes.filter((lane) => lane.job).length;
    const wanted = this.options.wantsTasks ? staleForDisplay(this.options.wantsTasks(this.state)) : [];
    for (const lane of this.lanes) {
      if (running >= limit) return;
      if (lane.job || lane.failed) continue;
      if (lane.ended.size > 0) {
        const ids = [...lane.ended];
        lane.ended.clear();
        this.start(lane, 'ended', () => this.fetchTaskJob(lane, 'ended', ids, new Map()));
      } else if (lane.displayTasks && wanted.some((entry) => this.regionHolds(lane, entry))) {
        const mine = wanted.filter((entry) => this.regionHolds(lane, entry));
        const keys = new Map(
          mine.map((entry) => [
            entry.id,
            taskStatusKey(entry.kind === 'found' || entry.kind === 'final' ? entry.invocation : undefined),
          ]),
        );
        this.start(lane, 'display', () => this.fetchTaskJob(lane, 'display', mine.flatMap(taskIdsOf), keys));
      } else if (lane.nextAt <= now && this.askable(lane).length > 0) {
        const ids = this.askable(lane);
        this.start(lane, 'poll', () => this.pollJob(lane, ids));
      } else continue;
      running++;
    }
  }

  private regionHolds(lane: Lane, entry: WaitEntry): boolean {
    return (entry.kind === 'found' || entry.kind === 'final') && entry.region === lane.region;
  }

  /** The ids a lane asks for: the ones it holds that are still going, and (several regions) those no region has shown. */
  private askable(lane: Lane): string[] {
    const several = this.lanes.length > 1;
    const known = this.options.regionOf;
    return this.state.entries
      .filter((entry) =>
        entry.kind === 'unseen'
          ? !several || known?.(entry.id) === undefined || known(entry.id) === lane.region
          : entry.kind === 'found' && (!several || entry.region === lane.region),
      )
      .map((entry) => entry.id);
  }

  private start(lane: Lane, job: Job, work: () => Promise<Outcome>): void {
    lane.job = job;
    // Never rejects: every outcome, failures included, is applied by the loop.
    const done = (outcome: Outcome): void => {
      lane.job = undefined;
      this.inbox.push(outcome);
      this.wake();
    };
    work().then(done, (error: unknown) => done({ type: 'failed', lane, job, error }));
  }

  private async pollJob(lane: Lane, ids: readonly string[]): Promise<Outcome> {
    const invocations: Invocation[] = [];
    for (const chunk of chunks(ids, MAX_IDS_PER_REQUEST)) {
      const answer = await lane.paced(() =>
        describeInvocations(lane.client, { InvocationIds: chunk, Limit: MAX_LIMIT }),
      );
      // Only ids asked for in this chunk: a confused server cannot add or swap records.
      const asked = new Set(chunk);
      invocations.push(...answer.InvocationSet.filter((invocation) => asked.has(invocation.InvocationId)));
    }
    return { type: 'poll', lane, asked: ids, invocations };
  }

  private async fetchTaskJob(
    lane: Lane,
    job: 'display' | 'ended',
    ids: readonly string[],
    keys: ReadonlyMap<string, string>,
  ): Promise<Outcome> {
    const tasks = await fetchTasks(
      lane.client,
      ids,
      lane.paced,
      job === 'ended' && this.options.endedTasks?.output === true,
    );
    return { type: 'tasks', lane, job, asked: ids, tasks, keys };
  }

  // ── Waiting ─────────────────────────────────────────────────────────────────────────────────

  /** Until an answer arrives, the next poll is due, the live view's clock ticks, or the deadline. */
  private async idle(): Promise<void> {
    const { deps, tickMs } = this.options;
    if (this.inbox.length > 0) return;
    const now = deps.now();
    const running = this.lanes.filter((lane) => lane.job).length;
    // A lane waiting for a free slot is not due: the answer that frees one wakes the loop.
    const free = running < (this.options.regionsAtOnce ?? MAX_REGIONS_AT_ONCE);
    const due = !free
      ? Infinity
      : Math.min(
          ...this.lanes
            .filter((lane) => !lane.job && !lane.failed && this.askable(lane).length > 0)
            .map((lane) => lane.nextAt),
        );
    const ticking = tickMs !== undefined && this.hooks.onTick !== undefined;
    const until = Math.min(due, this.deadline, ticking ? this.lastTick + tickMs : Infinity);
    const busy = running > 0;
    if (!busy && until === Infinity) throw new Error('wait engine: nothing left to wait for');
    // The live view's "next check in": only while nothing is in flight.
    this.state.nextPollAt = busy || due === Infinity ? undefined : due;
    if (!busy) {
      await deps.sleep(Math.max(0, until - now), deps.signal);
    } else {
      // A request is in flight: real time passes, whatever Deps' clock is.
      const answered = new Promise<void>((resolve) => (this.wake = resolve));
      const timer = realTimer(Math.max(0, until - now));
      const interrupted = abortPromise(deps.signal);
      try {
        await Promise.race([answered, timer.done, interrupted.promise]);
      } finally {
        timer.cancel();
        interrupted.dispose();
        this.wake = () => undefined;
      }
      checkAborted(deps.signal);
    }
    if (ticking && this.inbox.length === 0 && deps.now() - this.lastTick >= tickMs && deps.now() < this.deadline) {
      this.lastTick = deps.now();
      await this.hooks.onTick!(this.state);
    }
  }

  // ── Applying answers ────────────────────────────────────────────────────────────────────────

  /** Applies every outcome that arrived, then settles missing ids, finds final ones and calls the hooks. */
  private async settle(): Promise<void> {
    const outcomes = this.inbox.splice(0);
    const now = this.options.deps.now();
    const finalBefore = new Set(this.state.entries.filter((entry) => entry.kind === 'final').map((entry) => entry.id));
    const warnings: string[] = [];
    for (const outcome of outcomes) {
      if (outcome.type === 'poll') this.applyPoll(outcome.lane, outcome.asked, outcome.invocations, now, warnings);
      else if (outcome.type === 'tasks') await this.applyTasks(outcome.lane, outcome.job, outcome.tasks, outcome.keys);
      else await this.applyFailure(outcome.lane, outcome.job, outcome.error, warnings);
    }
    const gaveUp = this.giveUp(now);
    if (outcomes.length === 0 && !gaveUp) return;
    for (const line of warnings) await this.hooks.onWarning?.(line);
    const after = snapshot(this.state);
    const changes = diff(this.before, after);
    this.before = after;
    if (this.hooks.onTick) this.lastTick = now;
    await this.hooks.onPoll?.(this.state, changes);
    // onFinal once per invocation, in the order given; with endedTasks, after its tasks were handed over.
    for (const entry of this.state.entries) {
      if (entry.kind !== 'final' || (finalBefore.has(entry.id) && !this.heldFinal.has(entry.id))) continue;
      if (
        this.options.endedTasks &&
        this.lanes.some(
          (lane) => lane.region === entry.region && !lane.failed && (lane.ended.size > 0 || lane.job === 'ended'),
        )
      ) {
        this.heldFinal.add(entry.id);
        continue;
      }
      this.heldFinal.delete(entry.id);
      await this.hooks.onFinal?.(entry);
    }
  }

  private applyPoll(
    lane: Lane,
    asked: readonly string[],
    invocations: readonly Invocation[],
    now: number,
    warnings: string[],
  ): void {
    lane.answered += 1;
    lane.answeredAt = now;
    this.state.polls += 1;
    let changed = false;
    const shown = new Set<string>();
    for (const invocation of invocations) {
      const i = this.index.get(invocation.InvocationId);
      if (i === undefined) continue;
      shown.add(invocation.InvocationId);
      const entry = this.state.entries[i]!;
      const next = this.sighting(entry, lane, invocation, now);
      if (next === entry) continue;
      if (
        statusOf(next) !== statusOf(entry) ||
        taskStatusKey(invocation) !== taskStatusKey(entry.kind === 'found' ? entry.invocation : undefined)
      )
        changed = true;
      this.state.entries[i] = next;
      if (!isKnownInvocationStatus(invocation.InvocationStatus) && !this.warned.has(`status ${statusOf(next)}`)) {
        this.warned.add(`status ${statusOf(next)}`);
        warnings.push(
          `warning: ${invocation.InvocationId} is in status ${JSON.stringify(safe(invocation.InvocationStatus))}, which tat does not know; it is waited on as still running`,
        );
      }
      if (this.options.endedTasks && next.kind !== 'unseen') this.queueEnded(lane, next);
    }
    // Asked here, held here, and not shown: the server no longer shows it.
    for (const id of asked) {
      const i = this.index.get(id)!;
      const entry = this.state.entries[i]!;
      if (shown.has(id) || entry.kind !== 'found' || entry.region !== lane.region) continue;
      if (entry.vanishedAt !== undefined) {
        if (now - entry.vanishedAt >= this.grace)
          this.state.entries[i] = {
            kind: 'missing',
            id,
            vanished: { region: entry.region, invocation: entry.invocation },
          };
        continue;
      }
      this.state.entries[i] = { ...entry, vanishedAt: now };
      warnings.push(
        `warning: ${id} is no longer shown by ${lane.region}; it counts as not found unless it is shown again within ${Math.round(this.grace / 1000)}s`,
      );
    }
    lane.delay = nextDelay(lane.delay, this.options.intervalMs, changed);
    lane.nextAt = now + lane.delay;
  }

  /** What an answer showing `invocation` in `lane` makes of `entry`. */
  private sighting(entry: WaitEntry, lane: Lane, invocation: Invocation, now: number): WaitEntry {
    if (entry.kind === 'unseen')
      return this.shown({ kind: 'found', id: entry.id, region: lane.region, invocation, seenAt: now }, now);
    if (entry.kind !== 'found') {
      // Another region's copy of an id already final, missing or unreachable: only named.
      if (entry.kind === 'final' && entry.region !== lane.region && !entry.alsoIn?.includes(lane.region))
        return { ...entry, alsoIn: this.ordered([...(entry.alsoIn ?? []), lane.region]) };
      return entry;
    }
    if (entry.region === lane.region)
      return this.shown({ ...entry, invocation, seenAt: now, vanishedAt: undefined }, now);
    // An id two regions show (TAT's ids are unique, but an emulator serving one --data file in
    // every region repeats them): the first region given keeps it, whichever answered first.
    // Other regions only show it in answers to requests sent before it was found, since they are
    // not asked for it after that; it is moved before it ends, never after.
    const holder = this.lanes.find((other) => other.region === entry.region)!;
    if (lane.order < holder.order)
      return this.shown(
        {
          ...entry,
          region: lane.region,
          invocation,
          seenAt: now,
          alsoIn: this.ordered([...(entry.alsoIn ?? []), holder.region]),
        },
        now,
      );
    if (entry.alsoIn?.includes(lane.region)) return entry;
    return { ...entry, alsoIn: this.ordered([...(entry.alsoIn ?? []), lane.region]) };
  }

  /** A shown entry, final once its status is. */
  private shown(entry: Found, now: number): Found | Final {
    if (!isFinalStatus(entry.invocation.InvocationStatus)) return entry;
    const { id, region, invocation, alsoIn, tasks } = entry;
    return { kind: 'final', id, region, invocation, alsoIn, tasks, finishedAt: now };
  }

  private ordered(regions: readonly string[]): string[] {
    const order = (region: string): number => this.lanes.findIndex((lane) => lane.region === region);
    return [...new Set(regions)].sort((a, b) => order(a) - order(b));
  }

  private queueEnded(lane: Lane, entry: WaitEntry): void {
    const basic =
      entry.kind === 'found' || entry.kind === 'final' ? entry.invocation.InvocationTaskBasicInfoSet : undefined;
    if (!Array.isArray(basic)) return;
    for (const info of basic)
      if (isFinalTaskStatus(info.TaskStatus) && !this.delivered.has(info.InvocationTaskId)) {
        this.delivered.add(info.InvocationTaskId);
        lane.ended.add(info.InvocationTaskId);
      }
  }

  private async applyTasks(
    lane: Lane,
    job: 'display' | 'ended',
    tasks: readonly InvocationTask[],
    keys: ReadonlyMap<string, string>,
  ): Promise<void> {
    if (job === 'display') {
      for (const [id, key] of keys) {
        const i = this.index.get(id)!;
        const entry = this.state.entries[i]!;
        if (entry.kind !== 'found' && entry.kind !== 'final') continue;
        this.state.entries[i] = { ...entry, tasks: { key, list: tasks.filter((task) => task.InvocationId === id) } };
      }
      return;
    }
    for (const task of tasks) {
      const i = this.index.get(task.InvocationId);
      const entry = i === undefined ? undefined : this.state.entries[i];
      if (entry?.kind === 'found' || entry?.kind === 'final') await this.hooks.onTaskEnded?.(entry, task);
    }
    void lane;
  }

  private async applyFailure(lane: Lane, job: Job, error: unknown, warnings: string[]): Promise<void> {
    const { deps } = this.options;
    if (deps.signal.aborted || !isRegionFailure(error)) throw error;
    // Tasks fetched only for display: the basic task info is shown instead, said once.
    if (job === 'display') {
      lane.displayTasks = false;
      if (!this.warned.has('display tasks')) {
        this.warned.add('display tasks');
        warnings.push(displayTasksWarning(error.message));
      }
      return;
    }
    if (this.lanes.length === 1) throw error;
    lane.failed = true;
    this.state.failedRegions.add(lane.region);
    this.state.entries.forEach((entry, i) => {
      if (entry.kind === 'found' && entry.region === lane.region)
        this.state.entries[i] = {
          kind: 'unreachable',
          id: entry.id,
          region: entry.region,
          invocation: entry.invocation,
        };
    });
    await this.hooks.onRegionFailure?.({ region: lane.region, error });
  }

  /**
   * Ids not shown within the grace period are missing once every region still answering has
   * answered after it (or, when --max-wait ends first, answered at all): a just-created
   * invocation may take a moment to be visible. With no region left to ask, ids not yet found
   * are unreachable (they were never looked for).
   */
  private giveUp(now: number): boolean {
    const live = this.lanes.filter((lane) => !lane.failed);
    const graceOver = this.state.startedAt + this.grace;
    const settled = (lanes: readonly Lane[]): boolean =>
      lanes.every((lane) => lane.answeredAt !== undefined && lane.answeredAt >= graceOver) ||
      (now >= this.deadline && lanes.every((lane) => lane.answered > 0));
    const everywhere = settled(live);
    const known = this.lanes.length > 1 ? this.options.regionOf : undefined;
    let changed = false;
    this.state.entries.forEach((entry, i) => {
      if (entry.kind !== 'unseen') return;
      // The regions asking for it: its own when the caller said where it is, else every one.
      const region = known?.(entry.id);
      const askers = region === undefined ? live : live.filter((lane) => lane.region === region);
      const next: WaitEntry | undefined =
        askers.length === 0
          ? { kind: 'unreachable', id: entry.id }
          : (region === undefined ? everywhere : settled(askers))
            ? { kind: 'missing', id: entry.id }
            : undefined;
      if (next) {
        this.state.entries[i] = next;
        changed = true;
      }
    });
    return changed;
  }

  /**
   * Names the exit codes of failed instances, and of those the live view shows: one last look at
   * their tasks (the view's last frame stays on screen), if it can be had.
   */
  private async finish(): Promise<void> {
    const shown = this.options.wantsTasks
      ? staleForDisplay(this.options.wantsTasks(this.state)).filter((entry) => entry.kind === 'final')
      : [];
    const failed = [
      ...new Set([
        ...this.state.entries
          .filter(endedBadly)
          .filter((entry) => entry.tasks?.key !== taskStatusKey(entry.invocation))
          .slice(0, this.options.detailFailures ?? 0),
        ...shown,
      ]),
    ];
    if (failed.length === 0) return;
    const warnings: string[] = [];
    await Promise.all(
      this.lanes
        .filter((lane) => !lane.failed && lane.displayTasks)
        .map(async (lane) => {
          const mine = failed.filter((entry) => entry.region === lane.region);
          if (mine.length === 0) return;
          try {
            const tasks = await fetchTasks(lane.client, mine.flatMap(taskIdsOf), lane.paced);
            await this.applyTasks(
              lane,
              'display',
              tasks,
              new Map(mine.map((entry) => [entry.id, taskStatusKey(entry.invocation)])),
            );
          } catch (error) {
            // Only for the summary's exit codes: without them it still names each instance's status.
            await this.applyFailure(lane, 'display', error, warnings);
          }
        }),
    );
    for (const line of warnings) await this.hooks.onWarning?.(line);
  }
}

function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

/** A promise that rejects when `signal` aborts, and a way to stop listening. */
function abortPromise(signal: AbortSignal): { promise: Promise<never>; dispose(): void } {
  let dispose = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => signal.removeEventListener('abort', onAbort);
  });
  promise.catch(() => undefined);
  return { promise, dispose };
}

export { isPending };
