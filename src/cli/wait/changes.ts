import { invocationOf, normalStatus, type WaitKind, type WaitState } from './state.js';

/**
 * State changes between two looks at the wait state: an invocation's status, one instance's
 * task status, or an id given up as missing. Piped runs print one line per change (never one
 * per poll).
 */

export type Change =
  | { kind: 'invocation'; id: string; from?: string; to: string }
  | { kind: 'task'; id: string; instanceId: string; from?: string; to: string }
  | { kind: 'missing'; id: string };

/** What one entry looked like: its state, its status and each instance's task status (upper case). */
export interface Look {
  readonly kind: WaitKind;
  readonly status?: string;
  readonly tasks: ReadonlyMap<string, string>;
}

/** By invocation id. */
export type Snapshot = ReadonlyMap<string, Look>;

export function snapshot(state: WaitState): Snapshot {
  const out = new Map<string, Look>();
  for (const entry of state.entries) {
    const invocation = entry.kind === 'missing' ? undefined : invocationOf(entry);
    const basic = Array.isArray(invocation?.InvocationTaskBasicInfoSet) ? invocation.InvocationTaskBasicInfoSet : [];
    out.set(entry.id, {
      kind: entry.kind,
      status: invocation ? normalStatus(invocation.InvocationStatus) : undefined,
      tasks: new Map(basic.map((task) => [String(task.InstanceId), normalStatus(task.TaskStatus)])),
    });
  }
  return out;
}

export function diff(before: Snapshot, after: Snapshot): Change[] {
  const changes: Change[] = [];
  for (const [id, now] of after) {
    const then = before.get(id);
    if (now.kind === 'missing') {
      if (then?.kind !== 'missing') changes.push({ kind: 'missing', id });
      continue;
    }
    if (now.status !== undefined && now.status !== then?.status)
      changes.push({ kind: 'invocation', id, from: then?.status, to: now.status });
    for (const [instanceId, to] of now.tasks) {
      const from = then?.tasks.get(instanceId);
      if (from !== to) changes.push({ kind: 'task', id, instanceId, from, to });
    }
  }
  return changes;
}
