import type { Deps } from '../../../deps.js';
import { ExitCode, NotFoundError } from '../../../errors.js';
import { fetchByIds } from '../../../api/invocations.js';
import type { GlobalFlags } from '../../../config/index.js';
import { createContext } from '../../context.js';
import { parseInvocationIds } from '../../parse.js';

/** `tat invocations get <id...>`: prints the ones that exist, then exits 3 naming the ones that do not. */
export async function getCommand(deps: Deps, flags: GlobalFlags, args: readonly string[]): Promise<number> {
  const ids = parseInvocationIds(args, 'invocation id');
  const ctx = await createContext(deps, flags);
  const formatter = await ctx.formatter('get', ids.length === 1);
  const found = await ctx.ui.spin(`Fetching ${ids.length === 1 ? ids[0] : `${ids.length} invocations`}`, () => fetchByIds(ctx.client(), ids));
  await formatter.write(found);
  await formatter.end();
  const present = new Set(found.map((invocation) => invocation.InvocationId));
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length)
    throw new NotFoundError(
      `${missing.length === 1 ? 'invocation' : `${missing.length} invocations`} not found in region ${ctx.settings.region}: ${missing.join(', ')}`,
      missing,
      'Check the id and the region (--region); `tat invocations list` shows recent ones.',
    );
  return ExitCode.Ok;
}
