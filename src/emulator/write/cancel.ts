/**
 * CancelInvocation: cancels an invocation's tasks, all of them or those of the instances named
 * (at most 100). Tasks not yet started become CANCELLED, running ones TERMINATED (exit code -1),
 * both through CANCELLING; tasks already ended keep their end. Answers nothing but RequestId.
 */
import { EmulatorApiError } from '../errors.js';
import { checkIds, ID_FORMATS } from '../filters.js';
import { checkKeys, stringList, type Body } from '../params.js';
import { taskIndex } from '../task-index.js';
import type { WriteContext } from './create.js';
import { requiredString } from './fields.js';

export const MAX_CANCEL_INSTANCES = 100;

export function cancelInvocation(body: Body, ctx: WriteContext): Record<string, unknown> {
  checkKeys(body, ['InvocationId', 'InstanceIds']);
  const id = requiredString(body, 'InvocationId');
  if (!ID_FORMATS.invocation.re.test(id))
    throw new EmulatorApiError(ID_FORMATS.invocation.code, `\`${id}\` is not a valid ${ID_FORMATS.invocation.what}.`);
  const ids = stringList(body, 'InstanceIds');
  if (ids && ids.length > MAX_CANCEL_INSTANCES) {
    throw new EmulatorApiError(
      'InvalidParameterValue.LimitExceeded',
      `\`InstanceIds\` accepts at most ${MAX_CANCEL_INSTANCES} instances, got ${ids.length}.`,
    );
  }
  if (ids) checkIds(ids, 'instance');
  const record = taskIndex(ctx.store.forRegion(ctx.region)).invocation(id);
  if (!record)
    throw new EmulatorApiError(
      'ResourceNotFound.InvocationNotFound',
      `The invocation \`${id}\` does not exist in this region.`,
    );
  const unrelated = (ids ?? []).filter((instance) => !record.instanceIds.includes(instance));
  if (unrelated.length > 0) {
    throw new EmulatorApiError(
      'InvalidParameterValue.InstanceIsNotRelatedToInvocation',
      `The invocation \`${id}\` has no task on: ${unrelated.join(', ')}.`,
    );
  }
  // Finished ones (and --data ones, which never change) have nothing to cancel.
  record.cancel?.(ctx.nowMs, ids && ids.length > 0 ? new Set(ids) : undefined);
  return {};
}
