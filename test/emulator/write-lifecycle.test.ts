/**
 * The lifecycle of invocations created by RunCommand, walked with an injected clock: every task
 * status (PENDING, DELIVERING, RUNNING, SUCCESS, FAILED, TIMEOUT, START_FAILED, DELIVER_FAILED,
 * CANCELLING, CANCELLED, TERMINATED) and every invocation status, with cancellation before and
 * during a run, timeouts at exactly the command's Timeout, and what the agent reports.
 */
import { describe, expect, it } from '@jest/globals';
import type { Invocation, InvocationTask } from '../../src/api/types.js';
import { DataStore } from '../../src/emulator/data/store.js';
import { EmulatorApiError } from '../../src/emulator/errors.js';
import { describeInvocationTasks } from '../../src/emulator/query.js';
import { cancelInvocation } from '../../src/emulator/write/cancel.js';
import type { WriteContext } from '../../src/emulator/write/create.js';
import { runCommand } from '../../src/emulator/write/run-command.js';
import { CANCEL_ACK_MS, CANCEL_SERVICE_MS } from '../../src/emulator/write/timeline.js';
import {
  DELIVER_AFTER_MS,
  type SimulatedOutcome,
  START_AFTER_MS,
  type TaskWork,
  simulate as rule,
} from '../../src/emulator/write/work.js';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const REGION = 'ap-guangzhou';
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Prints `line I of <instance>` at the start of each of `seconds` seconds, as a shell script for the simulation rule. */
const printing = (seconds: number): string =>
  Array.from({ length: seconds }, (_, i) => `echo line ${i + 1} of $(hostname)\nsleep 1`).join('\n');

/**
 * The documented simulation rule, for short test scripts: `ok` (prints two lines over 2 s),
 * `fail N` (the same, then exit N), `sleep N` (a line each second for N s), `nostart` (run in a
 * working directory the instance lacks: START_FAILED); and `nodeliver` (DELIVER_FAILED, which
 * the rule never decides: a rule may).
 */
function simulate(work: TaskWork): SimulatedOutcome {
  const [verb, arg] = work.script.trim().split(' ');
  if (verb === 'nodeliver') return { kind: 'deliver-failed', errorInfo: 'the agent did not acknowledge the task' };
  const script =
    verb === 'sleep'
      ? printing(Number(arg))
      : verb === 'fail'
        ? `${printing(2)}\nexit ${arg}`
        : verb === 'ok'
          ? printing(2)
          : work.script;
  return rule({ ...work, script, workingDirectory: verb === 'nostart' ? '/app' : work.workingDirectory });
}

function setup(): { ctx: (now: number) => WriteContext; linux: string[]; store: DataStore } {
  const store = new DataStore({ seed: 11, invocations: 5, t0: T0 - 60_000 });
  const fleet = store.fleet(REGION);
  const linux = Array.from({ length: fleet.size }, (_, i) => fleet.at(i))
    .filter((i) => i.status === 'Online' && i.environment === 'Linux' && i.kind === 'CVM')
    .map((i) => i.InstanceId);
  return { store, linux, ctx: (now) => ({ region: REGION, store, nowMs: now, writes: { simulate, speed: 1 } }) };
}

type Ctx = ReturnType<typeof setup>;
const invocationAt = (s: Ctx, id: string, now: number): Invocation =>
  JSON.parse(
    JSON.stringify(
      s.store
        .forRegion(REGION)
        .find((r) => r.InvocationId === id)!
        .invocation(now),
    ),
  ) as Invocation;
const tasksAt = (s: Ctx, id: string, now: number): InvocationTask[] =>
  describeInvocationTasks(
    { Filters: [{ Name: 'invocation-id', Values: [id] }], HideOutput: false, Limit: 100 },
    { records: s.store.forRegion(REGION), nowMs: now, strictFilters: false },
  ).InvocationTaskSet as InvocationTask[];
const start = (s: Ctx, script: string, instances: string[], extra: Record<string, unknown> = {}): string =>
  runCommand({ Content: b64(script), InstanceIds: instances, ...extra }, s.ctx(T0)).InvocationId as string;
const decoded = (task: InvocationTask | undefined): string =>
  Buffer.from(task?.TaskResult?.Output ?? '', 'base64').toString('utf8');
const startOf = (index: number): number => T0 + START_AFTER_MS + index * 50;

describe('created invocations follow the clock', () => {
  it('PENDING, DELIVERING, RUNNING with output reported each second, then SUCCESS', () => {
    const s = setup();
    const id = start(s, 'sleep 3', [s.linux[0]!]);
    const at = (ms: number): { inv: Invocation; task: InvocationTask } => ({
      inv: invocationAt(s, id, ms),
      task: tasksAt(s, id, ms)[0]!,
    });

    let v = at(T0);
    expect([
      v.inv.InvocationStatus,
      v.task.TaskStatus,
      v.task.StartTime,
      v.task.TaskResult?.ExecStartTime,
      v.inv.EndTime,
    ]).toEqual(['PENDING', 'PENDING', null, null, null]);
    v = at(T0 + DELIVER_AFTER_MS);
    expect([v.inv.InvocationStatus, v.task.TaskStatus]).toEqual(['PENDING', 'DELIVERING']);
    v = at(startOf(0));
    expect([v.inv.InvocationStatus, v.task.TaskStatus, decoded(v.task)]).toEqual(['RUNNING', 'RUNNING', '']);
    expect(v.task.StartTime).toBe('2026-03-01T10:00:01Z');
    v = at(startOf(0) + 1000);
    expect(decoded(v.task)).toBe(`line 1 of ${s.linux[0]}\n`);
    expect(v.task.TaskStatus).toBe('RUNNING');
    v = at(startOf(0) + 3000);
    expect([v.inv.InvocationStatus, v.task.TaskStatus, v.task.TaskResult?.ExitCode, v.task.ErrorInfo]).toEqual([
      'SUCCESS',
      'SUCCESS',
      0,
      '',
    ]);
    expect(decoded(v.task)).toBe([1, 2, 3].map((n) => `line ${n} of ${s.linux[0]}\n`).join(''));
    expect(v.task.TaskResult?.ExecEndTime).toBe('2026-03-01T10:00:04Z');
    expect(v.inv.EndTime).toBe('2026-03-01T10:00:04Z');
    expect(v.task.EndTime).toBe(v.task.TaskResult?.ExecEndTime);
  });

  it('FAILED keeps the exit code and an empty ErrorInfo; mixed outcomes are PARTIAL_FAILED, all failed FAILED', () => {
    const s = setup();
    const failed = start(s, 'fail 3', s.linux.slice(0, 2));
    const later = T0 + 10_000;
    expect(invocationAt(s, failed, later).InvocationStatus).toBe('FAILED');
    expect(tasksAt(s, failed, later).map((t) => [t.TaskStatus, t.TaskResult?.ExitCode, t.ErrorInfo])).toEqual([
      ['FAILED', 3, ''],
      ['FAILED', 3, ''],
    ]);
    // One instance's start fails (its user is missing), the other succeeds.
    const s2 = setup();
    const mixed = runCommand(
      { Content: b64('ok'), InstanceIds: s2.linux.slice(0, 2) },
      {
        ...s2.ctx(T0),
        writes: {
          speed: 1,
          simulate: (w) =>
            w.instance.InstanceId === s2.linux[1] ? simulate({ ...w, script: 'nostart' }) : simulate(w),
        },
      },
    ).InvocationId as string;
    expect(invocationAt(s2, mixed, later).InvocationStatus).toBe('PARTIAL_FAILED');
  });

  it('TIMEOUT fires at exactly the command Timeout after the start, exit -1, keeping what was printed', () => {
    const s = setup();
    const id = start(s, 'sleep 10', [s.linux[0]!, s.linux[1]!], { Timeout: 4 });
    const [a, b] = [startOf(0), startOf(1)];
    expect(tasksAt(s, id, a + 4000 - 1)[0]?.TaskStatus).toBe('RUNNING');
    const tasks = tasksAt(s, id, b + 4000);
    expect(tasks.map((t) => [t.TaskStatus, t.TaskResult?.ExitCode, t.ErrorInfo])).toEqual([
      ['TIMEOUT', -1, ''],
      ['TIMEOUT', -1, ''],
    ]);
    expect(Date.parse(tasks[0]!.TaskResult!.ExecEndTime!) - Date.parse(tasks[0]!.TaskResult!.ExecStartTime!)).toBe(
      4000,
    );
    expect(decoded(tasks[0])).toBe([1, 2, 3, 4].map((n) => `line ${n} of ${s.linux[0]}\n`).join(''));
    expect(invocationAt(s, id, b + 4000).InvocationStatus).toBe('TIMEOUT');
    // Nothing more is printed after the kill.
    expect(decoded(tasksAt(s, id, b + 60_000)[0])).toBe(decoded(tasks[0]));
  });

  it('START_FAILED: started (StartTime), exit -1, the agent message; DELIVER_FAILED never started', () => {
    const s = setup();
    const nostart = start(s, 'nostart', [s.linux[0]!]);
    const t = tasksAt(s, nostart, T0 + 5000)[0]!;
    expect([t.TaskStatus, t.TaskResult?.ExitCode, t.ErrorInfo]).toEqual([
      'START_FAILED',
      -1,
      'InvalidWorkingDirectory: working_directory `/app` not exists',
    ]);
    expect(t.StartTime).not.toBeNull();
    expect(invocationAt(s, nostart, T0 + 5000).InvocationStatus).toBe('FAILED');
    const nodeliver = start(s, 'nodeliver', [s.linux[0]!]);
    expect(tasksAt(s, nodeliver, T0 + 3000)[0]?.TaskStatus).toBe('DELIVERING');
    const d = tasksAt(s, nodeliver, T0 + 60_000)[0]!;
    expect([d.TaskStatus, d.StartTime, d.TaskResult?.ExecStartTime, d.TaskResult?.ExitCode, d.ErrorInfo]).toEqual([
      'DELIVER_FAILED',
      null,
      null,
      0,
      'the agent did not acknowledge the task',
    ]);
    expect(invocationAt(s, nodeliver, T0 + 60_000).InvocationStatus).toBe('FAILED');
  });

  it('cancel before the start: CANCELLING, then CANCELLED, never started', () => {
    const s = setup();
    const id = start(s, 'sleep 30', s.linux.slice(0, 2));
    const at = T0 + DELIVER_AFTER_MS;
    cancelInvocation({ InvocationId: id }, s.ctx(at));
    expect(invocationAt(s, id, at).InvocationStatus).toBe('CANCELLING');
    expect(tasksAt(s, id, at).map((t) => t.TaskStatus)).toEqual(['CANCELLING', 'CANCELLING']);
    const done = at + CANCEL_SERVICE_MS;
    expect(invocationAt(s, id, done).InvocationStatus).toBe('CANCELLED');
    for (const t of tasksAt(s, id, done + 60_000)) {
      expect([
        t.TaskStatus,
        t.StartTime,
        t.TaskResult?.ExecStartTime,
        t.TaskResult?.ExecEndTime,
        t.TaskResult?.ExitCode,
        decoded(t),
        t.ErrorInfo,
      ]).toEqual(['CANCELLED', null, null, null, 0, '', '']);
      expect(t.EndTime).toBe('2026-03-01T10:00:00Z');
    }
  });

  it('cancel during the run: CANCELLING, then TERMINATED with exit -1, keeping the start and what was printed', () => {
    const s = setup();
    const id = start(s, 'sleep 30', [s.linux[0]!]);
    const at = startOf(0) + 2500;
    const before = tasksAt(s, id, at)[0]!;
    // Two reports of a thirty-second run: what it printed in its first two seconds.
    expect(decoded(before)).toBe(`line 1 of ${s.linux[0]}\nline 2 of ${s.linux[0]}\n`);
    cancelInvocation({ InvocationId: id }, s.ctx(at));
    const cancelling = tasksAt(s, id, at)[0]!;
    expect([cancelling.TaskStatus, invocationAt(s, id, at).InvocationStatus]).toEqual(['CANCELLING', 'CANCELLING']);
    expect(cancelling.StartTime).toBe(before.StartTime);
    const t = tasksAt(s, id, at + CANCEL_ACK_MS)[0]!;
    expect([t.TaskStatus, t.TaskResult?.ExitCode, t.ErrorInfo, t.StartTime, decoded(t)]).toEqual([
      'TERMINATED',
      -1,
      '',
      before.StartTime,
      decoded(before),
    ]);
    expect(invocationAt(s, id, at + CANCEL_ACK_MS).InvocationStatus).toBe('CANCELLED');
    // The planned rest of the run never happens.
    expect(decoded(tasksAt(s, id, T0 + 120_000)[0])).toBe(decoded(before));
    expect(tasksAt(s, id, T0 + 120_000)[0]?.TaskStatus).toBe('TERMINATED');
  });

  it('cancelling some instances: PARTIAL_CANCELLED; a cancel after the end changes nothing; a second cancel neither', () => {
    const s = setup();
    const id = start(s, 'sleep 5', s.linux.slice(0, 3));
    const at = startOf(2) + 1000;
    cancelInvocation({ InvocationId: id, InstanceIds: [s.linux[1]!] }, s.ctx(at));
    cancelInvocation({ InvocationId: id, InstanceIds: [s.linux[1]!] }, s.ctx(at + 200));
    expect(invocationAt(s, id, at).InvocationStatus).toBe('CANCELLING');
    expect(invocationAt(s, id, at + CANCEL_ACK_MS).InvocationStatus).toBe('RUNNING');
    const end = T0 + 30_000;
    expect(tasksAt(s, id, end).map((t) => t.TaskStatus)).toEqual(['SUCCESS', 'TERMINATED', 'SUCCESS']);
    expect(invocationAt(s, id, end).InvocationStatus).toBe('PARTIAL_CANCELLED');
    const snapshot = JSON.stringify([invocationAt(s, id, end), tasksAt(s, id, end)]);
    cancelInvocation({ InvocationId: id }, s.ctx(end));
    expect(JSON.stringify([invocationAt(s, id, end), tasksAt(s, id, end)])).toBe(snapshot);
  });

  it('once reported, StartTime, ExecStartTime and output never go back, whatever happens', () => {
    const s = setup();
    const scripts = ['sleep 6', 'fail 2', 'nostart', 'nodeliver'];
    const ids = scripts.map((script) => start(s, script, s.linux.slice(0, 3), { Timeout: 4 }));
    cancelInvocation({ InvocationId: ids[0]! }, s.ctx(startOf(1) + 1500));
    for (const id of ids) {
      let previous: InvocationTask[] | undefined;
      for (let now = T0; now <= T0 + 20_000; now += 250) {
        const tasks = tasksAt(s, id, now);
        tasks.forEach((t, i) => {
          const p = previous?.[i];
          if (!p) return;
          for (const value of [p.StartTime, p.TaskResult?.ExecStartTime, p.EndTime])
            if (value !== null) expect(value).not.toBeNull();
          if (p.StartTime !== null) expect(t.StartTime).toBe(p.StartTime);
          expect(decoded(t).startsWith(decoded(p))).toBe(true);
          // A task that ran never ends CANCELLED or DELIVER_FAILED.
          if (p.StartTime !== null) expect(['CANCELLED', 'DELIVER_FAILED']).not.toContain(t.TaskStatus);
          if (['TERMINATED', 'START_FAILED', 'TIMEOUT'].includes(t.TaskStatus)) expect(t.TaskResult?.ExitCode).toBe(-1);
        });
        previous = tasks;
      }
    }
  });
});

describe('CancelInvocation refuses', () => {
  it('an unknown or malformed invocation, an instance not in it, more than 100 instances', () => {
    const s = setup();
    const id = start(s, 'ok', [s.linux[0]!]);
    const code = (body: Record<string, unknown>): string => {
      try {
        cancelInvocation(body, s.ctx(T0));
        return 'ok';
      } catch (error) {
        return error instanceof EmulatorApiError ? error.code : String(error);
      }
    };
    expect(code({})).toBe('MissingParameter');
    expect(code({ InvocationId: 'inv-zzzzzzzz' })).toBe('ResourceNotFound.InvocationNotFound');
    expect(code({ InvocationId: 'bogus' })).toBe('InvalidParameterValue.InvalidInvocationId');
    expect(code({ InvocationId: id, InstanceIds: [s.linux[1]!] })).toBe(
      'InvalidParameterValue.InstanceIsNotRelatedToInvocation',
    );
    expect(code({ InvocationId: id, InstanceIds: ['i-1'] })).toBe('InvalidParameterValue.InvalidInstanceId');
    expect(code({ InvocationId: id, InstanceIds: Array.from({ length: 101 }, () => s.linux[0]!) })).toBe(
      'InvalidParameterValue.LimitExceeded',
    );
    expect(code({ InvocationId: id, Other: 1 })).toBe('UnknownParameter');
    expect(code({ InvocationId: id, InstanceIds: [s.linux[0]!] })).toBe('ok');
  });
});

describe('the script the agents run', () => {
  it('has {{key}} and {{tat-hidden:key}} replaced by Parameters, else the defaults; without EnableParameter it is run as sent', () => {
    const s = setup();
    const seen: string[] = [];
    const ctx: WriteContext = {
      ...s.ctx(T0),
      writes: { speed: 1, simulate: (w) => (seen.push(w.script), simulate({ ...w, script: 'ok' })) },
    };
    runCommand(
      {
        Content: b64('echo {{a}} {{tat-hidden:pw}} {{b}} {{a}}'),
        InstanceIds: [s.linux[0]!],
        EnableParameter: true,
        Parameters: '{"a": "x", "pw": "secret"}',
        DefaultParameterConfs: [
          { ParameterName: 'b', ParameterValue: 'dflt' },
          { ParameterName: 'a', ParameterValue: 'unused' },
        ],
      },
      ctx,
    );
    runCommand({ Content: b64('echo {{a}}'), InstanceIds: [s.linux[0]!] }, ctx);
    expect(seen).toEqual(['echo x secret dflt x', 'echo {{a}}']);
  });
});
