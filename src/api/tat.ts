import type { TatClient } from './client.js';
import { expectCount, expectRecords, type Schema } from './decode.js';
import type {
  AutomationAgentInfo,
  Command,
  CommandDocument,
  DefaultParameterConf,
  DescribeAutomationAgentStatusRequest,
  DescribeAutomationAgentStatusResponse,
  DescribeCommandsRequest,
  DescribeCommandsResponse,
  DescribeInvocationsRequest,
  DescribeInvocationsResponse,
  DescribeInvocationTasksRequest,
  DescribeInvocationTasksResponse,
  Invocation,
  InvocationTask,
  InvocationTaskBasicInfo,
  Tag,
  TaskResult,
} from './types.js';

/**
 * Typed TAT actions. Each checks every field it returns against a schema derived from its
 * interface (decode.ts), so a wrong-typed answer is a clear error, not a crash later.
 */

export async function describeInvocations(
  client: TatClient,
  request: DescribeInvocationsRequest,
): Promise<DescribeInvocationsResponse> {
  const response = await client.call('DescribeInvocations', request);
  return {
    TotalCount: expectCount(response, 'DescribeInvocations'),
    InvocationSet: expectRecords(response, 'InvocationSet', 'InvocationId', 'DescribeInvocations', INVOCATION),
    RequestId: String(response.RequestId ?? ''),
  };
}

export async function describeInvocationTasks(
  client: TatClient,
  request: DescribeInvocationTasksRequest,
): Promise<DescribeInvocationTasksResponse> {
  const response = await client.call('DescribeInvocationTasks', request);
  return {
    TotalCount: expectCount(response, 'DescribeInvocationTasks'),
    InvocationTaskSet: expectRecords(
      response,
      'InvocationTaskSet',
      'InvocationTaskId',
      'DescribeInvocationTasks',
      TASK,
    ),
    RequestId: String(response.RequestId ?? ''),
  };
}

export async function describeCommands(
  client: TatClient,
  request: DescribeCommandsRequest,
): Promise<DescribeCommandsResponse> {
  const response = await client.call('DescribeCommands', request);
  return {
    TotalCount: expectCount(response, 'DescribeCommands'),
    CommandSet: expectRecords(response, 'CommandSet', 'CommandId', 'DescribeCommands', COMMAND),
    RequestId: String(response.RequestId ?? ''),
  };
}

export async function describeAutomationAgentStatus(
  client: TatClient,
  request: DescribeAutomationAgentStatusRequest,
): Promise<DescribeAutomationAgentStatusResponse> {
  const response = await client.call('DescribeAutomationAgentStatus', request);
  return {
    TotalCount: expectCount(response, 'DescribeAutomationAgentStatus'),
    AutomationAgentSet: expectRecords(
      response,
      'AutomationAgentSet',
      'InstanceId',
      'DescribeAutomationAgentStatus',
      AGENT,
    ),
    RequestId: String(response.RequestId ?? ''),
  };
}

/**
 * What each record must be. Ids, statuses and the instance of a task are required: every view
 * reads them (a status is upper-cased, an instance id starts a line); the rest may be absent.
 */
const TASK_BASIC_INFO: Schema<InvocationTaskBasicInfo> = {
  InvocationTaskId: 'required text',
  TaskStatus: 'required text',
  InstanceId: 'required text',
};

const INVOCATION: Schema<Invocation> = {
  InvocationId: 'required text',
  CommandId: 'text',
  CommandName: 'text',
  InvocationStatus: 'required text',
  InvocationTaskBasicInfoSet: { list: TASK_BASIC_INFO },
  Description: 'text',
  StartTime: 'text',
  EndTime: 'text',
  CreatedTime: 'text',
  UpdatedTime: 'text',
  Parameters: 'text',
  DefaultParameters: 'text',
  InstanceKind: 'text',
  Username: 'text',
  InvocationSource: 'text',
  CommandContent: 'text',
  CommandType: 'text',
  Timeout: 'number',
  WorkingDirectory: 'text',
  OutputCOSBucketUrl: 'text',
  OutputCOSKeyPrefix: 'text',
};

const TASK_RESULT: Schema<TaskResult> = {
  ExitCode: 'number',
  Output: 'text',
  ExecStartTime: 'text',
  ExecEndTime: 'text',
  Dropped: 'number',
  OutputUrl: 'text',
  OutputUploadCOSErrorInfo: 'text',
};

const COMMAND_DOCUMENT: Schema<CommandDocument> = {
  Content: 'text',
  CommandType: 'text',
  Timeout: 'number',
  WorkingDirectory: 'text',
  Username: 'text',
  OutputCOSBucketUrl: 'text',
  OutputCOSKeyPrefix: 'text',
};

const TASK: Schema<InvocationTask> = {
  InvocationId: 'text',
  InvocationTaskId: 'required text',
  CommandId: 'text',
  CommandName: 'text',
  TaskStatus: 'required text',
  InstanceId: 'required text',
  TaskResult: { record: TASK_RESULT },
  StartTime: 'text',
  EndTime: 'text',
  CreatedTime: 'text',
  UpdatedTime: 'text',
  CommandDocument: { record: COMMAND_DOCUMENT },
  ErrorInfo: 'text',
  InvocationSource: 'text',
};

const TAG: Schema<Tag> = { Key: 'text', Value: 'text' };
const PARAMETER_CONF: Schema<DefaultParameterConf> = {
  ParameterName: 'text',
  ParameterValue: 'text',
  ParameterDescription: 'text',
};

const COMMAND: Schema<Command> = {
  CommandId: 'required text',
  CommandName: 'text',
  Description: 'text',
  Content: 'text',
  CommandType: 'text',
  WorkingDirectory: 'text',
  Timeout: 'number',
  CreatedTime: 'text',
  UpdatedTime: 'text',
  EnableParameter: 'boolean',
  DefaultParameters: 'text',
  DefaultParameterConfs: { list: PARAMETER_CONF },
  Scenes: { list: 'text' },
  FormattedDescription: 'text',
  CreatedBy: 'text',
  Tags: { list: TAG },
  Username: 'text',
  OutputCOSBucketUrl: 'text',
  OutputCOSKeyPrefix: 'text',
};

const AGENT: Schema<AutomationAgentInfo> = {
  InstanceId: 'required text',
  Version: 'text',
  LastHeartbeatTime: 'text',
  AgentStatus: 'text',
  Environment: 'text',
  SupportFeatures: { list: 'text' },
};
