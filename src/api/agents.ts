import type { TatClient } from './client.js';
import { mapLimit } from './concurrency.js';
import { chunks } from './invocations.js';
import { agentOrder } from './order.js';
import { paginate, type FetchedPage, type PagingOrder } from './paginate.js';
import { describeAutomationAgentStatus } from './tat.js';
import { MAX_IDS_PER_REQUEST, MAX_LIMIT, type AutomationAgentInfo, type Filter } from './types.js';

/**
 * How `tat` asks about instances' agents (DescribeAutomationAgentStatus): by instance ids (100 a
 * request, the API's limit) or by filters (paged).
 */

const CONCURRENCY = 4;

export const AGENT_PAGING: PagingOrder<AutomationAgentInfo> = { key: (a) => a.InstanceId, order: agentOrder };

export interface AgentQuery {
  filters: Filter[];
  offset: number;
  /** `undefined`: every match. */
  limit?: number;
  /** Pages worth asking for ahead, as the consumer estimates them (see PageRange.ahead). */
  ahead?: () => number;
}

/** The agents of these instances, in the order asked; an instance the API does not know is absent. */
export async function fetchAgentsByIds(client: TatClient, ids: readonly string[]): Promise<AutomationAgentInfo[]> {
  const found = new Map<string, AutomationAgentInfo>();
  const answers = await mapLimit(chunks(ids, MAX_IDS_PER_REQUEST), CONCURRENCY, (chunk) =>
    describeAutomationAgentStatus(client, { InstanceIds: chunk, Limit: MAX_LIMIT }),
  );
  // Only ids that were asked for: a confused server cannot add instances to a run.
  const asked = new Set(ids);
  for (const answer of answers)
    for (const agent of answer.AutomationAgentSet) if (asked.has(agent.InstanceId)) found.set(agent.InstanceId, agent);
  return ids.flatMap((id) => found.get(id) ?? []);
}

export async function* queryAgents(
  client: TatClient,
  query: AgentQuery,
): AsyncGenerator<FetchedPage<AutomationAgentInfo>> {
  yield* paginate(
    async (offset, limit) => {
      const response = await describeAutomationAgentStatus(client, {
        Filters: query.filters.length ? query.filters : undefined,
        Offset: offset,
        Limit: limit,
      });
      return { items: response.AutomationAgentSet, total: response.TotalCount };
    },
    query,
    AGENT_PAGING,
  );
}
