import { ExitCode, TatError, UsageError } from '../errors.js';
import type { TatClient } from '../api/client.js';
import { mergeNewestFirst, type RegionFailure } from '../api/merge.js';
import { availableRegions } from '../api/regions.js';
import { requireRegion } from '../config/index.js';
import type { CommandContext } from './context.js';
import { visible } from '../output/escape.js';

/**
 * Several regions in one command: which regions (`--region a,b`, `--all-regions` from
 * DescribeRegions), their streams merged newest first, each record tagged with its `Region`, and
 * how failed regions end the command (named on stderr; exit 1, or 0 with `--allow-partial`).
 */

export interface RegionFlags {
  allRegions?: boolean;
  allowPartial?: boolean;
}

export interface RegionPlan {
  regions: string[];
  /** More than one region is listed: records get a `Region` key and tables a REGION column. */
  multi: boolean;
  allowPartial: boolean;
  failures: RegionFailure[];
}

/** The region DescribeRegions is asked in when none is configured (any TAT region answers it). */
const DESCRIBE_REGIONS_IN = 'ap-guangzhou';

/** Whether the command will list several regions, known before any request (printers need it first). */
export function listsSeveralRegions(ctx: CommandContext, flags: RegionFlags): boolean {
  return Boolean(flags.allRegions) || ctx.regions.length > 1;
}

export async function planRegions(ctx: CommandContext, flags: RegionFlags): Promise<RegionPlan> {
  const allowPartial = Boolean(flags.allowPartial);
  if (flags.allRegions) {
    if (ctx.flags.region !== undefined)
      throw new UsageError(
        '--all-regions and --region cannot be used together',
        'Drop --region to query every region, or list them: --region ap-guangzhou,ap-shanghai.',
      );
    const asker = ctx.clientFor(ctx.settings.region ?? DESCRIBE_REGIONS_IN);
    const regions = await ctx.terminal.spin('Listing regions', () => availableRegions(asker));
    if (regions.length === 0)
      throw new TatError(
        'DescribeRegions lists no available region',
        ExitCode.Failure,
        'Name the regions with --region instead.',
      );
    ctx.debug(`--all-regions: ${regions.join(', ')}`);
    return { regions, multi: true, allowPartial, failures: [] };
  }
  if (ctx.regions.length === 0) requireRegion(ctx.settings);
  return { regions: ctx.regions, multi: ctx.regions.length > 1, allowPartial, failures: [] };
}

/**
 * One stream of record batches over the plan's regions. With one region it is that region's
 * stream, untouched (errors end the command as usual). With several, the regions run
 * concurrently, merged by `compare`, each record copied with a `Region` key added last; a region
 * that fails is named on stderr at once and recorded in `plan.failures`.
 */
export async function* fanOut<T extends object>(
  ctx: CommandContext,
  plan: RegionPlan,
  streamOf: (client: TatClient, region: string) => AsyncIterator<readonly T[]>,
  compare: (a: T, b: T) => number,
): AsyncGenerator<T[]> {
  if (!plan.multi) {
    const region = plan.regions[0]!;
    const pages = streamOf(ctx.clientFor(region), region);
    for (let step = await pages.next(); !step.done; step = await pages.next()) yield [...step.value];
    return;
  }
  const sources = plan.regions.map((region) => ({ region, pages: streamOf(ctx.clientFor(region), region) }));
  const merged = mergeNewestFirst(sources, compare, (failure) => regionFailed(ctx, plan, failure));
  for await (const batch of merged) yield batch.map(({ region, item }) => ({ ...item, Region: region }));
}

/** Where a plan looked ids up, for "not found" messages (src/cli/flows/not-found.ts). */
export function searchedIn(plan: RegionPlan): { region: string } | { regions: number; failed: number } {
  return plan.multi
    ? { regions: plan.regions.length, failed: plan.failures.length }
    : { region: plan.regions[0] ?? '' };
}

/**
 * An id two regions show: TAT's ids are unique, but an emulator serving one --data file in every
 * region repeats them. The first region given keeps it (whichever answered first), and this
 * warning names the others, so the same command never follows a different copy silently.
 */
export function sameIdWarning(id: string, others: readonly string[], kept: string): string {
  return `warning: ${visible(id)} is also in ${others.map((region) => visible(region)).join(', ')}; using the one in ${visible(kept)}, the first region given`;
}

/** A region failed for good: remembered for `finishRegions` and named on stderr at once. */
export async function regionFailed(ctx: CommandContext, plan: RegionPlan, failure: RegionFailure): Promise<void> {
  plan.failures.push(failure);
  // The message quotes the server: the terminal makes it visible, so it cannot drive it.
  await ctx.terminal.write(`error: region ${failure.region}: ${failure.error.message}\n`);
}

/**
 * After the output is complete: throws when regions failed (unless --allow-partial).
 * `everyIdFound`: commands that look ids up (get, wait, output) found each one in a region that
 * kept answering; TAT's ids are unique, so the failed regions cost nothing and are only a warning
 * (a deploy script's `wait --all-regions` must not fail because an unrelated region is down).
 */
export async function finishRegions(
  ctx: CommandContext,
  plan: RegionPlan,
  options: { everyIdFound?: boolean } = {},
): Promise<void> {
  const failed = plan.failures;
  if (failed.length === 0) return;
  const names = failed.map((failure) => failure.region).join(', ');
  if (options.everyIdFound && failed.length < plan.regions.length) {
    await ctx.terminal.write(
      `warning: ${failed.length} of ${plan.regions.length} regions failed (${names}); every id was found in the others\n`,
    );
    return;
  }
  if (failed.length === plan.regions.length) {
    // Nothing answered: the failure's own exit code (4 for credentials) when they all agree.
    const code = failed.every((f) => f.error.exitCode === failed[0]!.error.exitCode)
      ? failed[0]!.error.exitCode
      : ExitCode.Failure;
    throw new TatError(`every region failed (${names})`, code, failed[0]!.error.hint);
  }
  const summary = `${failed.length} of ${plan.regions.length} regions failed (${names}); the other regions' results were printed`;
  if (plan.allowPartial) {
    await ctx.terminal.write(`warning: ${summary}\n`);
    return;
  }
  throw new TatError(
    summary,
    ExitCode.Failure,
    `Retry them with --region ${failed.map((f) => f.region).join(',')}, or pass --allow-partial to exit 0 when some regions fail.`,
  );
}

/** Skips `offset` rows, then passes at most `limit` (undefined: all) and stops the source. */
export async function* window<T>(
  batches: AsyncIterable<T[]>,
  offset: number,
  limit: number | undefined,
): AsyncGenerator<T[]> {
  let skip = offset;
  let left = limit ?? Infinity;
  if (left <= 0) return;
  for await (const batch of batches) {
    const dropped = Math.min(skip, batch.length);
    skip -= dropped;
    const rows = batch.slice(dropped, dropped + left);
    left -= rows.length;
    if (rows.length) yield rows;
    if (left <= 0) return;
  }
}
