import { MaxWaitExceededError, WaitFailedError, type TatError } from '../../errors.js';
import { noLongerShown, notFound } from '../flows/not-found.js';
import { againHint, type AgainText } from './again.js';
import { sameIdWarning } from '../regions.js';
import { statusCategory } from '../../output/status.js';
import { formatElapsed } from '../../output/time.js';
import { plural, safe } from './format.js';
import type { WaitResult } from './poller.js';
import {
  endedBadly,
  instancesOf,
  invocationOf,
  isPending,
  regionOf,
  showsRegions,
  statusOf,
  type WaitEntry,
} from './state.js';

/**
 * How a wait ended, as an exit code and words. Priority when several apply: ids not found (3),
 * then --max-wait ran out (6), then, with --exit-status, invocations that did not succeed (5).
 * The lesser ones are still named, in `notes`.
 */

export interface WaitOutcome {
  /** Thrown by the command after the output is written; undefined means exit 0. */
  error?: TatError;
  /** Lines for stderr before the error (or as the summary when there is none). */
  notes: string[];
}

export interface OutcomeOptions {
  exitStatus: boolean;
  region: string;
  maxWaitMs: number;
  /** The command to suggest for waiting longer (src/cli/wait/again.ts). */
  again: AgainText;
}

/** At most this many ids are listed in one message; the rest are counted. */
export const MAX_LISTED = 20;

export function outcomeOf(result: WaitResult, options: OutcomeOptions): WaitOutcome {
  const state = result.state;
  const entries = state.entries;
  const several = showsRegions(state);
  const missing = entries.filter((entry) => entry.kind === 'missing');
  const pending = entries.filter(isPending);
  const unreachable = entries.filter((entry) => entry.kind === 'unreachable');
  const finished = entries.filter((entry) => entry.kind === 'final');
  const failed = entries.filter(endedBadly);
  const errors: TatError[] = [];
  const notes: string[] = [];

  const neverShown = missing.filter((entry) => !entry.vanished).map((entry) => entry.id);
  if (neverShown.length)
    errors.push(
      notFound(
        'invocation',
        neverShown,
        several ? { regions: state.regions.length, failed: state.failedRegions.size } : { region: options.region },
      ),
    );
  for (const region of new Set(missing.flatMap((entry) => entry.vanished?.region ?? [])))
    errors.push(
      noLongerShown(
        missing.filter((entry) => entry.vanished?.region === region).map((entry) => entry.id),
        region,
      ),
    );
  if (result.timedOut)
    errors.push(
      new MaxWaitExceededError(
        `--max-wait (${formatElapsed(options.maxWaitMs)}) ran out; still running: ${list(pending.map((entry) => describePending(entry, several)))}`,
        `They keep running on the instances. ${againHint(options.again, 'Wait longer with', ' (--max-wait 0 = no limit).')}`,
      ),
    );
  if (failed.length) {
    const message = `${failed.length} of ${plural(finished.length, 'finished invocation')} did not succeed:\n${failed
      .slice(0, MAX_LISTED)
      .map((entry) => `  ${describeFailure(entry, several)}`)
      .join('\n')}${failed.length > MAX_LISTED ? `\n  … and ${failed.length - MAX_LISTED} more` : ''}`;
    if (options.exitStatus)
      errors.push(
        new WaitFailedError(
          message,
          `\`tat invocations get ${failed[0]!.id}${several ? ` --region ${safe(failed[0]!.region)}` : ''}\` shows its tasks.`,
        ),
      );
    else notes.push(message);
  }
  // Several regions: the ids of a region that failed were not waited on to the end (the region
  // failure itself is the error, src/cli/regions.ts finishRegions).
  if (unreachable.length)
    notes.push(
      `not waited on to the end (their region failed): ${list(unreachable.map((entry) => describePending(entry, several)))}`,
    );
  for (const entry of entries) {
    if ((entry.kind === 'found' || entry.kind === 'final') && entry.alsoIn?.length)
      notes.push(sameIdWarning(entry.id, entry.alsoIn, entry.region));
  }
  const [error, ...lesser] = errors;
  for (const other of lesser) notes.push(`also: ${other.message}`);
  if (!error && failed.length === 0 && finished.length)
    notes.push(`${plural(finished.length, 'invocation')} finished: ${counts(finished)}.`);
  else if (!error && failed.length)
    notes.unshift(`${plural(finished.length, 'invocation')} finished: ${counts(finished)}.`);
  return { error, notes };
}

function counts(entries: readonly WaitEntry[]): string {
  const by = new Map<string, number>();
  for (const entry of entries) {
    const status = statusOf(entry);
    by.set(status, (by.get(status) ?? 0) + 1);
  }
  return [...by].map(([status, count]) => `${count} ${safe(status)}`).join(', ');
}

function list(items: readonly string[]): string {
  return items.length > MAX_LISTED
    ? `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`
    : items.join(', ');
}

function describePending(entry: WaitEntry, several = false): string {
  const status = invocationOf(entry) ? statusOf(entry) : 'not visible yet';
  const region = regionOf(entry);
  return `${entry.id} (${safe(status)}${several && region ? ` in ${safe(region)}` : ''})`;
}

/** `inv-x FAILED: ins-a FAILED (exit 1), ins-b DELIVER_FAILED`: the instances that did not succeed. */
export function describeFailure(entry: WaitEntry, several = false): string {
  const region = regionOf(entry);
  const status = `${safe(statusOf(entry))}${several && region ? ` in ${safe(region)}` : ''}`;
  const bad = instancesOf(entry).filter((instance) => statusCategory(instance.status) !== 'success');
  const shown = bad
    .slice(0, 10)
    .map(
      (instance) =>
        `${safe(instance.instanceId)} ${safe(instance.status)}${instance.exitCode === undefined ? '' : ` (exit ${instance.exitCode})`}`,
    );
  if (bad.length > 10) shown.push(`${bad.length - 10} more`);
  return `${entry.id} ${status}${shown.length ? `: ${shown.join(', ')}` : ''}`;
}
