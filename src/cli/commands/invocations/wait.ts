import type { Deps } from '../../../deps.js';
import type { RegionFlags } from '../../regions.js';
import type { GlobalFlags } from '../../flags.js';
import { INVOCATION } from '../../../output/resources/invocation.js';
import { withWaitSession, parseWaitFlags, type WaitFlags } from '../../wait/run.js';
import { invocationIdsFrom } from '../../ids-from.js';

/** The flags of `tat invocations wait`: how long and how often, which regions, and where the ids come from. */
export type WaitCommandFlags = WaitFlags & RegionFlags & { idsFrom?: string };

/**
 * `tat invocations wait <id...>`: follows invocations until each ends, then prints them. Exit
 * codes (docs/exit-codes.md): 0 all ended (all SUCCESS with --exit-status), 5 with
 * --exit-status when any did not succeed, 6 when --max-wait ran out, 3 for ids not found. With
 * several regions each id is waited on where it is found; a failed region is 1 (see regions.ts).
 */
export async function waitCommand(deps: Deps, flags: GlobalFlags, args: readonly string[], raw: WaitCommandFlags): Promise<void> {
  const settings = parseWaitFlags(raw);
  const ids = await invocationIdsFrom(deps, args, raw.idsFrom);
  const again = { command: 'tat invocations wait' };
  await withWaitSession(deps, flags, { regionFlags: raw, again }, async (session) => {
    const formatter = await session.ctx.printer(session.regional(INVOCATION), { cardinality: ids.length === 1 ? 'one' : 'many', layout: 'detail' });
    // Streaming formats (ndjson, tsv) print each invocation as it ends; the others print all at the end.
    const streamed = new Set<string>();
    const result = await session.wait(ids, settings, {
      async onFinal(invocation) {
        if (!formatter.streams) return;
        await formatter.write([invocation]);
        streamed.add(invocation.InvocationId);
      },
    });
    const rest = result.state.entries.flatMap((entry) => (streamed.has(entry.id) ? [] : (session.record(entry) ?? [])));
    await formatter.write(rest);
    await formatter.end();
    const outcome = await session.conclude(result, settings);
    if (outcome.error) throw outcome.error;
  });
}
