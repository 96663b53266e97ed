import type { TatClient } from '../../api/client.js';
import { chunks } from '../../api/invocations.js';
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
 * however many ids there are. Time and sleep come from Deps, so tests need no real waiting.
 */

export interface PollerOptions {
  ids: readonly string[];
  /** The region the client is bound to (named in messages; several regions poll separately). */
  region: string;
  client: TatClient;
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
}

export interface WaitResult {
  state: WaitState;
  /** --max-wait ran out while some were still pending. */
  timedOut: boolean;
}

export async function pollUntilFinal(options: PollerOptions, hooks: PollerHooks = {}): Promise<WaitResult> {
  const { deps } = options;
  const state = newState(options.ids, deps.now());
  const grace = options.graceMs ?? GRACE_MS;
  const deadline = options.maxWaitMs > 0 ? state.startedAt + options.maxWaitMs : Infinity;
  // One request per 1/20 s at most: even the first round of thousands of ids never bursts.
  const pacer = new RateLimiter(options.maxRequestsPerSecond ?? MAX_REQUESTS_PER_SECOND, deps.now, deps.sleep, 1);
  const paced = async <T>(request: () => Promise<T>): Promise<T> => {
    checkAborted(deps.signal);
    await pacer.acquire(deps.signal);
    state.requests += 1;
    const answer = await request();
    checkAborted(deps.signal);
    return answer;
  };

  let delay = options.intervalMs;
  let before = snapshot(state);
  for (;;) {
    await pollRound(state, options.client, paced);
    const now = deps.now();
    for (const entry of state.entries) {
      // A just-created invocation may not be visible at once: only give up after the grace period
      // (or when --max-wait ends first).
      if (!entry.invocation && !entry.missing && (now - state.startedAt >= grace || now >= deadline)) entry.missing = true;
    }
    if (options.wantsTasks) await fetchTasks(options.client, options.wantsTasks(state), paced);
    const after = snapshot(state);
    const changes = diff(before, after);
    before = after;
    state.polls += 1;
    const finished = state.entries.filter((entry) => entry.invocation && !entry.final && isFinalStatus(entry.invocation.InvocationStatus));
    for (const entry of finished) {
      entry.final = true;
      entry.finishedAt = now;
    }
    await hooks.onPoll?.(state, changes);
    for (const entry of finished) await hooks.onFinal?.(entry);
    const over = !state.entries.some(isPending) ? 'done' : deps.now() >= deadline ? 'timed out' : undefined;
    if (over) {
      // Name the exit codes of failed instances: one last look at the failed ones' tasks.
      const failed = state.entries.filter((entry) => entry.final && normalStatus(entry.invocation?.InvocationStatus) !== 'SUCCESS');
      await fetchTasks(options.client, failed.slice(0, options.detailFailures ?? 0), paced);
      return { state, timedOut: over === 'timed out' };
    }
    delay = nextDelay(delay, options.intervalMs, changes.length > 0);
    await pause(Math.min(delay, deadline - deps.now()), state, options, hooks);
  }
}

async function pollRound(state: WaitState, client: TatClient, paced: <T>(request: () => Promise<T>) => Promise<T>): Promise<void> {
  const pending = state.entries.filter(isPending);
  const byId = new Map(pending.map((entry) => [entry.id, entry]));
  for (const chunk of chunks([...byId.keys()], MAX_IDS_PER_REQUEST)) {
    const answer = await paced(() => describeInvocations(client, { InvocationIds: chunk, Limit: MAX_LIMIT }));
    for (const invocation of answer.InvocationSet) {
      // Only ids we asked for, and only in this chunk: a confused server cannot add or swap records.
      const entry = chunk.includes(invocation.InvocationId) ? byId.get(invocation.InvocationId) : undefined;
      if (entry) entry.invocation = invocation;
    }
  }
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

