import { FINAL_INVOCATION_STATUSES, FINAL_TASK_STATUSES, INVOCATION_STATUSES, TASK_STATUSES } from './types.js';

/**
 * The one way statuses are compared. The API writes them upper case, but one of its own examples
 * answers in lower case: every comparison (waiting, `--status`, `--exit-status`, colours) goes
 * through `normalStatus`, so `success` and `SUCCESS` are never told apart in one place and not
 * in another. Records are printed as the server sent them.
 */
export function normalStatus(status: unknown): string {
  return typeof status === 'string' ? status.trim().toUpperCase() : '';
}

const FINAL_INVOCATION = new Set<string>(FINAL_INVOCATION_STATUSES);
const FINAL_TASK = new Set<string>(FINAL_TASK_STATUSES);
const KNOWN_INVOCATION = new Set<string>(INVOCATION_STATUSES);
const KNOWN_TASK = new Set<string>(TASK_STATUSES);

export function isFinalInvocationStatus(status: unknown): boolean {
  return FINAL_INVOCATION.has(normalStatus(status));
}

export function isFinalTaskStatus(status: unknown): boolean {
  return FINAL_TASK.has(normalStatus(status));
}

/** A status the API documents (a server may add others: they are shown, never taken as final). */
export function isKnownInvocationStatus(status: unknown): boolean {
  return KNOWN_INVOCATION.has(normalStatus(status));
}

export function isKnownTaskStatus(status: unknown): boolean {
  return KNOWN_TASK.has(normalStatus(status));
}

/** `a` and `b` are the same status, whatever their case. */
export function sameStatus(a: unknown, b: unknown): boolean {
  return normalStatus(a) === normalStatus(b);
}
