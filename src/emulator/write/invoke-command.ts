/**
 * InvokeCommand: runs a saved command (DescribeCommands lists them) on 1 to 200 instances and
 * answers `{InvocationId}`. `Parameters`, `Username`, `WorkingDirectory`, `Timeout` and the COS
 * settings override the command's own; its defaults fill the parameters not given.
 */
import type { Command } from '../../api/types.js';
import { EmulatorApiError } from '../errors.js';
import { ID_FORMATS } from '../filters.js';
import { checkKeys, type Body } from '../params.js';
import { createInvocation, type WriteContext } from './create.js';
import * as f from './fields.js';
import { applyParameters, type ParameterMap, parseParameterObject, recordedParameters } from './parameters.js';

const KEYS = [
  'CommandId',
  'InstanceIds',
  'Parameters',
  'Username',
  'WorkingDirectory',
  'Timeout',
  'OutputCOSBucketUrl',
  'OutputCOSKeyPrefix',
];

/** A saved command's defaults: its DefaultParameterConfs, else its DefaultParameters. */
export function commandDefaults(command: Command): ParameterMap | undefined {
  const confs = command.DefaultParameterConfs ?? [];
  if (confs.length > 0) return new Map(confs.map((c) => [c.ParameterName, c.ParameterValue]));
  return command.DefaultParameters === ''
    ? undefined
    : parseParameterObject(command.DefaultParameters, 'DefaultParameters');
}

export function invokeCommand(body: Body, ctx: WriteContext): Record<string, unknown> {
  checkKeys(body, KEYS);
  const codes = f.INVOKE_COMMAND_CODES;
  const commandId = f.requiredString(body, 'CommandId');
  if (!ID_FORMATS.command.re.test(commandId))
    throw new EmulatorApiError(ID_FORMATS.command.code, `\`${commandId}\` is not a valid ${ID_FORMATS.command.what}.`);
  const timeout = f.timeout(body, codes);
  const username = f.username(body, codes);
  const cos = f.cos(body);
  const parametersText = f.optionalString(body, 'Parameters');
  const parameters = parametersText === undefined ? undefined : parseParameterObject(parametersText, 'Parameters');
  const command = ctx.store.commands(ctx.region).get(commandId);
  if (!command)
    throw new EmulatorApiError(
      'ResourceNotFound.CommandNotFound',
      `The command \`${commandId}\` does not exist in this region.`,
    );
  if (parameters !== undefined && !command.EnableParameter) {
    throw new EmulatorApiError(
      'InvalidParameterValue.ParameterDisabled',
      `The command \`${commandId}\` does not take parameters (its EnableParameter is false): leave out \`Parameters\`.`,
    );
  }
  // A saved command's type is one of the three (RunCommand or the generated data saved it).
  const type = f.commandType({ CommandType: command.CommandType });
  const workingDirectory = f.workingDirectory(body, type) ?? command.WorkingDirectory;
  const targets = f.targets(body, ctx.store.fleet(ctx.region), type);
  const defaults = commandDefaults(command);
  const { script, hidden } = applyParameters(
    Buffer.from(command.Content, 'base64').toString('utf8'),
    command.EnableParameter,
    parameters,
    defaults,
  );
  const invocation = createInvocation(ctx, {
    command: {
      CommandId: command.CommandId,
      CommandName: command.CommandName,
      Description: command.Description,
      Content: command.Content,
      CommandType: type,
      WorkingDirectory: workingDirectory,
      Username: username ?? command.Username,
      Timeout: timeout ?? command.Timeout,
      OutputCOSBucketUrl: cos.bucket ?? command.OutputCOSBucketUrl,
      OutputCOSKeyPrefix: cos.prefix ?? command.OutputCOSKeyPrefix,
      Parameters: recordedParameters(parameters, hidden),
      DefaultParameters: recordedParameters(defaults, hidden),
      createdBy: command.CreatedBy === 'TAT' ? 'TAT' : 'USER',
    },
    targets,
    script,
  });
  return { InvocationId: invocation.InvocationId };
}
