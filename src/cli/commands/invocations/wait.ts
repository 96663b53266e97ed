import type { Deps } from '../../../deps.js';
import type { RegionFlags } from '../../regions.js';
import type { GlobalFlags } from '../../flags.js';
import { invocationResource } from '../../../output/resources/invocation.js';
import type { TasksByInvocation } from '../../flows/task-details.js';
import { withWaitSession, parseWaitFlags, type WaitFlags, type WaitSession } from '../../wait/run.js';
import { invocationIdsFrom } from '../../ids-from.js';
import { tasksAfterWait } from './get.js';

/** The flags of `tat invocations wait`: how long and how often, which regions, and where the ids come from. */
export type WaitCommandFlags = WaitFlags & RegionFlags & { idsFrom?: string };

/**
 * `tat invocations wait <id...>`: follows invocations until each ends, then prints them (at a
 * terminal that shows the live view, with no -o chosen, its last frame and the summary are the
 * recap instead, as `gh run watch` ends; the records are for -o formats and pipes). Exit
 * codes (docs/exit-codes.md): 0 all ended (all SUCCESS with --exit-status), 5 with
 * --exit-status when any did not succeed, 6 when --max-wait ran out, 3 for ids not found. With
 * several regions each id is waited on where it is found; a failed region is 1 (see regions.ts).
 */
export async function waitCommand(
  deps: Deps,
  flags: GlobalFlags,
  args: readonly string[],
  raw: WaitCommandFlags,
): Promise<void> {
  const settings = parseWaitFlags(raw);
  const ids = await invocationIdsFrom(deps, args, raw.idsFrom);
  const again = { command: 'tat invocations wait' };
  await withWaitSession(deps, flags, { regionFlags: raw, again }, async (session) => {
    if (recapOnly(session, flags)) {
      const outcome = await session.conclude(await session.wait(ids, settings), settings);
      await session.ctx.terminal.write(`${fullRecords(ids, session)}\n`);
      if (outcome.error) throw outcome.error;
      return;
    }
    // The detail view's task tables get their exit codes and errors (DescribeInvocationTasks).
    const tasks: TasksByInvocation = new Map();
    const formatter = await session.ctx.printer(session.regional(invocationResource((id) => tasks.get(id))), {
      cardinality: ids.length === 1 ? 'one' : 'many',
      layout: 'detail',
    });
    // Streaming formats (ndjson, tsv) print each invocation as it ends; the others print all at the end.
    const streamed = new Set<string>();
    const result = await session.wait(ids, settings, {
      async onFinal(invocation) {
        if (!formatter.streams) return;
        await formatter.write([invocation]);
        streamed.add(invocation.InvocationId);
      },
    });
    const rest = result.state.entries.filter((entry) => !streamed.has(entry.id));
    await tasksAfterWait(session, rest, tasks);
    await formatter.write(rest.flatMap((entry) => session.record(entry) ?? []));
    await formatter.end();
    const outcome = await session.conclude(result, settings);
    if (outcome.error) throw outcome.error;
  });
}

/** At a terminal that shows the live view, with no -o (flag, TAT_OUTPUT or profile) nor --query chosen. */
function recapOnly(session: WaitSession, flags: GlobalFlags): boolean {
  return (
    session.live &&
    session.ctx.terminal.stdoutIsTTY &&
    session.ctx.settings.output === undefined &&
    flags.query === undefined
  );
}

/** Where the full records are, after a recap. */
function fullRecords(ids: readonly string[], session: WaitSession): string {
  const regions = session.plan.multi ? ` --region ${session.plan.regions.join(',')}` : '';
  return ids.length <= 3
    ? `Full records: tat invocations get ${ids.join(' ')}${regions}`
    : 'Full records: add -o table (or -o json) to print them after the wait';
}
