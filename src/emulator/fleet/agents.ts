/**
 * DescribeAutomationAgentStatus: the agents of a region's instances. `InstanceIds` (≤ 100) or
 * `Filters` (agent-status, environment, instance-id), never both; Limit/Offset. Codes are the
 * ones the action documents (the Go SDK's list): its limits answer
 * `InvalidParameterValue.LimitExceeded`, as it documents no `LimitExceeded.*` code.
 */
import { AGENT_ENVIRONMENTS, AGENT_FILTER_NAMES, AGENT_STATUSES, type Filter } from '../../api/types.js';
import { EmulatorApiError } from '../errors.js';
import { checkIds } from '../filters.js';
import { checkKeys, listParams, type Body, type LimitCodes } from '../params.js';
import { agentInfo, type FleetInstance, type RegionFleet } from './fleet.js';

export const AGENT_LIMIT_CODES: LimitCodes = {
  tooMany: 'InvalidParameterValue.LimitExceeded',
  filterValues: 'InvalidParameterValue.LimitExceeded',
};

/** Closed value lists, compared exactly: the documented spellings are `Online`, `Linux`... */
const CHOICES: Readonly<Record<string, readonly string[]>> = {
  'agent-status': AGENT_STATUSES,
  environment: AGENT_ENVIRONMENTS,
};

function checkAgentFilters(filters: readonly Filter[]): void {
  for (const f of filters) {
    if (!AGENT_FILTER_NAMES.some((name) => name === f.Name)) {
      throw new EmulatorApiError(
        'InvalidParameterValue.InvalidFilter',
        `Filter name \`${f.Name}\` is not valid; valid names: ${AGENT_FILTER_NAMES.join(', ')}.`,
      );
    }
    if (f.Values.length === 0)
      throw new EmulatorApiError('InvalidParameterValue.InvalidFilter', `Filter \`${f.Name}\` has no values.`);
    if (f.Name === 'instance-id') checkIds(f.Values, 'instance');
    const choices = CHOICES[f.Name];
    const bad = choices?.length ? f.Values.find((v) => !choices.includes(v)) : undefined;
    if (choices && bad !== undefined) {
      throw new EmulatorApiError(
        'InvalidParameterValue.InvalidFilter',
        `Filter \`${f.Name}\` accepts ${choices.join(', ')}, got \`${bad}\`.`,
      );
    }
  }
}

function field(instance: FleetInstance, name: string): string {
  if (name === 'agent-status') return instance.status;
  if (name === 'environment') return instance.environment;
  return instance.InstanceId;
}

export interface AgentQueryContext {
  fleet: RegionFleet;
  nowMs: number;
}

export function describeAutomationAgentStatus(body: Body, ctx: AgentQueryContext): Record<string, unknown> {
  checkKeys(body, ['InstanceIds', 'Filters', 'Limit', 'Offset']);
  const { ids, filters, limit, offset } = listParams(body, 'InstanceIds', AGENT_LIMIT_CODES);
  const { fleet } = ctx;
  let positions: number[];
  if (ids && ids.length > 0) {
    checkIds(ids, 'instance');
    positions = fleet.positionsOf(ids);
  } else if (filters && filters.length > 0) {
    checkAgentFilters(filters);
    const ids = filters.find((f) => f.Name === 'instance-id')?.Values;
    const candidates = ids ? fleet.positionsOf(ids) : Array.from({ length: fleet.size }, (_, i) => i);
    positions = candidates.filter((i) => {
      const instance = fleet.at(i);
      return filters.every((f) => f.Values.includes(field(instance, f.Name)));
    });
  } else {
    // The whole listing: only the page's positions are made (a region may hold 100,000 instances).
    const end = Math.min(fleet.size, offset + limit);
    const page = Array.from({ length: Math.max(0, end - offset) }, (_, i) =>
      agentInfo(fleet.at(offset + i), ctx.nowMs),
    );
    return { AutomationAgentSet: page, TotalCount: fleet.size };
  }
  const page = positions.slice(offset, offset + limit).map((i) => agentInfo(fleet.at(i), ctx.nowMs));
  return { AutomationAgentSet: page, TotalCount: positions.length };
}
