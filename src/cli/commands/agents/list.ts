import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import { fetchAgentsByIds, queryAgents } from '../../../api/agents.js';
import { agentOrder } from '../../../api/order.js';
import {
  AGENT_ENVIRONMENTS,
  AGENT_FILTER_NAMES,
  AGENT_STATUSES,
  type AutomationAgentInfo,
} from '../../../api/types.js';
import type { GlobalFlags } from '../../flags.js';
import { AGENT } from '../../../output/resources/agent.js';
import { runListing, type ListingKind } from '../../listing.js';
import { parseInstanceIds } from '../../parse.js';

export interface AgentListFlags {
  status: string[];
  environment: string[];
  instances: string[];
  limit?: string;
  offset?: string;
  all?: boolean;
  allRegions?: boolean;
  allowPartial?: boolean;
}

/** `--status online,OFFLINE` → the API's spelling (`Online`, `Offline`), any case accepted, duplicates dropped. */
export function parseChoices(values: readonly string[], flag: string, choices: readonly string[]): string[] {
  const out: string[] = [];
  for (const part of values.flatMap((value) => value.split(','))) {
    const word = part.trim();
    const known = choices.find((choice) => choice.toLowerCase() === word.toLowerCase());
    if (known === undefined)
      throw new UsageError(
        `${flag}: '${word}' is not one of ${choices.map((c) => c.toLowerCase()).join(', ')}`,
        `e.g. ${flag} ${choices[0]!.toLowerCase()}.`,
      );
    if (!out.includes(known)) out.push(known);
  }
  return out;
}

/**
 * `tat agents list`: DescribeAutomationAgentStatus through the shared listing runner. `--status`
 * and `--environment` are the API's filters; with `--instances` (InstanceIds, which the API
 * refuses together with Filters) they are applied by tat to the agents of those instances.
 */
export function agentsListCommand(deps: Deps, flags: GlobalFlags, raw: AgentListFlags): Promise<void> {
  const statuses = parseChoices(raw.status, '--status', AGENT_STATUSES);
  const environments = parseChoices(raw.environment, '--environment', AGENT_ENVIRONMENTS);
  const instances = parseInstanceIds(raw.instances, '--instances');
  const filters = [
    ...(statuses.length ? [`agent-status=${statuses.join(',')}`] : []),
    ...(environments.length ? [`environment=${environments.join(',')}`] : []),
  ];
  const matches = (agent: AutomationAgentInfo): boolean =>
    (statuses.length === 0 || statuses.includes(agent.AgentStatus)) &&
    (environments.length === 0 || environments.includes(agent.Environment));
  const kind: ListingKind<AutomationAgentInfo> = {
    resource: AGENT,
    parseIds: (values) => [...values],
    statuses: [],
    idsParameter: 'InstanceIds',
    idFilterExample: 'instance-id=ins-...',
    filterNames: AGENT_FILTER_NAMES,
    fields: { status: (a) => a.AgentStatus, created: () => '' },
    newestFirst: agentOrder,
    source: () => ({
      byIds: async (client, ids) => (await fetchAgentsByIds(client, ids)).filter(matches),
      query: queryAgents,
    }),
  };
  const listing = {
    id: instances,
    filter: instances.length ? [] : filters,
    limit: raw.limit,
    offset: raw.offset,
    all: raw.all,
    allRegions: raw.allRegions,
    allowPartial: raw.allowPartial,
  };
  return runListing(deps, flags, listing, kind);
}
