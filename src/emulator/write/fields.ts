/**
 * The fields RunCommand and InvokeCommand share, with the limits of the official description
 * (tat-api-2020-10-28.json) and the codes each action documents (the Go SDK's list per action):
 * the two differ for Timeout (`.Range` is RunCommand's only) and Username.
 */
import { COMMAND_TYPES } from '../../api/types.js';
import { EmulatorApiError } from '../errors.js';
import { ID_FORMATS } from '../filters.js';
import type { FleetInstance, RegionFleet } from '../fleet/fleet.js';
import { type Body, integer, stringList } from '../params.js';

export interface WriteCodes {
  /** Timeout outside [1, 86400]. */
  timeout: string;
  /** A Username the service refuses. */
  username: string;
}

export const RUN_COMMAND_CODES: WriteCodes = {
  timeout: 'InvalidParameterValue.Range',
  username: 'InvalidParameterValue.InvalidUsername',
};
/** InvokeCommand documents neither `.Range` nor `InvalidParameterValue.InvalidUsername`. */
export const INVOKE_COMMAND_CODES: WriteCodes = {
  timeout: 'InvalidParameterValue',
  username: 'InvalidParameter.InvalidUsername',
};

export const MAX_TARGETS = 200;
/** Content is at most 64 KB once base64-encoded. */
export const MAX_CONTENT_BASE64 = 64 * 1024;
export const MAX_COMMAND_NAME_BYTES = 60;
export const MAX_DESCRIPTION_CHARS = 120;
export const MAX_TIMEOUT = 86_400;
export const DEFAULT_TIMEOUT = 60;
export const MAX_COS_PREFIX = 60;
export const MAX_TAGS = 10;
export const MAX_USERNAME = 64;

export type CommandType = (typeof COMMAND_TYPES)[number];

const typeError = (key: string, expected: string): EmulatorApiError =>
  new EmulatorApiError(
    'InvalidParameter',
    `The value type of parameter \`${key}\` is not valid: expected ${expected}.`,
  );
export const missing = (key: string): EmulatorApiError =>
  new EmulatorApiError('MissingParameter', `The request is missing a required parameter \`${key}\`.`);
const present = (body: Body, key: string): boolean => body[key] !== undefined && body[key] !== null;

export function optionalString(body: Body, key: string): string | undefined {
  if (!present(body, key)) return undefined;
  const value = body[key];
  if (typeof value !== 'string') throw typeError(key, 'a string');
  return value;
}

export function requiredString(body: Body, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined) throw missing(key);
  return value;
}

/** `Content`: base64 of the script, at most 64 KB encoded. Returns the script's bytes. */
export function content(body: Body): { base64: string; script: Buffer } {
  const base64 = requiredString(body, 'Content');
  if (base64.length > MAX_CONTENT_BASE64) {
    throw new EmulatorApiError(
      'InvalidParameterValue.TooLong',
      `\`Content\` is ${base64.length} bytes once base64-encoded; at most ${MAX_CONTENT_BASE64} (64 KB) are allowed.`,
    );
  }
  if (base64 === '' || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new EmulatorApiError(
      'InvalidParameterValue.InvalidContent',
      '`Content` must be the script encoded in base64 (standard alphabet, padded), and not empty.',
    );
  }
  return { base64, script: Buffer.from(base64, 'base64') };
}

export function commandType(body: Body): CommandType {
  const value = optionalString(body, 'CommandType') ?? 'SHELL';
  const type = COMMAND_TYPES.find((t) => t === value);
  if (!type)
    throw new EmulatorApiError(
      'InvalidParameterValue',
      `\`CommandType\` must be one of ${COMMAND_TYPES.join(', ')}, got \`${value}\`.`,
    );
  return type;
}

export function timeout(body: Body, codes: WriteCodes): number | undefined {
  const value = integer(body, 'Timeout');
  if (value !== undefined && (value < 1 || value > MAX_TIMEOUT)) {
    throw new EmulatorApiError(codes.timeout, `\`Timeout\` must be from 1 to ${MAX_TIMEOUT} seconds, got ${value}.`);
  }
  return value;
}

/** Chinese, English letters, digits, `_`, `-` and `.`; at most 60 bytes (UTF-8). */
export function commandName(body: Body): string | undefined {
  const value = optionalString(body, 'CommandName');
  if (value === undefined) return undefined;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_COMMAND_NAME_BYTES)
    throw new EmulatorApiError(
      'InvalidParameterValue.TooLong',
      `\`CommandName\` is ${bytes} bytes; at most ${MAX_COMMAND_NAME_BYTES} are allowed.`,
    );
  if (!/^[\p{Script=Han}A-Za-z0-9_.-]+$/u.test(value)) {
    throw new EmulatorApiError(
      'InvalidParameterValue.InvalidCommandName',
      `\`CommandName\` may only contain Chinese characters, letters, digits, '_', '-' and '.', got \`${value}\`.`,
    );
  }
  return value;
}

export function description(body: Body): string | undefined {
  const value = optionalString(body, 'Description');
  const chars = value === undefined ? 0 : [...value].length;
  if (chars > MAX_DESCRIPTION_CHARS)
    throw new EmulatorApiError(
      'InvalidParameterValue.TooLong',
      `\`Description\` is ${chars} characters; at most ${MAX_DESCRIPTION_CHARS} are allowed.`,
    );
  return value;
}

/** Where the agent runs a command of this type unless told otherwise. */
export function defaultWorkingDirectory(type: CommandType): string {
  return type === 'SHELL' ? '/root' : 'C:\\Program Files\\qcloud\\tat_agent\\workdir';
}

export function defaultUsername(type: CommandType): string {
  return type === 'SHELL' ? 'root' : 'System';
}

/** An absolute path: `/...` for SHELL, `X:\...` for POWERSHELL and BAT. */
export function workingDirectory(body: Body, type: CommandType): string | undefined {
  const value = optionalString(body, 'WorkingDirectory');
  if (value === undefined) return undefined;
  const absolute = type === 'SHELL' ? value.startsWith('/') : /^[A-Za-z]:[\\/]/.test(value);
  if (!absolute || value.length > 256 || /[\0\r\n]/.test(value)) {
    throw new EmulatorApiError(
      'InvalidParameterValue.InvalidWorkingDirectory',
      `\`WorkingDirectory\` must be an absolute path${type === 'SHELL' ? ' (/...)' : ' (C:\\...)'} of at most 256 characters, got \`${value}\`.`,
    );
  }
  return value;
}

export function username(body: Body, codes: WriteCodes): string | undefined {
  const value = optionalString(body, 'Username');
  if (value !== undefined && (value === '' || value.length > MAX_USERNAME || !/^[A-Za-z0-9_.$\\-]+$/.test(value))) {
    throw new EmulatorApiError(
      codes.username,
      `\`Username\` must be a user name of 1 to ${MAX_USERNAME} letters, digits, '_', '-', '.', '$' or '\\', got \`${value}\`.`,
    );
  }
  return value;
}

/** `OutputCOSBucketUrl` (https://BUCKET-APPID.cos.REGION.myqcloud.com) and `OutputCOSKeyPrefix`. */
export function cos(body: Body): { bucket?: string; prefix?: string } {
  const bucket = optionalString(body, 'OutputCOSBucketUrl');
  if (bucket !== undefined && !/^https:\/\/[a-z0-9-]+-\d+\.cos\.[a-z0-9-]+\.myqcloud\.com\/?$/.test(bucket)) {
    throw new EmulatorApiError(
      'InvalidParameterValue.InvalidOutputCOSBucketUrl',
      `\`OutputCOSBucketUrl\` must look like https://BucketName-123454321.cos.ap-beijing.myqcloud.com, got \`${bucket}\`.`,
    );
  }
  const prefix = optionalString(body, 'OutputCOSKeyPrefix');
  if (prefix !== undefined) {
    const bad =
      [...prefix].length > MAX_COS_PREFIX ||
      prefix.startsWith('/') ||
      prefix.includes('//') ||
      prefix.split('/').includes('..') ||
      [...prefix].some((c) => c < ' ' || c === '\x7f');
    if (bad) {
      throw new EmulatorApiError(
        'InvalidParameterValue.InvalidOutputCOSKeyPrefix',
        `\`OutputCOSKeyPrefix\` must be at most ${MAX_COS_PREFIX} visible characters, not start with '/', and have no '//' and no '..' folder, got \`${prefix}\`.`,
      );
    }
  }
  return { bucket: bucket?.replace(/\/$/, ''), prefix };
}

/** The instances named by `InstanceIds`, checked as the service does before anything runs. */
export interface Targets {
  instances: FleetInstance[];
  /** The instances' one kind: CVM, LIGHTHOUSE or REGISTERINST. */
  kind: string;
}

/**
 * `InstanceIds`: 1 to 200 well-formed ids of one kind (CVM and Lighthouse cannot be mixed), each
 * an instance of the region whose agent is online and runs `type`. Any one of them failing
 * fails the whole call: nothing runs anywhere.
 */
export function targets(body: Body, fleet: RegionFleet, type: CommandType): Targets {
  const ids = stringList(body, 'InstanceIds');
  if (ids === undefined) throw missing('InstanceIds');
  if (ids.length === 0)
    throw new EmulatorApiError('InvalidParameterValue', '`InstanceIds` must name at least one instance.');
  if (ids.length > MAX_TARGETS)
    throw new EmulatorApiError(
      'InvalidParameterValue.LimitExceeded',
      `\`InstanceIds\` accepts at most ${MAX_TARGETS} instances, got ${ids.length}.`,
    );
  const format = ID_FORMATS.instance;
  const malformed = ids.find((id) => !format.re.test(id));
  if (malformed !== undefined)
    throw new EmulatorApiError(format.code, `\`${malformed}\` is not a valid ${format.what}.`);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined)
    throw new EmulatorApiError('InvalidParameterValue', `\`InstanceIds\` names \`${repeated}\` more than once.`);
  const kinds = new Set(ids.map((id) => id.slice(0, id.indexOf('-'))));
  if (kinds.size > 1) {
    throw new EmulatorApiError(
      'InvalidParameterValue.InconsistentInstance',
      `\`InstanceIds\` mixes instance kinds (${[...kinds].map((k) => `${k}-`).join(', ')}): one call runs on one kind only.`,
    );
  }
  const unknown = ids.filter((id) => fleet.get(id) === undefined);
  if (unknown.length > 0)
    throw new EmulatorApiError(
      'ResourceNotFound.InstanceNotFound',
      `No such instance in this region: ${unknown.join(', ')}.`,
    );
  // Every id was found just above.
  const instances = ids.map((id) => fleet.get(id) as FleetInstance);
  const offline = instances.filter((instance) => instance.status !== 'Online').map((instance) => instance.InstanceId);
  if (offline.length > 0)
    throw new EmulatorApiError(
      'ResourceUnavailable.AgentStatusNotOnline',
      `The TAT agent is not online on: ${offline.join(', ')}.`,
    );
  const wanted = type === 'SHELL' ? 'Linux' : 'Windows';
  const unsupported = instances
    .filter((instance) => instance.environment !== wanted)
    .map((instance) => instance.InstanceId);
  if (unsupported.length > 0) {
    throw new EmulatorApiError(
      'InvalidParameterValue.AgentUnsupportedCommandType',
      `A ${type} command cannot run on these instances, whose agent runs on ${wanted === 'Linux' ? 'Windows' : 'Linux'}: ${unsupported.join(', ')}.`,
    );
  }
  return { instances, kind: instances[0]?.kind ?? 'CVM' };
}
