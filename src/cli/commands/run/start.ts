import { OutcomeUnknownError, TatError } from '../../../errors.js';
import type { TatClient } from '../../../api/client.js';
import { invokeCommand, runCommand, type Started } from '../../../api/writes.js';
import { MAX_FILTER_VALUES } from '../../../api/types.js';
import type { RunPlan } from './plan.js';
import { writeFor } from './requests.js';

/**
 * Sends the writes of one batch, one call after the other (each paced by the client's rate
 * limit). A write is never sent twice (api/retry.ts): when one's outcome is unknown, or one is
 * refused, nothing more is started and the error says what was started before it, and for an
 * unknown outcome, the listing that finds out whether it ran.
 */

export interface Launch extends Started {
  instanceIds: string[];
}

export interface Launcher {
  client: TatClient;
  plan: RunPlan;
  now(): number;
  /** The command the first call saved (`--save`): later calls invoke it. */
  savedId?: string;
  /** Every call that started, in order. */
  launches: Launch[];
  /** Region flag to repeat in hints (`--region ap-shanghai`), or ''. */
  regionArg: string;
  /** The run's interrupt, and where to say why it stopped (Terminal.interrupted). */
  interrupt?: { signal: AbortSignal; say(text: string): void };
}

export async function launchBatch(launcher: Launcher, calls: readonly string[][]): Promise<Launch[]> {
  const started: Launch[] = [];
  for (const instanceIds of calls) {
    const write = writeFor(launcher.plan, instanceIds, launcher.savedId);
    const sentAt = launcher.now();
    // A signal while the write is in flight: it may have reached the server, so the user hears
    // what an unknown outcome says, with the listing that finds out (main() then says nothing more).
    const onInterrupt = (): void =>
      launcher.interrupt?.say(
        `interrupted (${String(launcher.interrupt.signal.reason)}) while ${write.action} was in flight.\n${unknownHint(launcher, write.action, write.action === 'InvokeCommand' ? write.request.CommandId : undefined, instanceIds, sentAt)}\n`,
      );
    launcher.interrupt?.signal.addEventListener('abort', onInterrupt, { once: true });
    try {
      const answer =
        write.action === 'RunCommand'
          ? await runCommand(launcher.client, write.request, { shownAs: write.shown, now: launcher.now })
          : await invokeCommand(launcher.client, write.request, { shownAs: write.shown, now: launcher.now });
      if (launcher.plan.subject.kind === 'script' && launcher.plan.subject.save) launcher.savedId ??= answer.CommandId;
      const launch = { ...answer, instanceIds };
      started.push(launch);
      launcher.launches.push(launch);
    } catch (error) {
      if (error instanceof OutcomeUnknownError)
        throw error.withContext({
          hint: unknownHint(
            launcher,
            write.action,
            write.action === 'InvokeCommand' ? write.request.CommandId : undefined,
            instanceIds,
            error.sentAt,
          ),
        });
      if (error instanceof TatError && launcher.launches.length)
        throw error.withContext({ hint: [error.hint, alreadyStarted(launcher)].filter(Boolean).join('\n') });
      throw error;
    } finally {
      launcher.interrupt?.signal.removeEventListener('abort', onInterrupt);
    }
  }
  return started;
}

/** `inv-a (200 instances), inv-b (50 instances)`. */
export function launched(launches: readonly Launch[]): string {
  return launches
    .map((l) => `${l.InvocationId} (${l.instanceIds.length} instance${l.instanceIds.length === 1 ? '' : 's'})`)
    .join(', ');
}

/** What was started and the command that follows it, for an error that ends the run after a start. */
export function alreadyStarted(
  launcher: Pick<Launcher, 'launches' | 'regionArg'>,
  lead = 'Already started before it',
): string {
  const ids = launcher.launches.map((l) => l.InvocationId);
  return `${lead}: ${launched(launcher.launches)}; follow ${ids.length === 1 ? 'it' : 'them'} with \`tat invocations wait ${ids.join(' ')}${launcher.regionArg}\`.`;
}

/** What to run to find out whether the lost write started anything. */
function unknownHint(
  launcher: Launcher,
  action: string,
  commandId: string | undefined,
  instanceIds: readonly string[],
  sentAt: number,
): string {
  const minutes = Math.max(5, Math.ceil((launcher.now() - sentAt) / 60_000) + 5);
  const where =
    instanceIds.length === 1
      ? instanceIds[0]
      : `${instanceIds.length} instances (${instanceIds.slice(0, 3).join(', ')}${instanceIds.length > 3 ? ', …' : ''})`;
  const listing = commandId
    ? `tat invocations list --since ${minutes}m --filter command-id=${commandId}${launcher.regionArg}`
    : `tat invocations list --since ${minutes}m --filter instance-id=${instanceIds.slice(0, MAX_FILTER_VALUES).join(',')}${launcher.regionArg}`;
  const lines = [
    `The command may or may not be running on ${where}: tat did not send ${action} again, since a second send would run it twice.`,
    `Find out with \`${listing}\` before running it again.`,
  ];
  if (launcher.launches.length) lines.push(alreadyStarted(launcher));
  return lines.join('\n');
}
