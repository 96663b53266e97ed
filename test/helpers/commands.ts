/** Command and AutomationAgentInfo records for command tests. */
import type { AutomationAgentInfo, Command } from '../../src/api/types.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A saved command of the account, with `overrides`; `script` is encoded into Content. */
export function savedCommand(id: string, overrides: Partial<Command> & { script?: string } = {}): Command {
  const { script = 'systemctl restart nginx\n', ...fields } = overrides;
  return {
    CommandId: id,
    CommandName: 'restart-nginx',
    Description: 'Restarts nginx',
    Content: b64(script),
    CommandType: 'SHELL',
    WorkingDirectory: '/root',
    Timeout: 60,
    CreatedTime: '2020-11-09T07:21:59+00:00',
    UpdatedTime: '2020-11-09T07:21:59+00:00',
    EnableParameter: false,
    DefaultParameters: '',
    DefaultParameterConfs: [],
    Scenes: [],
    FormattedDescription: '',
    CreatedBy: 'USER',
    Tags: [],
    Username: 'root',
    OutputCOSBucketUrl: '',
    OutputCOSKeyPrefix: '',
    ...fields,
  };
}

export function commandsFound(commands: Command[], total = commands.length): Record<string, unknown> {
  return { TotalCount: total, CommandSet: commands };
}

export function agent(instance: string, overrides: Partial<AutomationAgentInfo> = {}): AutomationAgentInfo {
  return {
    InstanceId: instance,
    Version: '1.1.3',
    LastHeartbeatTime: '2020-11-09T07:21:50+00:00',
    AgentStatus: 'Online',
    Environment: 'Linux',
    SupportFeatures: ['CommandParameter', 'OutputCOS'],
    ...overrides,
  };
}

export function agentsFound(agents: AutomationAgentInfo[], total = agents.length): Record<string, unknown> {
  return { TotalCount: total, AutomationAgentSet: agents };
}
