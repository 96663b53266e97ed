/**
 * TAT API shapes (version 2020-10-28), with the API's own PascalCase field names. Records keep
 * these names everywhere in the program; only table/tsv column specs rename them.
 */

export const API_VERSION = '2020-10-28';
export const SERVICE = 'tat';

export interface Filter {
  Name: string;
  Values: string[];
}

export interface InvocationTaskBasicInfo {
  InvocationTaskId: string;
  TaskStatus: string;
  InstanceId: string;
}

export interface Invocation {
  InvocationId: string;
  CommandId: string;
  /** Newest field; older servers omit it. */
  CommandName?: string;
  InvocationStatus: string;
  InvocationTaskBasicInfoSet: InvocationTaskBasicInfo[];
  Description: string;
  StartTime: string;
  EndTime: string | null;
  CreatedTime: string;
  UpdatedTime: string;
  Parameters: string;
  DefaultParameters: string;
  InstanceKind: string;
  Username: string;
  InvocationSource: string;
  CommandContent: string;
  CommandType: string;
  Timeout: number;
  WorkingDirectory: string;
  OutputCOSBucketUrl: string;
  OutputCOSKeyPrefix: string;
}

export interface TaskResult {
  ExitCode: number;
  Output: string;
  ExecStartTime: string | null;
  ExecEndTime: string | null;
  Dropped: number;
  OutputUrl: string;
  OutputUploadCOSErrorInfo: string;
}

export interface CommandDocument {
  Content: string;
  CommandType: string;
  Timeout: number;
  WorkingDirectory: string;
  Username: string;
  OutputCOSBucketUrl: string;
  OutputCOSKeyPrefix: string;
}

export interface InvocationTask {
  InvocationId: string;
  InvocationTaskId: string;
  CommandId: string;
  CommandName?: string;
  TaskStatus: string;
  InstanceId: string;
  TaskResult: TaskResult | null;
  StartTime: string | null;
  EndTime: string | null;
  CreatedTime: string;
  UpdatedTime: string;
  CommandDocument: CommandDocument | null;
  ErrorInfo: string;
  InvocationSource: string;
}

export interface DescribeInvocationsRequest {
  InvocationIds?: string[];
  Filters?: Filter[];
  Limit?: number;
  Offset?: number;
}

export interface DescribeInvocationsResponse {
  TotalCount: number;
  InvocationSet: Invocation[];
  RequestId: string;
}

export interface DescribeInvocationTasksRequest {
  InvocationTaskIds?: string[];
  Filters?: Filter[];
  Limit?: number;
  Offset?: number;
  HideOutput?: boolean;
}

export interface DescribeInvocationTasksResponse {
  TotalCount: number;
  InvocationTaskSet: InvocationTask[];
  RequestId: string;
}

/** One agent of DescribeAutomationAgentStatus (`AutomationAgentInfo`). */
export interface AutomationAgentInfo {
  InstanceId: string;
  Version: string;
  LastHeartbeatTime: string;
  /** `Online` or `Offline`. */
  AgentStatus: string;
  /** `Linux` or `Windows`. */
  Environment: string;
  SupportFeatures: string[];
}

export interface DescribeAutomationAgentStatusRequest {
  InstanceIds?: string[];
  Filters?: Filter[];
  Limit?: number;
  Offset?: number;
}

export interface DescribeAutomationAgentStatusResponse {
  AutomationAgentSet: AutomationAgentInfo[];
  TotalCount: number;
  RequestId: string;
}

/** DescribeAutomationAgentStatus filter names, and their closed value lists (exact case, as documented). */
export const AGENT_FILTER_NAMES = ['agent-status', 'environment', 'instance-id'] as const;
export const AGENT_STATUSES = ['Online', 'Offline'] as const;
export const AGENT_ENVIRONMENTS = ['Linux', 'Windows'] as const;

export interface Tag {
  Key: string;
  Value: string;
}

export interface DefaultParameterConf {
  ParameterName: string;
  ParameterValue: string;
  ParameterDescription?: string;
}

/** A saved command of DescribeCommands (`Command`), keys in the official description's order. */
export interface Command {
  CommandId: string;
  CommandName: string;
  Description: string;
  /** BASE64 of the script. */
  Content: string;
  CommandType: string;
  WorkingDirectory: string;
  Timeout: number;
  CreatedTime: string;
  UpdatedTime: string;
  EnableParameter: boolean;
  /** JSON text of an object of strings ('' when none). */
  DefaultParameters: string;
  DefaultParameterConfs?: DefaultParameterConf[];
  Scenes?: string[];
  FormattedDescription: string;
  /** `TAT` (a public command) or `USER`. */
  CreatedBy: string;
  Tags: Tag[];
  Username: string;
  OutputCOSBucketUrl: string;
  OutputCOSKeyPrefix: string;
}

export interface DescribeCommandsRequest {
  CommandIds?: string[];
  Filters?: Filter[];
  Limit?: number;
  Offset?: number;
}

export interface DescribeCommandsResponse {
  TotalCount: number;
  CommandSet: Command[];
  RequestId: string;
}

/** DescribeCommands filter names; `tag:KEY` (any key) is accepted besides these. */
export const COMMAND_FILTER_NAMES = [
  'command-id',
  'command-name',
  'command-type',
  'scene-id',
  'created-by',
  'tag-key',
  'tag-value',
] as const;
export const COMMAND_TYPES = ['SHELL', 'POWERSHELL', 'BAT'] as const;

/**
 * Terminal invocation states; PENDING, RUNNING and CANCELLING are the non-terminal ones.
 * (The split is inferred from the meanings; see shared/reference/tat-api.md.)
 */
export const FINAL_INVOCATION_STATUSES = [
  'SUCCESS',
  'FAILED',
  'TIMEOUT',
  'CANCELLED',
  'PARTIAL_FAILED',
  'PARTIAL_CANCELLED',
] as const;

/** Terminal task states (DELIVER_FAILED, START_FAILED, TASK_TIMEOUT and TERMINATED end a task too). */
export const FINAL_TASK_STATUSES = [
  'SUCCESS',
  'FAILED',
  'TIMEOUT',
  'TASK_TIMEOUT',
  'CANCELLED',
  'TERMINATED',
  'DELIVER_FAILED',
  'START_FAILED',
] as const;

/**
 * InstanceKind values of invocations (and of the `instance-kind` filter). The API page names CVM
 * and LIGHTHOUSE; its own example answer has REGISTERINST (managed instances, `rins-`).
 */
export const INSTANCE_KINDS = ['CVM', 'LIGHTHOUSE', 'REGISTERINST'] as const;

/** Filters whose values are a closed list (compared case-insensitively): the CLI, its completion and the emulator refuse others. */
export const FILTER_VALUE_CHOICES: Readonly<Record<string, readonly string[]>> = {
  'instance-kind': INSTANCE_KINDS,
  'command-created-by': ['TAT', 'USER'],
  // DescribeCommands' filters (tat commands list).
  'created-by': ['TAT', 'USER'],
  'command-type': COMMAND_TYPES,
};

/** Every InvocationStatus the API documents, in its order. */
export const INVOCATION_STATUSES = [
  'PENDING',
  'RUNNING',
  'CANCELLING',
  'SUCCESS',
  'TIMEOUT',
  'FAILED',
  'CANCELLED',
  'PARTIAL_FAILED',
  'PARTIAL_CANCELLED',
] as const;

export const TASK_STATUSES = [
  'PENDING',
  'DELIVERING',
  'DELIVER_DELAYED',
  'DELIVER_FAILED',
  'START_FAILED',
  'RUNNING',
  'SUCCESS',
  'FAILED',
  'TIMEOUT',
  'TASK_TIMEOUT',
  'CANCELLING',
  'CANCELLED',
  'TERMINATED',
] as const;

/** Filter names DescribeInvocations documents, plus `instance-id` (see docs/commands.md). */
export const INVOCATION_FILTER_NAMES = ['invocation-id', 'command-id', 'command-created-by', 'instance-kind'] as const;
export const INVOCATION_TASK_FILTER_NAMES = [
  'invocation-task-id',
  'invocation-id',
  'instance-id',
  'command-id',
] as const;
/**
 * What `tat invocations list --filter` knows: the documented names plus `instance-id`, which
 * servers accept without documenting it (tat resolves it through DescribeInvocationTasks when a
 * server refuses it). The help text, the error hints and the emulator all read this list.
 */
export const LIST_FILTER_NAMES = [...INVOCATION_FILTER_NAMES, 'instance-id'] as const;
export type ListFilterName = (typeof LIST_FILTER_NAMES)[number];

/** Regions where TAT is offered: what `tat configure` offers, and the X-TC-Region values the emulator accepts. */
export const TAT_REGIONS = [
  'ap-guangzhou',
  'ap-shanghai',
  'ap-beijing',
  'ap-chengdu',
  'ap-chongqing',
  'ap-nanjing',
  'ap-hongkong',
  'ap-singapore',
  'ap-bangkok',
  'ap-jakarta',
  'ap-seoul',
  'ap-tokyo',
  'ap-mumbai',
  'ap-shanghai-fsi',
  'ap-shenzhen-fsi',
  'na-siliconvalley',
  'na-ashburn',
  'eu-frankfurt',
  'sa-saopaulo',
] as const;

export const MAX_IDS_PER_REQUEST = 100;
export const MAX_FILTERS = 10;
export const MAX_FILTER_VALUES = 5;
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;

/* The write side (section 7 of shared/reference/tat-api.md). */

export interface RunCommandRequest {
  /** Base64, at most MAX_CONTENT_BYTES encoded. */
  Content: string;
  InstanceIds: string[];
  CommandName?: string;
  Description?: string;
  CommandType?: string;
  WorkingDirectory?: string;
  Timeout?: number;
  SaveCommand?: boolean;
  EnableParameter?: boolean;
  DefaultParameters?: string;
  /** A JSON object of strings, as text. */
  Parameters?: string;
  Tags?: Tag[];
  Username?: string;
  OutputCOSBucketUrl?: string;
  OutputCOSKeyPrefix?: string;
}

export interface RunCommandResponse {
  CommandId: string;
  InvocationId: string;
  RequestId: string;
}

export interface InvokeCommandRequest {
  CommandId: string;
  InstanceIds: string[];
  Parameters?: string;
  Username?: string;
  WorkingDirectory?: string;
  Timeout?: number;
  OutputCOSBucketUrl?: string;
  OutputCOSKeyPrefix?: string;
}

export interface InvokeCommandResponse {
  InvocationId: string;
  RequestId: string;
}

export interface CancelInvocationRequest {
  InvocationId: string;
  InstanceIds?: string[];
}

/** RunCommand and InvokeCommand take at most this many InstanceIds. */
export const MAX_RUN_INSTANCES = 200;
/** CancelInvocation takes at most this many InstanceIds (DescribeAutomationAgentStatus too: MAX_IDS_PER_REQUEST). */
export const MAX_CANCEL_INSTANCES = 100;
/** RunCommand's Content: at most 64 KB once base64-encoded. */
export const MAX_CONTENT_BYTES = 64 * 1024;
/** A command's Timeout in seconds: 1 to 86,400 (24 h); 60 by default. */
export const MAX_COMMAND_TIMEOUT_SECONDS = 86_400;
export const DEFAULT_COMMAND_TIMEOUT_SECONDS = 60;
/** Parameters: at most 20 keys, each of at most 64 characters of [a-zA-Z0-9-_]. */
export const MAX_PARAMETERS = 20;
export const PARAMETER_KEY = /^[a-zA-Z0-9_-]{1,64}$/;
/** CommandName: at most 60 bytes; Description: at most 120 characters. */
export const MAX_COMMAND_NAME_BYTES = 60;
export const MAX_DESCRIPTION_CHARS = 120;
