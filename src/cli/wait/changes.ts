import { normalStatus, type WaitState } from './state.js';

/**
 * State changes between two poll rounds: an invocation's status, or one instance's task
 * status. Piped runs print one line per change (never one per poll).
 */

export type Change =
  | { kind: 'invocation'; id: string; from?: string; to: string }
  | { kind: 'task'; id: string; instanceId: string; from?: string; to: string }
  | { kind: 'missing'; id: string };

/** id → status, and `id instance` → task status. */
export type Snapshot = Map<string, string>;

export function snapshot(state: WaitState): Snapshot {
  const out: Snapshot = new Map();
  for (const entry of state.entries) {
    if (entry.missing) out.set(entry.id, 'MISSING');
    const invocation = entry.invocation;
    if (!invocation) continue;
    out.set(entry.id, normalStatus(invocation.InvocationStatus));
    const basic = Array.isArray(invocation.InvocationTaskBasicInfoSet) ? invocation.InvocationTaskBasicInfoSet : [];
    for (const task of basic) out.set(`${entry.id} ${String(task.InstanceId)}`, normalStatus(task.TaskStatus));
  }
  return out;
}

export function diff(before: Snapshot, after: Snapshot): Change[] {
  const changes: Change[] = [];
  for (const [key, to] of after) {
    const from = before.get(key);
    if (from === to) continue;
    const space = key.indexOf(' ');
    if (to === 'MISSING') changes.push({ kind: 'missing', id: key });
    else if (space < 0) changes.push({ kind: 'invocation', id: key, from, to });
    else changes.push({ kind: 'task', id: key.slice(0, space), instanceId: key.slice(space + 1), from, to });
  }
  return changes;
}
