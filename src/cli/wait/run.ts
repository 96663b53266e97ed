import type { Invocation, InvocationTask } from '../../api/types.js';
import type { GlobalFlags } from '../flags.js';
import type { Deps } from '../../deps.js';
import { ApiError, TatError, TransportError } from '../../errors.js';
import { createContext, type CommandContext } from '../context.js';
import { finishRegions, planRegions, regionFailed, type RegionFlags, type RegionPlan } from '../regions.js';
import { withRegion, type Regional } from '../../output/regional.js';
import type { Resource } from '../../output/resource.js';
import { againCommand, againHint, type Again } from './again.js';
import { Deadline } from './deadline.js';
import type { WaitSettings } from './flags.js';
import { pollUntilFinal, type WaitResult } from './poller.js';
import { createProgress, type Progress } from './progress.js';
import { MAX_LISTED, outcomeOf, type WaitOutcome } from './summary.js';
import { isPending, type Final, type Found, type WaitEntry } from './state.js';

export { parseWaitFlags, optionalWait, type WaitFlags, type WaitSettings } from './flags.js';
export type { Again } from './again.js';

/**
 * One wait, as commands compose it (`invocations wait`, `get --wait`, `output --wait`, and
 * `tat run`, which waits on the invocations it just started): a command context whose stderr
 * goes through the progress display, the regions to wait in, the polling, and how the wait ends
 * (notes and an exit code). Use it through `withWaitSession`, which also ends whatever is still
 * in flight when the command is done.
 *
 * --max-wait bounds the whole command: the wait stops at the deadline (requests in flight are
 * abandoned, then cut), and what the command does after it (printing, fetching the output so far)
 * has DEADLINE_GRACE_MS more before every request is cut.
 */

export interface WaitHooks {
  /** Each invocation as soon as it is seen final (with several regions, with its `Region`). */
  onFinal?(invocation: Regional<Invocation>, entry: Final): void | Promise<void>;
  /**
   * Each task as soon as it is seen in a final status, fetched by id (with its output when
   * `taskOutput`); its invocation's `onFinal` comes after all of its tasks.
   */
  onTaskEnded?(task: Regional<InvocationTask>, entry: Found | Final): void | Promise<void>;
  taskOutput?: boolean;
  /** Where each id is, when the caller knows (it just created them there): asked for in that region only. */
  regionOf?(id: string): string | undefined;
}

export interface WaitSession {
  ctx: CommandContext;
  /** The regions waited in (`plan.multi`: several, so records carry their `Region`). */
  plan: RegionPlan;
  /** How invocations are printed: with several regions, with a REGION column and a `Region` key. */
  regional<T>(resource: Resource<T>): Resource<Regional<T>>;
  /** The entry's invocation as printed: with several regions, a copy with `Region` added last. */
  record(entry: WaitEntry): Regional<Invocation> | undefined;
  /** Polls until every id is final or missing, or --max-wait runs out. */
  wait(ids: readonly string[], settings: WaitSettings, hooks?: WaitHooks): Promise<WaitResult>;
  /**
   * The exit outcome; its notes are written to stderr here (not under --quiet). With several
   * regions, a failed region is the error (exit 1; a warning with --allow-partial: src/cli/regions.ts).
   */
  conclude(result: WaitResult, settings: WaitSettings): Promise<WaitOutcome>;
  /** Whether --max-wait has run out (then follow-up requests are cut soon: see `Deadline`). */
  readonly deadlinePassed: boolean;
  /** The live view is drawn: its last frame stays on screen when the wait ends. */
  readonly live: boolean;
}

export interface SessionOptions {
  /** The command takes `--region a,b` and `--all-regions`; without them it waits in the settings' one region. */
  regionFlags?: RegionFlags;
  /** The command that waits again (hints after --max-wait and Ctrl+C). */
  again: Again;
}

/** Opens a session, runs `body` with it, and then ends every request still in flight. */
export async function withWaitSession<T>(
  deps: Deps,
  flags: GlobalFlags,
  options: SessionOptions,
  body: (session: WaitSession) => Promise<T>,
): Promise<T> {
  const deadline = new Deadline(deps.signal);
  try {
    const session = await openWaitSession({ ...deps, signal: deadline.signal }, flags, options, deadline);
    return await body(session);
  } catch (error) {
    // A request cut by the deadline rejects with its reason: the wait's own outcome (exit 6) says it.
    throw deadline.explain(error);
  } finally {
    deadline.close();
  }
}

async function openWaitSession(
  deps: Deps,
  flags: GlobalFlags,
  options: SessionOptions,
  deadline: Deadline,
): Promise<WaitSession> {
  const ctx = await createContext(deps, flags, { manyRegions: options.regionFlags !== undefined });
  const plan = await planRegions(ctx, options.regionFlags ?? {});
  // The live view where the terminal may draw one, else change lines; whatever else is written
  // meanwhile (retry notices, warnings, records on a terminal stdout) lands above it.
  const progress = createProgress(ctx.terminal, { now: deps.now, quiet: Boolean(flags.quiet) });
  const again = { ...options.again, allRegions: Boolean(options.regionFlags?.allRegions) };
  const record = (entry: WaitEntry): Regional<Invocation> | undefined => {
    if (entry.kind !== 'found' && entry.kind !== 'final' && entry.kind !== 'unreachable') return undefined;
    return plan.multi && entry.invocation ? { ...entry.invocation, Region: entry.region } : entry.invocation;
  };
  return {
    ctx,
    plan,
    regional: (resource) => (plan.multi ? withRegion(resource) : resource),
    record,
    live: progress.live,
    get deadlinePassed() {
      return deadline.passed;
    },
    async wait(ids, settings, hooks = {}) {
      deadline.start(settings.maxWaitMs, deps.now);
      return run(ctx, plan, progress, { ids, settings, again, hooks, record, interrupt: deadline.interrupted });
    },
    async conclude(result, settings) {
      const outcome = outcomeOf(result, {
        exitStatus: settings.exitStatus,
        region: ctx.settings.region ?? '',
        maxWaitMs: settings.maxWaitMs,
        again: againCommand(again, plan, result.state.entries.filter(isPending), settings),
      });
      if (!flags.quiet && outcome.notes.length)
        await ctx.terminal.write(outcome.notes.map((note) => `${note}\n`).join(''));
      try {
        await finishRegions(ctx, plan, {
          everyIdFound: result.state.entries.every((entry) => entry.kind === 'found' || entry.kind === 'final'),
        });
      } catch (error) {
        if (!(error instanceof TatError)) throw error;
        // A failed region outranks how the wait ended, which is still named.
        if (outcome.error && !flags.quiet) await ctx.terminal.write(`also: ${outcome.error.message}\n`);
        return { error, notes: outcome.notes };
      }
      return outcome;
    },
  };
}

interface RunOptions {
  ids: readonly string[];
  settings: WaitSettings;
  again: Again;
  hooks: WaitHooks;
  record(entry: WaitEntry): Regional<Invocation> | undefined;
  /** Ctrl+C itself (the context's signal also aborts at the deadline). */
  interrupt: AbortSignal;
}

async function run(
  ctx: CommandContext,
  plan: RegionPlan,
  progress: Progress,
  options: RunOptions,
): Promise<WaitResult> {
  const { deps } = ctx;
  const { ids, settings, again, hooks, record, interrupt } = options;
  // What Ctrl+C says: the ids still pending at that moment.
  let pending: readonly WaitEntry[] = ids.map((id) => ({ kind: 'unseen', id }));
  const onAbort = (): void => {
    const text = againCommand(again, plan, pending, settings, { maxWait: false });
    progress.stop();
    ctx.terminal.interrupted(
      `Stopped waiting (${String(interrupt.reason)}). The invocations keep running on their instances; to wait again: ${text.line}${text.listing ? `\nwith ${text.listing}` : ''}\n`,
    );
  };
  interrupt.addEventListener('abort', onAbort, { once: true });
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
        endedTasks: hooks.onTaskEnded ? { output: hooks.taskOutput === true } : undefined,
        regionOf: hooks.regionOf,
      },
      {
        ...progress.hooks,
        async onPoll(state, changes) {
          pending = state.entries.filter(isPending);
          await progress.hooks.onPoll?.(state, changes);
        },
        async onFinal(entry) {
          const invocation = record(entry);
          if (hooks.onFinal && invocation) await hooks.onFinal(invocation, entry);
        },
        async onTaskEnded(entry, task) {
          await hooks.onTaskEnded?.(plan.multi ? { ...task, Region: entry.region } : task, entry);
        },
        onWarning: (line) => ctx.terminal.write(`${line}\n`),
        onRegionFailure: (failure) => regionFailed(ctx, plan, failure),
      },
    );
    return result;
  } catch (error) {
    // A poll failed for good (after the client's retries): only the waiting stopped.
    if (!(error instanceof ApiError || error instanceof TransportError)) throw error;
    const hint = `Waiting stopped, the invocations did not: ${againHint(againCommand(again, plan, pending, settings, { maxWait: false }), 'wait again with', '.')}`;
    throw error.withContext({ hint: error.hint ? `${error.hint}\n${hint}` : hint });
  } finally {
    interrupt.removeEventListener('abort', onAbort);
    if (!interrupt.aborted && result) await progress.finish(result.state);
    else if (!interrupt.aborted) progress.stop();
  }
}
