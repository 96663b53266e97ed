import type { InvokeCommandRequest, RunCommandRequest } from '../../../api/types.js';
import { parametersJson, shownParametersJson } from './params.js';
import type { RunPlan } from './plan.js';

/**
 * The write each call sends, and how it may be shown (hidden parameter values as `******`).
 * An inline script goes out with RunCommand; with `--save`, only the first call saves it and
 * the later ones invoke the saved command (a second RunCommand would save a second copy, or be
 * refused as a duplicate name). A saved command (`--command-id`) goes out with InvokeCommand.
 */

export type Write =
  | { action: 'RunCommand'; request: RunCommandRequest; shown: RunCommandRequest }
  | { action: 'InvokeCommand'; request: InvokeCommandRequest; shown: InvokeCommandRequest };

/** `savedId`: the command the first call saved (`--save`), which the later calls invoke. */
export function writeFor(plan: RunPlan, instanceIds: string[], savedId?: string): Write {
  const parameters = plan.params.size ? { Parameters: parametersJson(plan.params) } : {};
  const shownParameters = plan.params.size ? { Parameters: shownParametersJson(plan.params, plan.hidden) } : {};
  const { subject } = plan;
  if (subject.kind === 'saved' || savedId !== undefined) {
    const request: InvokeCommandRequest = {
      CommandId: subject.kind === 'saved' ? subject.commandId : savedId!,
      InstanceIds: instanceIds,
      ...parameters,
      ...plan.overrides,
    };
    return { action: 'InvokeCommand', request, shown: { ...request, ...shownParameters } };
  }
  const request: RunCommandRequest = {
    Content: Buffer.from(subject.script.bytes).toString('base64'),
    InstanceIds: instanceIds,
    CommandType: subject.commandType,
    ...(subject.name === undefined ? {} : { CommandName: subject.name }),
    ...(subject.description === undefined ? {} : { Description: subject.description }),
    ...(subject.save ? { SaveCommand: true } : {}),
    ...(plan.params.size ? { EnableParameter: true } : {}),
    ...parameters,
    ...plan.overrides,
  };
  return { action: 'RunCommand', request, shown: { ...request, ...shownParameters } };
}
