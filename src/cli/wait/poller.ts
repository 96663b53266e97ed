import type { TatClient } from '../../api/client.js';
import { chunks } from '../../api/invocations.js';
import { isRegionFailure, type RegionFailure } from '../../api/merge.js';
import { RateLimiter } from '../../api/rate-limit.js';
import { describeInvocations } from '../../api/tat.js';
import { MAX_IDS_PER_REQUEST, MAX_LIMIT } from '../../api/types.js';
import type { Deps } from '../../deps.js';
import { diff, snapshot, type Change } from './changes.js';
import { GRACE_MS, MAX_REQUESTS_PER_SECOND, nextDelay } from './schedule.js';
import { isFinalStatus, isPending, newState, normalStatus, type WaitEntry, type WaitState } from './state.js';
import { fetchTasks } from './tasks.js';

/**
 * The wait engine: polls DescribeInvocations by id (100 ids a request) through the shared
 * client (its rate limit, retries and clock-skew correction apply) until every invocation is
 * final, missing, or --max-wait runs out. Its own requests are paced to at most 20 a second
 * however many ids there are, in each region (TAT counts requests per region); several regions
 * are asked concurrently within each round. Time and sleep come from Deps, so tests need no
 * real waiting.
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
  deps: Pick<Deps, 'now' | 'sleep' | 'signal'>;
  /** The invocations whose tasks should be fetched (the live view's visible ones); none if absent. */
  wantsTasks?(state: WaitState): readonly WaitEntry[];
  /** At the end, fetch the tasks of up to this many failed invocations (for the summary). */
  detailFailures?: number;
  /** While sleeping, wake this often to call `onTick` (the live view's clock); no ticks if absent. */
  tickMs?: number;
}

export interface PollerHooks {
  /** After every poll round, with what changed since the round before. */
  onPoll?(state: WaitState, changes: readonly Change[]): void | Promise<void>;
  /** Once for each invocation, as soon as it is seen final. */
  onFinal?(entry: WaitEntry): void | Promise<void>;
  onTick?(state: WaitState): void | Promise<void>;
  /** Several regions: one failed for good (after the client's retries); the wait goes on without it. */
  onRegionFailure?(failure: RegionFailure): void | Promise<void>;
}

export interface WaitResult {
  state: WaitState;
  /** --max-wait ran out while some were still pending. */
  timedOut: boolean;
}

/** One region's poller: its client and its own pace of at most 20 requests a second. */
interface Lane extends RegionClient {
  paced: Paced;
}

type Paced = <T>(request: () => Promise<T>) => Promise<T>;

export async function pollUntilFinal(options: PollerOptions, hooks: PollerHooks = {}): Promise<WaitResult> {
  const { deps } = options;
  const state = newState(options.ids, deps.now(), options.regions.map((r) => r.region));
  const grace = options.graceMs ?? GRACE_MS;
  const deadline = options.maxWaitMs > 0 ? state.startedAt + options.maxWaitMs : Infinity;
  const lanes: Lane[] = options.regions.map((region) => {
    // One request per 1/20 s at most, per region: even the first round of thousands of ids never bursts.
    const pacer = new RateLimiter(options.maxRequestsPerSecond ?? MAX_REQUESTS_PER_SECOND, deps.now, deps.sleep, 1);
    const paced: Paced = async (request) => {
      checkAborted(deps.signal);
      await pacer.acquire(deps.signal);
      state.requests += 1;
      const answer = await request();
      checkAborted(deps.signal);
      return answer;
    };
    return { ...region, paced };
  });
  const inEachRegion = (work: (lane: Lane) => Promise<void>): Promise<void> => eachRegion(state, lanes, deps.signal, work, hooks);

  let delay = options.intervalMs;
  let before = snapshot(state);
  for (;;) {
    await inEachRegion((lane) => pollRound(state, lane, lanes));
    const now = deps.now();
    const searchable = lanes.some((lane) => !state.failedRegions.has(lane.region));
    for (const entry of state.entries) {
      if (entry.invocation || !isPending(entry)) continue;
      // A just-created invocation may not be visible at once: only give up after the grace period
      // (or when --max-wait ends first). With no region left to ask, it was not looked for.
      if (!searchable) entry.unreachable = true;
      else if (now - state.startedAt >= grace || now >= deadline) entry.missing = true;
    }
    if (options.wantsTasks) {
      const wanted = options.wantsTasks(state);
      await inEachRegion((lane) => fetchTasks(lane.client, wanted.filter((entry) => entry.region === lane.region), lane.paced));
    }
    const after = snapshot(state);
    const changes = diff(before, after);
    before = after;
    state.polls += 1;
    const finished = state.entries.filter((entry) => entry.invocation && !entry.final && !entry.unreachable && isFinalStatus(entry.invocation.InvocationStatus));
    for (const entry of finished) {
      entry.final = true;
      entry.finishedAt = now;
    }
    await hooks.onPoll?.(state, changes);
    for (const entry of finished) await hooks.onFinal?.(entry);
    const over = !state.entries.some(isPending) ? 'done' : deps.now() >= deadline ? 'timed out' : undefined;
    if (over) {
      // Name the exit codes of failed instances: one last look at the failed ones' tasks.
      const failed = state.entries.filter((entry) => entry.final && normalStatus(entry.invocation?.InvocationStatus) !== 'SUCCESS').slice(0, options.detailFailures ?? 0);
      await inEachRegion((lane) => fetchTasks(lane.client, failed.filter((entry) => entry.region === lane.region), lane.paced));
      return { state, timedOut: over === 'timed out' };
    }
    delay = nextDelay(delay, options.intervalMs, changes.length > 0);
    await pause(Math.min(delay, deadline - deps.now()), state, options, hooks);
  }
}

/**
 * Runs `work` for every region still answering, concurrently. With one region its errors end
 * the wait as they are. With several, a region that fails for good (an API or network error
 * after the client's retries) is dropped: named through `onRegionFailure`, its ids unreachable.
 */
async function eachRegion(state: WaitState, lanes: readonly Lane[], signal: AbortSignal, work: (lane: Lane) => Promise<void>, hooks: PollerHooks): Promise<void> {
  if (lanes.length === 1) return work(lanes[0]!);
  await Promise.all(
    lanes
      .filter((lane) => !state.failedRegions.has(lane.region))
      .map(async (lane) => {
        try {
          await work(lane);
        } catch (error) {
          if (signal.aborted || !isRegionFailure(error)) throw error;
          state.failedRegions.add(lane.region);
          for (const entry of state.entries) if (entry.region === lane.region && isPending(entry)) entry.unreachable = true;
          await hooks.onRegionFailure?.({ region: lane.region, error });
        }
      }),
  );
}

/** Asks one region for its pending ids, and (several regions) for the ids no region has shown yet. */
async function pollRound(state: WaitState, lane: Lane, lanes: readonly Lane[]): Promise<void> {
  const several = lanes.length > 1;
  const pending = state.entries.filter((entry) => isPending(entry) && (!several || entry.region === undefined || entry.region === lane.region));
  const byId = new Map(pending.map((entry) => [entry.id, entry]));
  for (const chunk of chunks([...byId.keys()], MAX_IDS_PER_REQUEST)) {
    const answer = await lane.paced(() => describeInvocations(lane.client, { InvocationIds: chunk, Limit: MAX_LIMIT }));
    for (const invocation of answer.InvocationSet) {
      // Only ids we asked for, and only in this chunk: a confused server cannot add or swap records.
      const entry = chunk.includes(invocation.InvocationId) ? byId.get(invocation.InvocationId) : undefined;
      if (!entry) continue;
      if (entry.region !== undefined && entry.region !== lane.region && !claims(entry, lane, lanes, state.polls)) continue;
      if (entry.region === undefined) entry.foundInRound = state.polls;
      entry.invocation = invocation;
      entry.region = lane.region;
    }
  }
}

/**
 * An id shown by two regions (TAT's ids are unique, but an emulator serving one --data file in
 * every region repeats them): the first region given keeps it, whichever answered first, and the
 * other is remembered to be named. Only in the round that found it: after that, it is asked for
 * in its own region only. True when `lane` takes it over.
 */
function claims(entry: WaitEntry, lane: Lane, lanes: readonly Lane[], round: number): boolean {
  const order = (region: string | undefined): number => lanes.findIndex((other) => other.region === region);
  const takes = entry.foundInRound === round && order(lane.region) < order(entry.region);
  const other = takes ? entry.region! : lane.region;
  entry.alsoIn = [...(entry.alsoIn ?? []), other].sort((a, b) => order(a) - order(b));
  return takes;
}

/** Sleeps until the next round, waking every `tickMs` for the live view's clock. */
async function pause(ms: number, state: WaitState, options: PollerOptions, hooks: PollerHooks): Promise<void> {
  const { deps } = options;
  const until = deps.now() + Math.max(0, ms);
  state.nextPollAt = until;
  for (let left = until - deps.now(); left > 0; left = until - deps.now()) {
    const step = options.tickMs && hooks.onTick ? Math.min(left, options.tickMs) : left;
    await deps.sleep(step, deps.signal);
    checkAborted(deps.signal);
    if (deps.now() < until) await hooks.onTick?.(state);
  }
  state.nextPollAt = undefined;
}

function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

