/**
 * The generated history follows the TAT agent too: walking every invocation still going (the
 * fleet's own and `--live` ones of every outcome) with an injected clock, nothing once reported
 * goes back, a task that ran never ends CANCELLED or DELIVER_FAILED, cancelled invocations pass
 * through CANCELLING, a TIMEOUT fires at the command's Timeout; finished tasks carry the exit
 * codes and ErrorInfo the agent reports.
 */
import { describe, expect, it } from '@jest/globals';
import { FINAL_INVOCATION_STATUSES, type InvocationTask } from '../../src/api/types.js';
import type { StoredInvocation } from '../../src/emulator/data/model.js';
import { DataStore } from '../../src/emulator/data/store.js';

const T0 = Date.parse('2026-05-01T00:00:00Z');
const OUTCOMES = [...FINAL_INVOCATION_STATUSES, ...FINAL_INVOCATION_STATUSES, ...FINAL_INVOCATION_STATUSES];
const store = new DataStore({ seed: 424242, invocations: 400, t0: T0, live: OUTCOMES });
const records = store.forRegion('ap-guangzhou');
const decoded = (t: InvocationTask): string => Buffer.from(t.TaskResult?.Output ?? '', 'base64').toString('latin1');
const ms = (time: string | null | undefined): number => (time ? Date.parse(time) : NaN);

/** The invocations still going at T0: their state moves with the clock. */
const live = records.filter(
  (r) =>
    r.invocation(T0 + 3_600_000).UpdatedTime !== r.invocation(T0 - 60_000).UpdatedTime ||
    !FINAL_INVOCATION_STATUSES.some((s) => s === r.invocation(T0).InvocationStatus),
);

function sweep(
  record: StoredInvocation,
  each: (now: number, previous: InvocationTask[] | undefined, tasks: InvocationTask[], status: string) => void,
): string[] {
  const statuses: string[] = [];
  let previous: InvocationTask[] | undefined;
  for (let now = record.createdMs - 1000; now <= T0 + 3_600_000; now += now < T0 + 120_000 ? 500 : 30_000) {
    const tasks = record.tasks(now);
    const status = record.invocation(now).InvocationStatus;
    if (statuses[statuses.length - 1] !== status) statuses.push(status);
    each(now, previous, tasks, status);
    previous = tasks;
  }
  return statuses;
}

describe('the generated history, walked with the clock', () => {
  it('has live invocations of every final status', () => {
    const finals = new Set(live.map((r) => r.invocation(T0 + 3_600_000).InvocationStatus));
    expect([...finals].sort()).toEqual([...FINAL_INVOCATION_STATUSES].sort());
  });

  it('never takes back what was reported, and a task that ran never ends CANCELLED or DELIVER_FAILED', () => {
    for (const record of live) {
      sweep(record, (_now, previous, tasks) => {
        tasks.forEach((t, i) => {
          const p = previous?.[i];
          if (!p) return;
          if (p.StartTime !== null)
            expect([record.InvocationId, t.StartTime]).toEqual([record.InvocationId, p.StartTime]);
          if (p.TaskResult?.ExecStartTime) expect(t.TaskResult?.ExecStartTime).toBe(p.TaskResult.ExecStartTime);
          if (p.EndTime !== null) expect(t.EndTime).toBe(p.EndTime);
          expect([record.InvocationId, decoded(t).startsWith(decoded(p))]).toEqual([record.InvocationId, true]);
          if (t.StartTime !== null)
            expect(['CANCELLED', 'DELIVER_FAILED', 'DELIVER_DELAYED', 'PENDING', 'DELIVERING']).not.toContain(
              t.TaskStatus,
            );
        });
      });
    }
  });

  it('passes through CANCELLING before CANCELLED or PARTIAL_CANCELLED', () => {
    const cancelled = live.filter((r) =>
      ['CANCELLED', 'PARTIAL_CANCELLED'].includes(r.invocation(T0 + 3_600_000).InvocationStatus),
    );
    expect(cancelled.length).toBeGreaterThanOrEqual(6);
    for (const record of cancelled) {
      const statuses = sweep(record, () => undefined);
      expect(statuses.slice(-2)[0]).toBe('CANCELLING');
    }
  });

  it('times a live task out at exactly its command Timeout', () => {
    const timedOut = live.filter((r) => r.invocation(T0 + 3_600_000).InvocationStatus === 'TIMEOUT');
    expect(timedOut.length).toBeGreaterThanOrEqual(3);
    for (const record of timedOut) {
      const inv = record.invocation(T0 + 3_600_000);
      for (const t of record.tasks(T0 + 3_600_000)) {
        expect(t.TaskStatus).toBe('TIMEOUT');
        expect(ms(t.TaskResult?.ExecEndTime) - ms(t.TaskResult?.ExecStartTime)).toBeGreaterThanOrEqual(
          inv.Timeout * 1000 - 1000,
        );
        expect(ms(t.TaskResult?.ExecEndTime) - ms(t.TaskResult?.ExecStartTime)).toBeLessThanOrEqual(
          inv.Timeout * 1000 + 1000,
        );
        expect(t.CommandDocument?.Timeout).toBe(inv.Timeout);
      }
    }
  });
});

describe('every task, once ended, as the agent reports it', () => {
  const tasks = records.flatMap((r) => r.tasks(T0 + 3_600_000));
  const of = (status: string): InvocationTask[] => tasks.filter((t) => t.TaskStatus === status);

  it('TERMINATED, START_FAILED and TIMEOUT have exit code -1; FAILED its own; ErrorInfo empty for FAILED, TIMEOUT and TERMINATED', () => {
    for (const status of ['TERMINATED', 'START_FAILED', 'TIMEOUT']) {
      expect(of(status).length).toBeGreaterThan(0);
      for (const t of of(status)) expect([status, t.TaskResult?.ExitCode]).toEqual([status, -1]);
    }
    for (const t of of('FAILED')) expect(t.TaskResult?.ExitCode).not.toBe(0);
    for (const status of ['FAILED', 'TIMEOUT', 'TERMINATED', 'SUCCESS', 'CANCELLED'])
      for (const t of of(status)) expect([status, t.ErrorInfo]).toEqual([status, '']);
  });

  it('START_FAILED started (StartTime) and says what the agent could not find; DELIVER_FAILED and CANCELLED never started', () => {
    for (const t of of('START_FAILED')) {
      expect(t.StartTime).not.toBeNull();
      expect(t.ErrorInfo).toMatch(
        /^(InvalidUser: user `[^`]+` not exists|InvalidWorkingDirectory: working_directory `[^`]+` not exists)$/,
      );
    }
    for (const status of ['DELIVER_FAILED', 'CANCELLED']) {
      expect(of(status).length).toBeGreaterThan(0);
      for (const t of of(status))
        expect([status, t.StartTime, t.TaskResult?.ExecStartTime, t.TaskResult?.ExecEndTime]).toEqual([
          status,
          null,
          null,
          null,
        ]);
    }
    for (const t of of('DELIVER_FAILED')) expect(t.ErrorInfo).not.toBe('');
  });

  it('every task has a CommandName', () => {
    for (const t of tasks) expect(typeof t.CommandName).toBe('string');
  });
});

describe('CancelInvocation on the generated history', () => {
  const fresh = (): StoredInvocation[] =>
    new DataStore({ seed: 424242, invocations: 400, t0: T0, live: OUTCOMES }).forRegion('ap-guangzhou');
  const at = T0 + 60_000;

  it('a live one still running: CANCELLING, then CANCELLED with its undelivered task CANCELLED and the running ones TERMINATED, keeping their start and output', () => {
    const all = fresh();
    const long = all.find((r) => r.tasks(at).some((t) => t.TaskStatus === 'DELIVER_DELAYED'))!;
    const before = long.tasks(at);
    expect(long.invocation(at).InvocationStatus).toBe('RUNNING');
    long.cancel!(at);
    expect(long.invocation(at).InvocationStatus).toBe('CANCELLING');
    expect(long.tasks(at).map((t) => t.TaskStatus)).toEqual(before.map(() => 'CANCELLING'));
    const after = long.tasks(at + 1000);
    expect(long.invocation(at + 1000)).toMatchObject({
      InvocationStatus: 'CANCELLED',
      EndTime: new Date(at + 1000).toISOString().replace('.000', ''),
    });
    after.forEach((t, i) => {
      const was = before[i]!;
      if (was.StartTime === null)
        expect([t.TaskStatus, t.StartTime, t.TaskResult?.ExitCode]).toEqual(['CANCELLED', null, 0]);
      else {
        expect([t.TaskStatus, t.StartTime, t.TaskResult?.ExitCode, t.ErrorInfo]).toEqual([
          'TERMINATED',
          was.StartTime,
          -1,
          '',
        ]);
        expect(decoded(t)).toBe(decoded(was));
      }
    });
    // Its planned end (40 minutes later) no longer happens.
    expect(long.invocation(T0 + 3_600_000).InvocationStatus).toBe('CANCELLED');
  });

  it('some instances of one: those end TERMINATED, the others as planned, and the invocation PARTIAL_CANCELLED', () => {
    const all = fresh();
    const planned = fresh();
    const record = all.find(
      (r) => r.createdMs === T0 && r.taskIds.length >= 2 && r.invocation(T0 + 3_600_000).InvocationStatus === 'SUCCESS',
    )!;
    const early = T0 + 2500;
    expect(record.tasks(early).every((t) => t.TaskStatus === 'DELIVERING' || t.TaskStatus === 'RUNNING')).toBe(true);
    record.cancel!(early, new Set([record.instanceIds[0]!]));
    const end = T0 + 3_600_000;
    const original = planned.find((r) => r.InvocationId === record.InvocationId)!.tasks(end);
    expect(record.tasks(end).map((t) => t.TaskStatus)).toEqual([
      record.tasks(early)[0]!.StartTime === null ? 'CANCELLED' : 'TERMINATED',
      ...original.slice(1).map((t) => t.TaskStatus),
    ]);
    expect(record.invocation(end).InvocationStatus).toBe('PARTIAL_CANCELLED');
  });

  it('a finished one does not change', () => {
    const all = fresh();
    const done = all.find((r) => r.invocation(T0).InvocationStatus === 'SUCCESS' && r.createdMs < T0 - 86_400_000)!;
    const before = JSON.stringify([done.invocation(at), done.tasks(at)]);
    done.cancel?.(at);
    expect(JSON.stringify([done.invocation(at), done.tasks(at)])).toBe(before);
  });
});
