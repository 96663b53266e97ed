import { describe, expect, it } from '@jest/globals';
import type { Fetch } from '../../src/deps.js';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { numbered } from '../helpers/invocations.js';

/** A server that answers oddly: records nobody asked for, wrong types, lower-case statuses, lying counts. */

const A = 'inv-aaaaaaaa';

function answering(clock: { now(): number }, invocationFor: (elapsedMs: number) => object[], tasks?: () => object) {
  const start = clock.now();
  const calls: string[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const action = (init?.headers as Record<string, string>)['X-TC-Action']!;
    calls.push(action);
    const set = invocationFor(clock.now() - start);
    const body =
      action === 'DescribeInvocations'
        ? { TotalCount: 9999, InvocationSet: set }
        : (tasks?.() ?? { TotalCount: 0, InvocationTaskSet: [] });
    return new Response(JSON.stringify({ Response: { ...body, RequestId: 'r' } }), { status: 200 });
  }) as Fetch;
  return { fetch, calls };
}

describe('tat invocations wait against a hostile server', () => {
  it('ignores records it did not ask for; ends at --max-wait', async () => {
    const clock = fakeClock();
    const api = answering(clock, () => [
      { ...numbered(1, { InvocationId: 'inv-intruder0', InvocationStatus: 'SUCCESS' }) },
      numbered(0, { InvocationId: A, InvocationStatus: 'RUNNING' }),
    ]);
    const result = await runCli(['invocations', 'wait', A, '--max-wait', '20s', '-o', 'ndjson'], {
      fetch: api.fetch,
      clock,
    });
    expect(result.code).toBe(6);
    expect(result.stdout).not.toContain('inv-intruder0');
    expect(result.stdout).toContain(A);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes a lower-case final status as final', async () => {
    const clock = fakeClock();
    const api = answering(clock, (elapsed) => [
      numbered(0, { InvocationId: A, InvocationStatus: elapsed < 5000 ? 'running' : 'success' }),
    ]);
    const result = await runCli(['invocations', 'wait', A, '--exit-status'], { fetch: api.fetch, clock });
    expect(result.code).toBe(0);
  });

  it('does not page forever when DescribeInvocationTasks lies about TotalCount (live view)', async () => {
    const clock = fakeClock();
    const inv = numbered(0, {
      InvocationId: A,
      InvocationStatus: 'RUNNING',
      InvocationTaskBasicInfoSet: [{ InvocationTaskId: 'invt-1', TaskStatus: 'RUNNING', InstanceId: 'ins-1' }],
    });
    const task = {
      InvocationId: A,
      InvocationTaskId: 'invt-1',
      TaskStatus: 'RUNNING',
      InstanceId: 'ins-1',
      TaskResult: null,
    };
    const api = answering(
      clock,
      () => [inv],
      () => ({ TotalCount: 1_000_000, InvocationTaskSet: [task] }),
    );
    const result = await runCli(['invocations', 'wait', A, '--max-wait', '10s'], {
      fetch: api.fetch,
      clock,
      stderrTTY: true,
      rows: 20,
    });
    expect(result.code).toBe(6);
    // One invocation with one task: at most two pages of tasks per look, and the tasks were looked at once (nothing changed).
    expect(api.calls.filter((action) => action === 'DescribeInvocationTasks').length).toBeLessThanOrEqual(2);
  });
});
