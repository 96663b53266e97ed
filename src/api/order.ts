import { parseApiTime } from './time.js';

/**
 * The order TAT lists invocations in: newest CreatedTime first, equal times by InvocationId
 * ascending. One definition, used by the client (paging realignment, the instance-id fallback)
 * and by the emulator (how it sorts what it serves), so the two can never disagree on ties.
 */

/** Compares two (createdMs, id) keys in server order: negative when `a` is listed first. */
export function compareServerOrder(aMs: number, aId: string, bMs: number, bId: string): number {
  const a = Number.isNaN(aMs) ? -Infinity : aMs;
  const b = Number.isNaN(bMs) ? -Infinity : bMs;
  if (a !== b) return a > b ? -1 : 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

/** A record's creation time in ms; an unparseable time sorts last (oldest), deterministically. */
export function createdMs(createdTime: unknown): number {
  return typeof createdTime === 'string' ? (parseApiTime(createdTime) ?? NaN) : NaN;
}

/** Server order for API records with `CreatedTime` and an id field (invocations, or tasks by task id). */
export function byServerOrder<T extends { CreatedTime?: unknown }>(id: (record: T) => string): (a: T, b: T) => number {
  return (a, b) => compareServerOrder(createdMs(a.CreatedTime), id(a), createdMs(b.CreatedTime), id(b));
}

export const invocationOrder = byServerOrder<{ CreatedTime?: unknown; InvocationId: string }>((r) => r.InvocationId);

/** Saved commands (DescribeCommands), as invocations: newest CreatedTime first, then CommandId. */
export const commandOrder = byServerOrder<{ CreatedTime?: unknown; CommandId: string }>((r) => r.CommandId);

/**
 * Agents (DescribeAutomationAgentStatus) have no creation time and the API documents no order:
 * every two compare equal, so pages line up by the cursor alone and several regions' agents are
 * printed region after region, each in its server's order.
 */
export function agentOrder(): number {
  return 0;
}
