/**
 * RunCommand: runs a script given in the request on 1 to 200 instances, and answers
 * `{CommandId, InvocationId}`. Every parameter of the official description, with its limits;
 * the command is saved (DescribeCommands shows it) only with `SaveCommand`.
 */
import { EmulatorApiError } from '../errors.js';
import { boolean, checkKeys, type Body } from '../params.js';
import { createInvocation, type WriteContext } from './create.js';
import * as f from './fields.js';
import type { DefaultParameterConf } from '../../api/types.js';
import { savedCommand } from '../commands/store.js';
import { applyParameters, parseParameterConfs, parseParameterObject, recordedParameters } from './parameters.js';

const KEYS = [
  'Content',
  'InstanceIds',
  'CommandName',
  'Description',
  'CommandType',
  'WorkingDirectory',
  'Timeout',
  'SaveCommand',
  'EnableParameter',
  'DefaultParameters',
  'DefaultParameterConfs',
  'Parameters',
  'Tags',
  'Username',
  'OutputCOSBucketUrl',
  'OutputCOSKeyPrefix',
];

const present = (body: Body, key: string): boolean => body[key] !== undefined && body[key] !== null;

/** `DefaultParameters` or `DefaultParameterConfs` (not both), as one map; undefined when neither is given. */
export function defaultParameters(body: Body): Map<string, string> | undefined {
  if (present(body, 'DefaultParameters') && present(body, 'DefaultParameterConfs')) {
    throw new EmulatorApiError(
      'InvalidParameter',
      '`DefaultParameters` and `DefaultParameterConfs` cannot be given together.',
    );
  }
  const text = f.optionalString(body, 'DefaultParameters');
  if (text !== undefined) return parseParameterObject(text, 'DefaultParameters');
  return present(body, 'DefaultParameterConfs') ? parseParameterConfs(body.DefaultParameterConfs) : undefined;
}

/** `Tags`: at most 10 `{Key, Value}`, for a saved command. */
export function tags(body: Body): Array<{ Key: string; Value: string }> {
  if (!present(body, 'Tags')) return [];
  const value = body.Tags;
  const bad = (where: string): never => {
    throw new EmulatorApiError(
      'InvalidParameter',
      `The value type of parameter \`${where}\` is not valid: expected an object {Key, Value} of strings.`,
    );
  };
  if (!Array.isArray(value)) return bad('Tags');
  if (value.length > f.MAX_TAGS)
    throw new EmulatorApiError(
      'InvalidParameterValue.LimitExceeded',
      `\`Tags\` accepts at most ${f.MAX_TAGS} tags, got ${value.length}.`,
    );
  return value.map((tag: unknown, i) => {
    if (typeof tag !== 'object' || tag === null || Array.isArray(tag)) return bad(`Tags.${i}`);
    // Checked just above to be a plain JSON object.
    const item = tag as Body;
    checkKeys(item, ['Key', 'Value']);
    const { Key, Value } = item;
    if (Key === undefined || Value === undefined) throw f.missing(`Tags.${i}.${Key === undefined ? 'Key' : 'Value'}`);
    if (typeof Key !== 'string' || typeof Value !== 'string') return bad(`Tags.${i}`);
    return { Key, Value };
  });
}

/** A saved command's DefaultParameterConfs: as given, else one per default parameter. */
function defaultConfs(body: Body, defaults: ReadonlyMap<string, string> | undefined): DefaultParameterConf[] {
  const given = body.DefaultParameterConfs;
  if (Array.isArray(given)) {
    // parseParameterConfs checked every item to be {ParameterName, ParameterValue, ParameterDescription?} of strings.
    return (given as DefaultParameterConf[]).map((c) => ({
      ParameterName: c.ParameterName,
      ParameterValue: c.ParameterValue,
      ParameterDescription: c.ParameterDescription ?? '',
    }));
  }
  return [...(defaults ?? [])].map(([ParameterName, ParameterValue]) => ({
    ParameterName,
    ParameterValue,
    ParameterDescription: '',
  }));
}

export function runCommand(body: Body, ctx: WriteContext): Record<string, unknown> {
  checkKeys(body, KEYS);
  const codes = f.RUN_COMMAND_CODES;
  const content = f.content(body);
  const type = f.commandType(body);
  const timeout = f.timeout(body, codes) ?? f.DEFAULT_TIMEOUT;
  const name = f.commandName(body) ?? '';
  const description = f.description(body) ?? '';
  const workingDirectory = f.workingDirectory(body, type) ?? f.defaultWorkingDirectory(type);
  const username = f.username(body, codes) ?? f.defaultUsername(type);
  const cos = f.cos(body);
  const save = boolean(body, 'SaveCommand') ?? false;
  const enable = boolean(body, 'EnableParameter') ?? false;
  const commandTags = tags(body);
  const parametersText = f.optionalString(body, 'Parameters');
  const parameters = parametersText === undefined ? undefined : parseParameterObject(parametersText, 'Parameters');
  const defaults = defaultParameters(body);
  if (!enable && (parameters !== undefined || defaults !== undefined)) {
    const given =
      parameters !== undefined
        ? 'Parameters'
        : present(body, 'DefaultParameters')
          ? 'DefaultParameters'
          : 'DefaultParameterConfs';
    throw new EmulatorApiError(
      'InvalidParameterValue.SupportParametersOnlyIfEnableParameter',
      `\`${given}\` is allowed only with \`EnableParameter\`: true.`,
    );
  }
  const targets = f.targets(body, ctx.store.fleet(ctx.region), type);
  const { script, hidden } = applyParameters(content.script.toString('utf8'), enable, parameters, defaults);
  const commands = ctx.store.commands(ctx.region);
  if (save && name !== '' && commands.byName(name).length > 0) {
    throw new EmulatorApiError(
      'InvalidParameterValue.CommandNameDuplicated',
      `A saved command is already named \`${name}\`: pick another CommandName to save this one.`,
    );
  }
  const commandId = ctx.store.newId(ctx.region, 'cmd');
  if (save) {
    commands.add(
      savedCommand(
        {
          CommandId: commandId,
          CommandName: name,
          Description: description,
          Content: content.base64,
          CommandType: type,
          WorkingDirectory: workingDirectory,
          Timeout: timeout,
          EnableParameter: enable,
          DefaultParameters: defaults === undefined ? '' : JSON.stringify(Object.fromEntries(defaults)),
          DefaultParameterConfs: defaultConfs(body, defaults),
          Tags: commandTags,
          Username: username,
          OutputCOSBucketUrl: cos.bucket,
          OutputCOSKeyPrefix: cos.prefix,
        },
        ctx.nowMs,
      ),
    );
  }
  const invocation = createInvocation(ctx, {
    command: {
      CommandId: commandId,
      CommandName: name,
      Description: description,
      Content: content.base64,
      CommandType: type,
      WorkingDirectory: workingDirectory,
      Username: username,
      Timeout: timeout,
      OutputCOSBucketUrl: cos.bucket ?? '',
      OutputCOSKeyPrefix: cos.prefix ?? '',
      Parameters: recordedParameters(parameters, hidden),
      DefaultParameters: recordedParameters(defaults, hidden),
      createdBy: 'USER',
    },
    targets,
    script,
  });
  return { CommandId: commandId, InvocationId: invocation.InvocationId };
}
