import { describe, expect, it } from '@jest/globals';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { timelineApi, type Step } from '../helpers/wait-api.js';

/**
 * Task details for display are asked by task id, 100 a request (issue 19.16): `get <1000 ids>
 * -o table` made 210 requests when tasks were asked by invocation id, 5 invocations a filter.
 */

describe('task details by task id', () => {
  it('get of 1,000 invocations (2,433 tasks) as a table: 10 requests for them, 25 for their tasks', async () => {
    const clock = fakeClock();
    const ids = Array.from({ length: 1000 }, (_, i) => `inv-${String(i).padStart(8, '0')}`);
    // 433 invocations on 3 instances, 567 on 2: 2,433 tasks.
    const timelines: Record<string, Step[]> = Object.fromEntries(
      ids.map((id, i) => [id, [[0, 'SUCCESS', i < 433 ? ['SUCCESS', 'SUCCESS', 'FAILED'] : ['SUCCESS', 'SUCCESS']]]]),
    );
    const api = timelineApi(clock, timelines);
    const result = await runCli(['invocations', 'get', ...ids, '-o', 'table'], {
      fetch: api.fetch,
      clock,
      stdoutTTY: true,
      env: { ...BASE_ENV, NO_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    const count = (action: string) => api.calls.filter((call) => call.action === action).length;
    expect(count('DescribeInvocations')).toBe(10);
    expect(count('DescribeInvocationTasks')).toBe(25);
    const asked = api.calls
      .filter((call) => call.action === 'DescribeInvocationTasks')
      .flatMap((call) => call.params.InvocationTaskIds as string[]);
    expect(new Set(asked).size).toBe(2433);
    expect(
      api.calls.every((call) => call.action !== 'DescribeInvocationTasks' || call.params.Filters === undefined),
    ).toBe(true);
  });
});
