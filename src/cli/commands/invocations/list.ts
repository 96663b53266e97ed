import type { Deps } from '../../../deps.js';
import { fetchByIds, queryInvocations } from '../../../api/invocations.js';
import { invocationOrder } from '../../../api/order.js';
import { INVOCATION_STATUSES, LIST_FILTER_NAMES, type Invocation } from '../../../api/types.js';
import type { GlobalFlags } from '../../../config/index.js';
import { INVOCATION } from '../../../output/resources/invocation.js';
import { runListing, type ListingKind } from '../../listing.js';
import type { ListingFlags } from '../../listing-options.js';
import { parseInvocationIds } from '../../parse.js';

export type ListFlags = ListingFlags;

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
  return runListing(deps, flags, raw, INVOCATIONS);
}
