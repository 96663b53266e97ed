/**
 * Every TAT action tat sends, and whether sending it twice is harmless. The client retries by
 * this: a read as often as its policy allows; a write (it runs or stops commands on instances,
 * and the API takes no client token) only when it provably did not take effect (api/retry.ts).
 * An action missing here does not compile, so a new one is declared before it is sent.
 */
export const ACTIONS = {
  DescribeInvocations: 'read',
  DescribeInvocationTasks: 'read',
  DescribeRegions: 'read',
  DescribeCommands: 'read',
  DescribeAutomationAgentStatus: 'read',
  RunCommand: 'write',
  InvokeCommand: 'write',
  CancelInvocation: 'write',
} as const satisfies Record<string, 'read' | 'write'>;

export type ActionName = keyof typeof ACTIONS;

export function isIdempotent(action: ActionName): boolean {
  return ACTIONS[action] === 'read';
}
