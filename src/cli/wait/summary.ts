import { MaxWaitExceededError, NotFoundError, WaitFailedError, type TatError } from '../../errors.js';
import { statusCategory } from '../../output/status.js';
import { formatElapsed, plural, safe } from './format.js';
import type { WaitResult } from './poller.js';
import { instancesOf, isPending, normalStatus, type WaitEntry } from './state.js';

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
  /** The command to suggest for waiting again, e.g. `tat invocations wait`. */
  again: string;
}

/** At most this many ids are listed in one message; the rest are counted. */
export const MAX_LISTED = 20;

export function outcomeOf(result: WaitResult, options: OutcomeOptions): WaitOutcome {
  const entries = result.state.entries;
  const missing = entries.filter((entry) => entry.missing);
  const pending = entries.filter(isPending);
  const finished = entries.filter((entry) => entry.final);
  const failed = finished.filter((entry) => normalStatus(entry.invocation?.InvocationStatus) !== 'SUCCESS');
  const errors: TatError[] = [];
  const notes: string[] = [];

  if (missing.length)
    errors.push(
      new NotFoundError(
        `${missing.length === 1 ? 'invocation' : `${missing.length} invocations`} not found in region ${options.region}: ${list(missing.map((entry) => entry.id))}`,
        missing.map((entry) => entry.id),
        'Check the id and the region (--region); `tat invocations list` shows recent ones.',
      ),
    );
  if (result.timedOut)
    errors.push(
      new MaxWaitExceededError(
        `--max-wait (${formatElapsed(options.maxWaitMs)}) ran out; still running: ${list(pending.map(describePending))}`,
        `They keep running on the instances. Wait longer with \`${options.again} ${pending.slice(0, 3).map((entry) => entry.id).join(' ')}${pending.length > 3 ? ' …' : ''} --max-wait 30m\` (0 = no limit).`,
      ),
    );
  if (failed.length) {
    const message = `${failed.length} of ${plural(finished.length, 'finished invocation')} did not succeed:\n${failed.slice(0, MAX_LISTED).map((entry) => `  ${describeFailure(entry)}`).join('\n')}${failed.length > MAX_LISTED ? `\n  … and ${failed.length - MAX_LISTED} more` : ''}`;
    if (options.exitStatus) errors.push(new WaitFailedError(message, `\`tat invocations get ${failed[0]!.id}\` shows its tasks.`));
    else notes.push(message);
  }
  const [error, ...lesser] = errors;
  for (const other of lesser) notes.push(`also: ${other.message}`);
  if (!error && failed.length === 0 && finished.length) notes.push(`${plural(finished.length, 'invocation')} finished: ${counts(finished)}.`);
  else if (!error && failed.length) notes.unshift(`${plural(finished.length, 'invocation')} finished: ${counts(finished)}.`);
  return { error, notes };
}

function counts(entries: readonly WaitEntry[]): string {
  const by = new Map<string, number>();
  for (const entry of entries) {
    const status = normalStatus(entry.invocation?.InvocationStatus);
    by.set(status, (by.get(status) ?? 0) + 1);
  }
  return [...by].map(([status, count]) => `${count} ${safe(status)}`).join(', ');
}

function list(items: readonly string[]): string {
  return items.length > MAX_LISTED ? `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more` : items.join(', ');
}

function describePending(entry: WaitEntry): string {
  const status = entry.invocation ? normalStatus(entry.invocation.InvocationStatus) : 'not visible yet';
  return `${entry.id} (${safe(status)})`;
}

/** `inv-x FAILED: ins-a FAILED (exit 1), ins-b DELIVER_FAILED`: the instances that did not succeed. */
export function describeFailure(entry: WaitEntry): string {
  const status = safe(normalStatus(entry.invocation?.InvocationStatus));
  const bad = instancesOf(entry).filter((instance) => statusCategory(instance.status) !== 'success');
  const shown = bad.slice(0, 10).map((instance) => `${safe(instance.instanceId)} ${safe(instance.status)}${instance.exitCode === undefined ? '' : ` (exit ${instance.exitCode})`}`);
  if (bad.length > 10) shown.push(`${bad.length - 10} more`);
  return `${entry.id} ${status}${shown.length ? `: ${shown.join(', ')}` : ''}`;
}
