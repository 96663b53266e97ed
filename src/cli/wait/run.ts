import type { Invocation } from '../../api/types.js';
import type { GlobalFlags } from '../../config/index.js';
import type { Deps } from '../../deps.js';
import { ApiError, TatError, TransportError, UsageError } from '../../errors.js';
import { colorLevel } from '../color.js';
import { createContext, type CommandContext } from '../context.js';
import { finishRegions, planRegions, regionFailed, type RegionFlags, type RegionPlan } from '../regions.js';
import { withRegion, type Regional } from '../../output/regional.js';
import type { Resource } from '../../output/resource.js';
import { parseDuration } from '../../values.js';
import { isCi } from '../ui.js';
import { pollUntilFinal, type WaitResult } from './poller.js';
import { createProgress, type Progress, type ProgressMode } from './progress.js';
import { DEFAULT_INTERVAL_MS, DEFAULT_MAX_WAIT_MS } from './schedule.js';
import { MAX_LISTED, outcomeOf, type WaitOutcome } from './summary.js';
import type { WaitEntry } from './state.js';

/**
 * One wait, as the commands use it (`invocations wait`, `get --wait`, `output --wait`): parse
 * the flags, build the command context with stderr routed through the progress display, poll,
 * and turn the result into notes and an exit code.
 */

export interface WaitFlags {
  maxWait?: string;
  interval?: string;
  exitStatus?: boolean;
}

export interface WaitSettings {
  intervalMs: number;
  /** 0: no limit. */
  maxWaitMs: number;
  exitStatus: boolean;
}

export const MIN_INTERVAL_MS = 100;

export function parseWaitFlags(flags: WaitFlags): WaitSettings {
  const intervalMs = flags.interval === undefined ? DEFAULT_INTERVAL_MS : parseDuration(flags.interval, '--interval');
  if (intervalMs < MIN_INTERVAL_MS) throw new UsageError(`--interval '${flags.interval}' is shorter than ${MIN_INTERVAL_MS}ms`, 'Use --interval 1s or more; the interval grows by itself during long waits.');
  let maxWaitMs = DEFAULT_MAX_WAIT_MS;
  if (flags.maxWait !== undefined) maxWaitMs = /^\s*0+(\.0*)?\s*(ms|s|m|h)?\s*$/.test(flags.maxWait) ? 0 : maxWait(flags.maxWait);
  return { intervalMs, maxWaitMs, exitStatus: flags.exitStatus === true };
}

/** --max-wait: a duration up to 24h, whose hint names 0 (no limit), the way to wait longer. */
function maxWait(value: string): number {
  try {
    return parseDuration(value, '--max-wait');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(error.message, 'Use a duration up to 24h such as 30s, 5m or 2h, or --max-wait 0 to wait with no limit.');
  }
}

export interface WaitSession {
  ctx: CommandContext;
  /** The regions waited in (`plan.multi`: several, so records carry their `Region`). */
  plan: RegionPlan;
  /** How invocations are printed: with several regions, with a REGION column and a `Region` key. */
  regional<T>(resource: Resource<T>): Resource<Regional<T>>;
  /** The entry's invocation as printed: with several regions, a copy with `Region` added last. */
  record(entry: WaitEntry): Regional<Invocation> | undefined;
  /** Polls until every id is final or missing, or --max-wait runs out; `onFinal` sees each as it ends. */
  wait(ids: readonly string[], settings: WaitSettings, onFinal?: (invocation: Regional<Invocation>) => Promise<void>): Promise<WaitResult>;
  /**
   * The exit outcome; its notes are written to stderr here (not under --quiet). With several
   * regions, a failed region is the error (exit 1; a warning with --allow-partial: src/cli/regions.ts).
   */
  conclude(result: WaitResult, settings: WaitSettings, again: string): Promise<WaitOutcome>;
}

/**
 * `regionFlags`: the command takes `--region a,b` and `--all-regions`; without them it waits in
 * the one region of the settings.
 */
export async function openWaitSession(deps: Deps, flags: GlobalFlags, regionFlags?: RegionFlags): Promise<WaitSession> {
  const stderr = deps.io.stderr;
  // --debug writes many lines: the live view would redraw under each; plain change lines read better.
  const mode: ProgressMode = flags.quiet ? 'quiet' : stderr.isTTY && !isCi(deps.env) && !flags.debug ? 'live' : 'lines';
  const progress = createProgress(mode, { stderr, now: deps.now, color: colorLevel(deps.env, stderr.isTTY, flags.color === false) > 0 });
  // Everything else that writes to stderr (retry notices, warnings, --debug) goes through the
  // progress display, so the live view is never torn.
  const ctx = await createContext({ ...deps, io: { ...deps.io, stderr: progress.stderr } }, flags, { manyRegions: regionFlags !== undefined });
  const plan = await planRegions(ctx, regionFlags ?? {});
  // How to name these regions again (to wait again after Ctrl+C or a failure).
  const regionArgs = !plan.multi ? '' : regionFlags?.allRegions ? ' --all-regions' : ` --region ${plan.regions.join(',')}`;
  const record = (entry: WaitEntry): Regional<Invocation> | undefined =>
    entry.invocation && plan.multi ? { ...entry.invocation, Region: entry.region } : entry.invocation;
  return {
    ctx,
    plan,
    regional: (resource) => (plan.multi ? withRegion(resource) : resource),
    record,
    wait: (ids, settings, onFinal) => run(ctx, plan, progress, ids, settings, regionArgs, async (entry) => {
      const invocation = record(entry);
      if (onFinal && invocation) await onFinal(invocation);
    }),
    async conclude(result, settings, command) {
      const outcome = outcomeOf(result, { exitStatus: settings.exitStatus, region: ctx.settings.region ?? '', maxWaitMs: settings.maxWaitMs, again: command });
      if (!flags.quiet && outcome.notes.length) await stderr.write(outcome.notes.map((note) => `${note}\n`).join(''));
      try {
        await finishRegions(ctx, plan, { everyIdFound: result.state.entries.every((entry) => entry.invocation && !entry.missing && !entry.unreachable) });
      } catch (error) {
        if (!(error instanceof TatError)) throw error;
        // A failed region outranks how the wait ended, which is still named.
        if (outcome.error && !flags.quiet) await stderr.write(`also: ${outcome.error.message}\n`);
        return { error, notes: outcome.notes };
      }
      return outcome;
    },
  };
}

async function run(
  ctx: CommandContext,
  plan: RegionPlan,
  progress: Progress,
  ids: readonly string[],
  settings: WaitSettings,
  regionArgs: string,
  onFinal: (entry: WaitEntry) => Promise<void>,
): Promise<WaitResult> {
  const { deps } = ctx;
  const onAbort = (): void => {
    const shown = ids.slice(0, 5).join(' ') + (ids.length > 5 ? ' …' : '');
    progress.interrupt(`Stopped waiting. The invocations keep running on their instances; to wait again: tat invocations wait ${shown}${regionArgs}\n`);
  };
  deps.signal.addEventListener('abort', onAbort, { once: true });
  let result: WaitResult | undefined;
  try {
    result = await pollUntilFinal(
      {
        ids,
        regions: plan.regions.map((region) => ({ region, client: ctx.clientFor(region) })),
        intervalMs: settings.intervalMs,
        maxWaitMs: settings.maxWaitMs,
        deps,
        wantsTasks: progress.wantsTasks,
        tickMs: progress.tickMs,
        detailFailures: MAX_LISTED,
      },
      { ...progress.hooks, onFinal, onRegionFailure: (failure) => regionFailed(ctx, plan, failure) },
    );
    return result;
  } catch (error) {
    // A poll failed for good (after the client's retries): only the waiting stopped.
    if (!(error instanceof ApiError || error instanceof TransportError)) throw error;
    const again = `Waiting stopped, the invocations did not: wait again with \`tat invocations wait ${ids.slice(0, 3).join(' ')}${ids.length > 3 ? ' …' : ''}${regionArgs}\`.`;
    throw error.withContext({ hint: error.hint ? `${error.hint}\n${again}` : again });
  } finally {
    deps.signal.removeEventListener('abort', onAbort);
    if (!deps.signal.aborted && result) await progress.finish(result.state);
    else if (!deps.signal.aborted) progress.interrupt('');
  }
}
