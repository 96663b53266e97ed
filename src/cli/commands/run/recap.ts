import { ExitCode, MaxWaitExceededError, TatError } from '../../../errors.js';
import { visible } from '../../../output/escape.js';
import { formatElapsed } from '../../../output/time.js';
import type { Skipped } from './agents.js';
import type { Launch } from './start.js';
import type { Tally } from './tally.js';

/**
 * The end of a run: a recap on stderr (counts per status, the instances that did not succeed,
 * those never started or skipped, the invocation ids, and the command that runs the failures
 * again) and the exit status: 0 when every instance succeeded, 5 when any did not (or
 * --max-failures stopped the run), 6 when --max-wait ran out.
 */

/** At most this many instances are named in one list; the rest are counted. */
const NAMED = 20;

export interface RunEnd {
  launches: readonly Launch[];
  tally: Tally;
  skipped: readonly Skipped[];
  /** Instances started whose end was not seen (--max-wait ran out, or their invocation was not found). */
  unfinished: string[];
  /** Why batches stopped being started, if they did. */
  stopped?:
    | { reason: 'max-failures'; limit: number; afterBatch: number; batches: number }
    | { reason: 'agents'; agents: readonly Skipped[]; batch: number; batches: number };
  timedOut: boolean;
  maxWaitMs: number;
  /** `--region X` to repeat in commands, or ''. */
  regionArg: string;
  /** Keys of `{{tat-hidden:key}}` parameters: a rerun needs them again (their values are never shown). */
  hiddenKeys?: readonly string[];
  elapsedMs: number;
}

const s = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function named(ids: readonly string[]): string {
  return ids.length > NAMED ? `${ids.slice(0, NAMED).join(', ')} … and ${ids.length - NAMED} more` : ids.join(', ');
}

export function recapLines(end: RunEnd): string[] {
  const { tally } = end;
  const ids = end.launches.map((l) => l.InvocationId);
  const started = end.launches.reduce((n, l) => n + l.instanceIds.length, 0);
  const lines: string[] = [];
  const invocations = ids.length ? ` (${ids.length === 1 ? ids[0] : `${ids.length} invocations: ${named(ids)}`})` : '';
  const counts = tally.ended.size ? `: ${tally.counts()}` : '';
  if (end.timedOut && end.unfinished.length)
    lines.push(
      `Started on ${s(started, 'instance')} and followed for ${formatElapsed(end.elapsedMs)}${invocations}${counts}; still running on ${end.unfinished.length}.`,
    );
  else lines.push(`Ran on ${s(started, 'instance')} in ${formatElapsed(end.elapsedMs)}${invocations}${counts}.`);
  const failed = tally.failed;
  if (failed.length) {
    lines.push(`Did not succeed (${failed.length}):`);
    for (const e of failed.slice(0, NAMED))
      lines.push(
        `  ${visible(e.instanceId)}  ${visible(e.status)}${e.exitCode === null ? '' : `  exit ${e.exitCode}`}  ${e.invocationId}`,
      );
    if (failed.length > NAMED) lines.push(`  … and ${failed.length - NAMED} more`);
  }
  if (end.unfinished.length)
    lines.push(`Still running when tat stopped following (${end.unfinished.length}): ${named(end.unfinished)}`);
  if (end.stopped?.reason === 'max-failures')
    lines.push(
      `Never started (${tally.notStarted.length}): --max-failures ${end.stopped.limit} was passed after batch ${end.stopped.afterBatch} of ${end.stopped.batches}: ${named(tally.notStarted)}`,
    );
  else if (end.stopped?.reason === 'agents')
    lines.push(
      `Never started (${tally.notStarted.length}): by batch ${end.stopped.batch} of ${end.stopped.batches}, ${s(end.stopped.agents.length, 'instance')} could no longer run it (${named(end.stopped.agents.map((k) => `${k.instanceId}: ${k.why}`))}); --skip-offline would have run on the others: ${named(tally.notStarted)}`,
    );
  else if (tally.notStarted.length)
    lines.push(`Never started (${tally.notStarted.length}): ${named(tally.notStarted)}`);
  if (end.skipped.length)
    lines.push(
      `Skipped (--skip-offline, ${end.skipped.length}): ${named(end.skipped.map((k) => `${k.instanceId} (${k.why})`))}`,
    );
  const again = [...new Set(failed.map((e) => e.invocationId))];
  // A rerun refuses to start without the hidden values: the hint names them, never their values.
  const params = (end.hiddenKeys ?? []).map((key) => ` --param ${key}=...`).join('');
  if (again.length)
    lines.push(`Run the failures again: tat invocations rerun ${again.join(' ')} --failed${params}${end.regionArg}`);
  if (tally.notStarted.length && ids.length) {
    if (tally.notStarted.length <= NAMED)
      lines.push(
        `Run it where it never started: tat invocations rerun ${ids[0]} --instances ${tally.notStarted.join(',')}${params}${end.regionArg}`,
      );
    else {
      lines.push(
        `Run it where it never started: tat invocations rerun ${ids[0]} --instances-from FILE${params}${end.regionArg}`,
      );
      lines.push(`with FILE holding the ${tally.notStarted.length} instances never started, one a line:`);
      for (const id of tally.notStarted) lines.push(`  ${id}`);
    }
  }
  return lines;
}

/** The error that ends the run (its exit status), or undefined for 0. */
export function runOutcome(end: RunEnd): TatError | undefined {
  const ids = end.launches.map((l) => l.InvocationId);
  if (end.timedOut) {
    return new MaxWaitExceededError(
      `--max-wait (${formatElapsed(end.maxWaitMs)}) ran out with ${s(end.unfinished.length, 'instance')} still running${end.tally.notStarted.length ? ` and ${end.tally.notStarted.length} never started` : ''}`,
      `They keep running on the instances: follow them with \`tat invocations wait ${ids.join(' ')}${end.regionArg} --exit-status\`.`,
    );
  }
  const failures = end.tally.failures;
  if (end.stopped?.reason === 'max-failures')
    return new TatError(
      `--max-failures ${end.stopped.limit} stopped the run: ${s(failures, 'instance')} did not succeed, ${end.tally.notStarted.length} never started`,
      ExitCode.WaitFailed,
      'The recap above names them and the commands that run it again.',
    );
  if (end.stopped?.reason === 'agents')
    return new TatError(
      `the run stopped before batch ${end.stopped.batch}: ${s(end.stopped.agents.length, 'instance')} of it can no longer run it; ${end.tally.notStarted.length} never started`,
      ExitCode.WaitFailed,
      'The recap above names them; `tat agents list --status offline` shows the agents that are down.',
    );
  if (failures || end.unfinished.length)
    return new TatError(
      `${failures + end.unfinished.length} of ${s(end.tally.ended.size + end.unfinished.length, 'instance')} did not succeed`,
      ExitCode.WaitFailed,
      'The recap above names them and the command that runs it again where it failed.',
    );
  return undefined;
}
