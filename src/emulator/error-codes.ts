/**
 * The error codes TAT documents for each action, so the emulator never answers a code the real
 * service would not (a client that branches on codes must see only documented ones).
 *
 * Per action: the "可能返回的错误码" comment of each method in the official Go SDK,
 * tencentcloud-sdk-go tencentcloud/tat/v20201028/client.go (commit 144f6c8, 2026-08-21); every
 * code there is also in the Python SDK's tencentcloud/tat/v20201028/errorcodes.py. Common: the
 * API 3.0 "Common Error Codes" table that every product's error page repeats (the subset of it
 * in /work/shared/reference/tat-api.md section 4, plus the quota and resource ones).
 *
 * Note for writers: `InvalidParameterValue.LackOfParameters` is documented for
 * PreviewReplacedCommandContent only; RunCommand and InvokeCommand document
 * `.LackOfParameterInfo` for a missing parameter value.
 */

/** Codes any action may answer: protocol, signature, rate and generic parameter errors. */
export const COMMON_ERROR_CODES = [
  'ActionOffline',
  'AuthFailure.InvalidAuthorization',
  'AuthFailure.InvalidSecretId',
  'AuthFailure.MFAFailure',
  'AuthFailure.SecretIdNotFound',
  'AuthFailure.SignatureExpire',
  'AuthFailure.SignatureFailure',
  'AuthFailure.TokenFailure',
  'AuthFailure.UnauthorizedOperation',
  'DryRunOperation',
  'FailedOperation',
  'InternalError',
  'InvalidAction',
  'InvalidParameter',
  'InvalidParameterValue',
  'InvalidRequest',
  'IpInBlacklist',
  'IpNotInWhitelist',
  'LimitExceeded',
  'MissingParameter',
  'NoSuchProduct',
  'NoSuchVersion',
  'RequestLimitExceeded',
  'RequestLimitExceeded.GlobalRegionUinLimitExceeded',
  'RequestLimitExceeded.IPLimitExceeded',
  'RequestLimitExceeded.UinLimitExceeded',
  'RequestSizeLimitExceeded',
  'ResourceInUse',
  'ResourceInsufficient',
  'ResourceNotFound',
  'ResourceUnavailable',
  'ResponseSizeLimitExceeded',
  'ServiceUnavailable',
  'UnauthorizedOperation',
  'UnknownParameter',
  'UnsupportedOperation',
  'UnsupportedProtocol',
  'UnsupportedRegion',
] as const;

const CAM = [
  'UnauthorizedOperation.CamAuthFailed',
  'UnauthorizedOperation.InvalidToken',
  'UnauthorizedOperation.MFAExpired',
  'UnauthorizedOperation.MFANotFound',
] as const;

/** The codes written beside each action in the official SDK (in the SDK's order). */
export const ACTION_ERROR_CODES = {
  DescribeInvocations: [
    'InternalError',
    'InvalidParameter',
    'InvalidParameter.ConflictParameter',
    'InvalidParameterValue.InvalidCommandId',
    'InvalidParameterValue.InvalidFilter',
    'InvalidParameterValue.InvalidInvocationId',
    'InvalidParameterValue.LimitExceeded',
    'LimitExceeded.FilterValueExceeded',
    ...CAM,
  ],
  DescribeInvocationTasks: [
    'InternalError',
    'InvalidParameter',
    'InvalidParameter.ConflictParameter',
    'InvalidParameterValue',
    'InvalidParameterValue.InvalidCommandId',
    'InvalidParameterValue.InvalidFilter',
    'InvalidParameterValue.InvalidInstanceId',
    'InvalidParameterValue.InvalidInvocationId',
    'InvalidParameterValue.InvalidInvocationTaskId',
    ...CAM,
    'UnsupportedOperation',
  ],
  DescribeRegions: ['InternalError', ...CAM],
  RunCommand: [
    'FailedOperation.CVMError',
    'FailedOperation.LighthouseError',
    'InternalError',
    'InvalidParameter',
    'InvalidParameter.InvalidUsername',
    'InvalidParameter.ParameterNameDuplicated',
    'InvalidParameterValue',
    'InvalidParameterValue.AgentUnsupportedCommandType',
    'InvalidParameterValue.CommandContentInvalid',
    'InvalidParameterValue.CommandNameDuplicated',
    'InvalidParameterValue.InconsistentInstance',
    'InvalidParameterValue.InvalidCommandName',
    'InvalidParameterValue.InvalidContent',
    'InvalidParameterValue.InvalidInstanceId',
    'InvalidParameterValue.InvalidOutputCOSBucketUrl',
    'InvalidParameterValue.InvalidOutputCOSKeyPrefix',
    'InvalidParameterValue.InvalidUsername',
    'InvalidParameterValue.InvalidWorkingDirectory',
    'InvalidParameterValue.LackOfParameterInfo',
    'InvalidParameterValue.LimitExceeded',
    'InvalidParameterValue.ParameterDisabled',
    'InvalidParameterValue.ParameterInvalidJsonFormat',
    'InvalidParameterValue.ParameterKeyContainsInvalidChar',
    'InvalidParameterValue.ParameterKeyDuplicated',
    'InvalidParameterValue.ParameterKeyLenExceeded',
    'InvalidParameterValue.ParameterNumberExceeded',
    'InvalidParameterValue.ParameterValueNotString',
    'InvalidParameterValue.Range',
    'InvalidParameterValue.SupportParametersOnlyIfEnableParameter',
    'InvalidParameterValue.TooLong',
    'MissingParameter',
    'OperationDenied',
    'ResourceNotFound.CosBucketNotFoundCode',
    'ResourceNotFound.InstanceNotFound',
    'ResourceNotFound.RoleNotFound',
    'ResourceUnavailable',
    'ResourceUnavailable.AgentNotInstalled',
    'ResourceUnavailable.AgentStatusNotOnline',
    'ResourceUnavailable.InstanceStateNotRunning',
    'ResourceUnavailable.LighthouseUnsupportedRegion',
    'ResourceUnavailable.UserHasNoQuotaCode',
    'UnauthorizedOperation.AssumeRoleUnauthorized',
    ...CAM,
  ],
  InvokeCommand: [
    'FailedOperation.CVMError',
    'FailedOperation.LighthouseError',
    'InternalError',
    'InvalidParameter',
    'InvalidParameter.InvalidUsername',
    'InvalidParameterValue',
    'InvalidParameterValue.AgentUnsupportedCommandType',
    'InvalidParameterValue.InconsistentInstance',
    'InvalidParameterValue.InvalidCommandId',
    'InvalidParameterValue.InvalidInstanceId',
    'InvalidParameterValue.InvalidOutputCOSBucketUrl',
    'InvalidParameterValue.InvalidOutputCOSKeyPrefix',
    'InvalidParameterValue.InvalidWorkingDirectory',
    'InvalidParameterValue.LackOfParameterInfo',
    'InvalidParameterValue.LimitExceeded',
    'InvalidParameterValue.ParameterDisabled',
    'InvalidParameterValue.ParameterInvalidJsonFormat',
    'InvalidParameterValue.ParameterKeyContainsInvalidChar',
    'InvalidParameterValue.ParameterKeyDuplicated',
    'InvalidParameterValue.ParameterKeyLenExceeded',
    'InvalidParameterValue.ParameterNumberExceeded',
    'InvalidParameterValue.ParameterValueNotString',
    'InvalidParameterValue.SupportParametersOnlyIfEnableParameter',
    'OperationDenied',
    'ResourceNotFound.CommandNotFound',
    'ResourceNotFound.CosBucketNotFoundCode',
    'ResourceNotFound.InstanceNotFound',
    'ResourceNotFound.RoleNotFound',
    'ResourceUnavailable',
    'ResourceUnavailable.AgentNotInstalled',
    'ResourceUnavailable.AgentStatusNotOnline',
    'ResourceUnavailable.InstanceStateNotRunning',
    'ResourceUnavailable.LighthouseUnsupportedRegion',
    ...CAM,
    'UnauthorizedOperation.NeedApproval',
  ],
  CancelInvocation: [
    'InternalError',
    'InvalidParameter',
    'InvalidParameterValue',
    'InvalidParameterValue.InstanceIsNotRelatedToInvocation',
    'InvalidParameterValue.InvalidInstanceId',
    'InvalidParameterValue.InvalidInvocationId',
    'InvalidParameterValue.LimitExceeded',
    'InvalidParameterValue.TooLong',
    'LimitExceeded',
    'MissingParameter',
    'ResourceNotFound.InvocationNotFound',
    ...CAM,
    'UnknownParameter',
  ],
  DescribeCommands: [
    'InternalError',
    'InvalidParameter',
    'InvalidParameter.ConflictParameter',
    'InvalidParameterValue',
    'InvalidParameterValue.InvalidCommandId',
    'InvalidParameterValue.InvalidFilter',
    ...CAM,
  ],
  DescribeAutomationAgentStatus: [
    'InternalError',
    'InvalidParameter',
    'InvalidParameter.ConflictParameter',
    'InvalidParameterValue',
    'InvalidParameterValue.InvalidFilter',
    'InvalidParameterValue.InvalidInstanceId',
    'InvalidParameterValue.LimitExceeded',
    ...CAM,
    'UnsupportedOperation',
  ],
} as const;

export type DocumentedAction = keyof typeof ACTION_ERROR_CODES;
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];
/** A code `action` may answer: its own documented ones and the common ones. Type a handler's codes with it. */
export type ErrorCodeOf<A extends DocumentedAction> = (typeof ACTION_ERROR_CODES)[A][number] | CommonErrorCode;

const COMMON: ReadonlySet<string> = new Set(COMMON_ERROR_CODES);
const BY_ACTION: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(ACTION_ERROR_CODES).map(([action, codes]) => [action, new Set<string>(codes)]),
);

export function isDocumentedAction(action: string): action is DocumentedAction {
  return BY_ACTION.has(action);
}

/** True when `action` may answer `code` (common codes for any action, even one not in the table). */
export function isDocumentedCode(action: string, code: string): boolean {
  return COMMON.has(code) || (BY_ACTION.get(action)?.has(code) ?? false);
}

/**
 * The code to answer for `code` raised while serving `action`: the code itself when documented,
 * else its nearest documented parent (`InvalidParameterValue.InvalidInstanceId` becomes
 * `InvalidParameterValue`, which every action may answer), else `InternalError`.
 */
export function documentedCode(action: string, code: string): string {
  for (let candidate = code; ; candidate = candidate.slice(0, candidate.lastIndexOf('.'))) {
    if (isDocumentedCode(action, candidate)) return candidate;
    if (!candidate.includes('.')) return 'InternalError';
  }
}
