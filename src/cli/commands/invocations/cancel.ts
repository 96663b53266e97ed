import type { Deps } from '../../../deps.js';
import { ApiError, OutcomeUnknownError, TatError, UsageError } from '../../../errors.js';
import { notFound } from '../../flows/not-found.js';
import { chunks } from '../../../api/invocations.js';
import { MAX_CANCEL_INSTANCES } from '../../../api/types.js';
import { cancelInvocation } from '../../../api/writes.js';
import type { GlobalFlags } from '../../flags.js';
import { createContext } from '../../context.js';
import { locate } from '../../flows/locate.js';
import { finishRegions, planRegions, searchedIn, type RegionFlags } from '../../regions.js';
import { parseInstanceIds, parseInvocationIds } from '../../parse.js';
import { getCommand } from './get.js';

export interface CancelFlags extends RegionFlags {
  instances: string[];
  /** `--no-wait` makes it false. */
  wait: boolean;
  maxWait?: string;
}

/** How long `cancel` waits for the cancelled tasks to settle before showing them (--max-wait). */
export const CANCEL_MAX_WAIT = '1m';

/**
 * `tat invocations cancel <id...> [--instances ...]`: CancelInvocation for each (instances 100 a
 * request), then the resulting statuses as `get --wait` shows them: tasks that had not started
 * end CANCELLED, running ones TERMINATED. An id that does not exist is exit 3 once the others
 * are cancelled and shown.
 */
export async function cancelCommand(
  deps: Deps,
  flags: GlobalFlags,
  args: readonly string[],
  raw: CancelFlags,
): Promise<void> {
  const ids = parseInvocationIds(args, 'invocation id');
  const instances = parseInstanceIds(raw.instances, '--instances');
  if (!raw.wait && raw.maxWait !== undefined)
    throw new UsageError('--no-wait cannot be used with --max-wait', 'Drop one of them.');
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const plan = await planRegions(ctx, raw);
  // With several regions each id is cancelled where it is; with one, the answer says whether it exists.
  const where = plan.multi ? await locate(ctx, plan, ids) : undefined;
  const missing: string[] = where ? ids.filter((id) => !where.has(id)) : [];
  const cancelled: string[] = [];
  await ctx.terminal.spin(`Cancelling ${ids.length === 1 ? ids[0] : `${ids.length} invocations`}`, async () => {
    for (const id of ids) {
      if (missing.includes(id)) continue;
      const client = ctx.clientFor(where?.get(id)?.region ?? plan.regions[0]!);
      try {
        for (const some of instances.length ? chunks(instances, MAX_CANCEL_INSTANCES) : [undefined])
          await cancelInvocation(client, { InvocationId: id, ...(some ? { InstanceIds: some } : {}) });
        cancelled.push(id);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'ResourceNotFound.InvocationNotFound') missing.push(id);
        else throw explain(error, id, cancelled);
      }
    }
  });
  if (plan.multi) await finishRegions(ctx, plan, { everyIdFound: missing.length === 0 });
  if (cancelled.length) {
    const what = instances.length ? `on ${instances.length} instance${instances.length === 1 ? '' : 's'} ` : '';
    ctx.terminal.notice(
      `Cancelled ${what}${cancelled.join(', ')}${raw.wait ? '; waiting for the tasks to stop' : ''}.`,
    );
    const regions = { allRegions: raw.allRegions, allowPartial: raw.allowPartial };
    await getCommand(
      deps,
      flags,
      cancelled,
      raw.wait ? { wait: true, maxWait: raw.maxWait ?? CANCEL_MAX_WAIT, ...regions } : regions,
    );
  }
  if (missing.length) throw notFound('invocation', missing, searchedIn(plan));
}

/** A cancel that failed: what was cancelled before it, and for a lost reply, that cancelling again is harmless. */
function explain(error: unknown, id: string, cancelled: readonly string[]): unknown {
  if (!(error instanceof TatError)) return error;
  const before = cancelled.length ? `Already cancelled: ${cancelled.join(', ')}.` : '';
  if (error instanceof OutcomeUnknownError)
    return error.withContext({
      hint: [
        `${id} may or may not be cancelling: see \`tat invocations get ${id}\`; cancelling it again is harmless.`,
        before,
      ]
        .filter(Boolean)
        .join('\n'),
    });
  return before ? error.withContext({ hint: [error.hint, before].filter(Boolean).join('\n') }) : error;
}
