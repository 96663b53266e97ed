/**
 * How an instance's agent (AutomationAgentInfo, from DescribeAutomationAgentStatus) is printed:
 * whether it can run commands (AgentStatus), on what (Environment), and since when it is silent
 * (LastHeartbeatTime), the first thing to look at when a task ends DELIVER_FAILED.
 */
import type { AutomationAgentInfo } from '../../api/types.js';
import type { Resource, TableColumn, TsvColumn } from '../resource.js';
import type { StatusCategory } from '../status.js';
import { toUtcIso } from '../time.js';
import { timeAgoColumn } from '../time-column.js';

/** Online agents run commands; offline ones make RunCommand fail for every instance of the call. */
export function agentCategory(status: string | null | undefined): StatusCategory {
  switch ((status ?? '').toUpperCase()) {
    case 'ONLINE':
      return 'success';
    case 'OFFLINE':
      return 'failure';
    default:
      return 'unknown';
  }
}

const features = (a: AutomationAgentInfo): string =>
  Array.isArray(a.SupportFeatures) ? a.SupportFeatures.join(',') : '';

/** The tsv contract: this order is documented in docs/output.md and must stay stable (append only). */
export const AGENT_TSV: readonly TsvColumn<AutomationAgentInfo>[] = [
  { name: 'instance id', source: 'InstanceId', value: (a) => a.InstanceId },
  { name: 'status', source: 'AgentStatus', value: (a) => a.AgentStatus ?? '' },
  { name: 'environment', source: 'Environment', value: (a) => a.Environment ?? '' },
  { name: 'version', source: 'Version', value: (a) => a.Version ?? '' },
  { name: 'last heartbeat', source: 'LastHeartbeatTime', value: (a) => toUtcIso(a.LastHeartbeatTime) },
  { name: 'features', source: 'SupportFeatures (comma-separated)', value: features },
];

/** On a narrow terminal: HEARTBEAT is shortened, then FEATURES, VERSION and HEARTBEAT dropped. */
export const AGENT_TABLE: readonly TableColumn<AutomationAgentInfo>[] = [
  { header: 'INSTANCE', pinned: true, value: (a) => a.InstanceId },
  { header: 'STATUS', pinned: true, value: (a) => a.AgentStatus ?? '', category: (a) => agentCategory(a.AgentStatus) },
  { header: 'ENVIRONMENT', value: (a) => a.Environment ?? '' },
  { header: 'VERSION', drop: 2, value: (a) => a.Version ?? '' },
  timeAgoColumn('LAST HEARTBEAT', (a) => a.LastHeartbeatTime, 3),
  { header: 'FEATURES', flexible: true, min: 8, drop: 1, value: features },
];

export const AGENT: Resource<AutomationAgentInfo> = {
  noun: 'agent',
  plural: 'agents',
  id: (a) => a.InstanceId,
  tsv: AGENT_TSV,
  table: AGENT_TABLE,
};
