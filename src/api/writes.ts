import { OutcomeUnknownError, TransportError } from '../errors.js';
import type { CallOptions, TatClient } from './client.js';
import type { CancelInvocationRequest, InvokeCommandRequest, RunCommandRequest } from './types.js';

/**
 * The writes: RunCommand and InvokeCommand start a command on instances, CancelInvocation stops
 * one. The client sends them again only when they provably did nothing (api/retry.ts); a write
 * whose answer is lost ends with OutcomeUnknownError. So does one answered without the id it
 * created: it ran, and nothing says which invocation to follow.
 */

export interface Started {
  InvocationId: string;
  /** RunCommand's command (saved or not); InvokeCommand's is the one asked for. */
  CommandId: string;
}

const INVOCATION_ID = /^inv-[0-9a-z]+$/;
const COMMAND_ID = /^cmd-[0-9a-z]+$/;

export interface WriteOptions extends CallOptions {
  /** The clock, for when the write was sent (OutcomeUnknownError says it, to find it later). */
  now(): number;
}

export async function runCommand(
  client: TatClient,
  request: RunCommandRequest,
  options: WriteOptions,
): Promise<Started> {
  const sentAt = options.now();
  const answer = await client.call('RunCommand', request, options);
  return {
    InvocationId: expectId(answer, 'InvocationId', INVOCATION_ID, 'RunCommand', sentAt),
    CommandId: expectId(answer, 'CommandId', COMMAND_ID, 'RunCommand', sentAt),
  };
}

export async function invokeCommand(
  client: TatClient,
  request: InvokeCommandRequest,
  options: WriteOptions,
): Promise<Started> {
  const sentAt = options.now();
  const answer = await client.call('InvokeCommand', request, options);
  return {
    InvocationId: expectId(answer, 'InvocationId', INVOCATION_ID, 'InvokeCommand', sentAt),
    CommandId: request.CommandId,
  };
}

export async function cancelInvocation(client: TatClient, request: CancelInvocationRequest): Promise<void> {
  await client.call('CancelInvocation', request);
}

function expectId(
  answer: Record<string, unknown>,
  field: string,
  shape: RegExp,
  action: string,
  sentAt: number,
): string {
  const value = answer[field];
  if (typeof value === 'string' && shape.test(value)) return value;
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
  throw new OutcomeUnknownError(
    action,
    sentAt,
    new TransportError(`${action} answered without a valid ${field} (${shown})`, false),
  );
}
