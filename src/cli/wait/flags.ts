import { UsageError } from '../../errors.js';
import { parseDuration } from '../../values.js';
import { DEFAULT_INTERVAL_MS, DEFAULT_MAX_WAIT_MS } from './schedule.js';

/**
 * The flags of waiting (`invocations wait`, and `--wait` on get and output): parsed once here,
 * and the one check that `--max-wait` and `--interval` are not given without `--wait`.
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
  if (intervalMs < MIN_INTERVAL_MS)
    throw new UsageError(
      `--interval '${flags.interval}' is shorter than ${MIN_INTERVAL_MS}ms`,
      'Use --interval 1s or more; the interval grows by itself during long waits.',
    );
  let maxWaitMs = DEFAULT_MAX_WAIT_MS;
  if (flags.maxWait !== undefined)
    maxWaitMs = /^\s*0+(\.0*)?\s*(ms|s|m|h)?\s*$/.test(flags.maxWait) ? 0 : maxWait(flags.maxWait);
  return { intervalMs, maxWaitMs, exitStatus: flags.exitStatus === true };
}

/** --max-wait: a duration up to 24h, whose hint names 0 (no limit), the way to wait longer. */
function maxWait(value: string): number {
  try {
    return parseDuration(value, '--max-wait');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(
      error.message,
      'Use a duration up to 24h such as 30s, 5m or 2h, or --max-wait 0 to wait with no limit.',
    );
  }
}

/** The flags only `--wait` gives a meaning to. */
export interface OptionalWaitFlags {
  wait?: boolean;
  maxWait?: string;
  interval?: string;
}

/**
 * `--wait`'s settings, or undefined without it; `--max-wait` or `--interval` without `--wait`
 * is refused (exit 2) rather than silently ignored.
 */
export function optionalWait(
  flags: OptionalWaitFlags & { exitStatus?: boolean },
  command: string,
): WaitSettings | undefined {
  if (!flags.wait) {
    const given = flags.maxWait !== undefined ? '--max-wait' : flags.interval !== undefined ? '--interval' : undefined;
    if (given)
      throw new UsageError(
        `${given} only applies with --wait`,
        `Add --wait, or use \`tat invocations wait\` before \`${command}\`.`,
      );
    return undefined;
  }
  // --exit-status of `output` is about tasks, not the wait: the wait itself never exits 5 there.
  return parseWaitFlags({ maxWait: flags.maxWait, interval: flags.interval });
}
