import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import { commandsNamed } from '../../../api/commands.js';
import { fetchByIds, queryInvocations } from '../../../api/invocations.js';
import { invocationOrder } from '../../../api/order.js';
import { INVOCATION_STATUSES, LIST_FILTER_NAMES, MAX_FILTER_VALUES, type Invocation } from '../../../api/types.js';
import type { GlobalFlags } from '../../flags.js';
import { INVOCATION } from '../../../output/resources/invocation.js';
import type { CommandContext } from '../../context.js';
import { runListing, type ListingKind, type ListingSource } from '../../listing.js';
import type { ListingFlags } from '../../listing-parse.js';
import { parseInvocationIds } from '../../parse.js';
import { noCommandNamed } from '../../flows/not-found.js';

export interface ListFlags extends ListingFlags {
  commandName?: string;
}

/** What `invocations list` lists, for the shared runner (src/cli/listing.ts). */
const INVOCATIONS: ListingKind<Invocation> = {
  resource: INVOCATION,
  parseIds: parseInvocationIds,
  statuses: INVOCATION_STATUSES,
  idsParameter: 'InvocationIds',
  idFilterExample: 'invocation-id=inv-...',
  filterNames: LIST_FILTER_NAMES,
  fields: { status: (r) => r.InvocationStatus, created: (r) => r.CreatedTime },
  newestFirst: invocationOrder,
  source: (ctx) => ({
    byIds: fetchByIds,
    query: (client, query) => queryInvocations(client, query, { onFallback: (message) => ctx.debug(message) }),
  }),
};

export function listCommand(deps: Deps, flags: GlobalFlags, raw: ListFlags): Promise<void> {
  const { commandName, ...listing } = raw;
  if (commandName === undefined) return runListing(deps, flags, listing, INVOCATIONS);
  const name = commandName.trim();
  if (name === '')
    throw new UsageError(
      '--command-name is empty',
      'Give the name of a saved command, e.g. --command-name restart-nginx; `tat commands list` shows them.',
    );
  if (listing.id.length)
    throw new UsageError(
      '--command-name and --id cannot be used together',
      'The ids already say which invocations; drop one of them.',
    );
  if (listing.filter.some((filter) => filter.trim().startsWith('command-id=')))
    throw new UsageError(
      '--command-name and --filter command-id cannot be used together',
      '--command-name is turned into a command-id filter; give one or the other.',
    );
  return runListing(deps, flags, listing, {
    ...INVOCATIONS,
    source: (ctx) =>
      ofCommandNamed(ctx, INVOCATIONS.source(ctx), name, Boolean(raw.allRegions) || ctx.regions.length > 1),
  });
}

/**
 * `--command-name NAME`: the invocations of the commands named so, found in each region
 * (command ids differ between regions) through DescribeCommands, then listed with a
 * `command-id` filter. One region without such a command is exit 3; with several, a region
 * without it simply has no rows.
 */
function ofCommandNamed(
  ctx: CommandContext,
  source: ListingSource<Invocation>,
  name: string,
  several: boolean,
): ListingSource<Invocation> {
  return {
    byIds: source.byIds,
    async *query(client, query) {
      const ids = (await commandsNamed(client, name)).map((command) => command.CommandId);
      ctx.debug(`--command-name ${name}: ${ids.length ? ids.join(', ') : 'no such command'}`);
      if (ids.length === 0) {
        if (several) return;
        throw noCommandNamed(name, ctx.settings.region ?? '');
      }
      if (ids.length > MAX_FILTER_VALUES)
        throw new UsageError(
          `--command-name '${name}' names ${ids.length} commands (${ids.join(', ')}); the API filters invocations by at most ${MAX_FILTER_VALUES} command ids at once`,
          `List them in groups with --filter command-id=${ids.slice(0, MAX_FILTER_VALUES).join(',')}.`,
        );
      yield* source.query(client, { ...query, filters: [...query.filters, { Name: 'command-id', Values: ids }] });
    },
  };
}
