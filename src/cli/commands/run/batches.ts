import { UsageError } from '../../../errors.js';
import { MAX_RUN_INSTANCES } from '../../../api/types.js';

/**
 * Rolling runs: `--batch-size N|N%` starts that many instances at a time, the next batch once the
 * previous one has ended; `--max-failures N|N%` stops starting batches once more instances than
 * that have not succeeded. Each batch goes out in calls of at most 200 instances (RunCommand's
 * limit), one instance kind per call (the API refuses CVM and Lighthouse together).
 */

export interface Count {
  /** `10%` or `10`, as given: for messages. */
  text: string;
  value: number;
}

/** `N` (a whole number ≥ min) or `N%` (1–100) of `total`; a percentage is at least 1 (batches) or rounds down (failures). */
export function parseCount(
  value: string,
  flag: string,
  total: number,
  options: { min: number; round: 'up' | 'down' },
): Count {
  const text = value.trim();
  const percent = /^(\d{1,3})%$/.exec(text);
  if (percent) {
    const p = Number(percent[1]);
    if (p < 1 || p > 100)
      throw new UsageError(`${flag} '${value}' is not a percentage from 1% to 100%`, `e.g. ${flag} 10%.`);
    const exact = (total * p) / 100;
    return { text, value: Math.max(options.min, options.round === 'up' ? Math.ceil(exact) : Math.floor(exact)) };
  }
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < options.min)
    throw new UsageError(
      `${flag} '${value}' is not a whole number${options.min > 0 ? ` of at least ${options.min}` : ''} or a percentage`,
      `e.g. ${flag} ${options.min > 0 ? 10 : 2} or ${flag} 10%.`,
    );
  return { text, value: Number(text) };
}

/** The kind of instance an id names, by its prefix: calls never mix them. */
function kindOf(id: string): string {
  return id.slice(0, id.indexOf('-'));
}

/** One batch's instances as calls: grouped by kind (in order of first appearance), at most 200 each. */
export function callsOf(batch: readonly string[]): string[][] {
  const byKind = new Map<string, string[]>();
  for (const id of batch) {
    const kind = kindOf(id);
    const ids = byKind.get(kind) ?? [];
    ids.push(id);
    byKind.set(kind, ids);
  }
  const calls: string[][] = [];
  for (const ids of byKind.values())
    for (let i = 0; i < ids.length; i += MAX_RUN_INSTANCES) calls.push(ids.slice(i, i + MAX_RUN_INSTANCES));
  return calls;
}

/** The targets in batches of `size` (all in one without a size). */
export function batchesOf(targets: readonly string[], size: number | undefined): string[][] {
  const step = size === undefined || size <= 0 ? targets.length : size;
  const batches: string[][] = [];
  for (let i = 0; i < targets.length; i += step) batches.push(targets.slice(i, i + step));
  return batches;
}
