import type { WaitSettings } from './flags.js';
import type { RegionPlan } from '../regions.js';
import { regionOf, type WaitEntry } from './state.js';

/**
 * "Wait again" hints (after --max-wait, Ctrl+C, or a poll that failed): a whole command that
 * runs as printed, for the invocations still running only, with the flags that decide how it
 * ends (--exit-status, the regions). Past MAX_INLINE_IDS ids it would not fit on a line: the
 * command then reads the ids from a file (`--ids-from`), and the ids follow, one a line.
 */

export interface Again {
  /** The command, e.g. `tat invocations wait` or `tat invocations output inv-x --wait`. */
  command: string;
  /** The flags to repeat after the ids, e.g. `--exit-status`. */
  flags?: readonly string[];
  /** Whether the ids go after the command (false for a command naming its id itself). */
  withIds?: boolean;
  /** The command was given --all-regions. */
  allRegions?: boolean;
}

export const MAX_INLINE_IDS = 10;
/** --max-wait the hint after a timeout suggests: three times the one that ran out, at least 30m, at most 24h. */
const LONGER_MS = 30 * 60_000;
const LONGEST_MS = 24 * 3_600_000;

/** A duration as --max-wait takes it: whole minutes, or hours when they are whole. */
function durationArg(ms: number): string {
  const minutes = Math.ceil(Math.min(ms, LONGEST_MS) / 60_000);
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

export interface AgainText {
  /** The command, to show in backticks. */
  line: string;
  /** With many ids: the ids the command's --ids-from file holds, one a line (indented). */
  listing?: string;
}

export function againCommand(
  again: Again,
  plan: RegionPlan,
  pending: readonly WaitEntry[],
  settings: WaitSettings,
  options: { maxWait?: boolean } = {},
): AgainText {
  const ids = pending.map((entry) => entry.id);
  const flags = [...(again.flags ?? [])];
  if (settings.exitStatus && !flags.includes('--exit-status')) flags.push('--exit-status');
  const regions = regionArgs(again, plan, pending);
  if (regions) flags.push(regions);
  if (options.maxWait !== false && settings.maxWaitMs > 0)
    flags.push(`--max-wait ${durationArg(Math.max(LONGER_MS, settings.maxWaitMs * 3))}`);
  if (again.withIds === false) return { line: [again.command, ...flags].join(' ') };
  if (ids.length <= MAX_INLINE_IDS) return { line: [again.command, ...ids, ...flags].join(' ') };
  return {
    line: ['tat invocations wait --ids-from FILE', ...flags].join(' '),
    listing: `FILE holding the ${ids.length} ids still running, one a line:\n${ids.map((id) => `  ${id}`).join('\n')}`,
  };
}

/** The whole hint: `lead`, the command in backticks, `tail`, then on the next lines the listing if any. */
export function againHint(text: AgainText, lead: string, tail = ''): string {
  return `${lead} \`${text.line}\`${tail}${text.listing ? `\nwith ${text.listing}` : ''}`;
}

/**
 * The regions to wait in again: those holding the pending ids, or, while some have not been
 * seen, every region asked (as given: --all-regions, or the list).
 */
function regionArgs(again: Again, plan: RegionPlan, pending: readonly WaitEntry[]): string {
  if (!plan.multi) return '';
  const held = pending.map(regionOf);
  if (held.length > 0 && held.every((region) => region !== undefined))
    return `--region ${[...new Set(held)].join(',')}`;
  return again.allRegions ? '--all-regions' : `--region ${plan.regions.join(',')}`;
}
