import { describe, expect, it } from '@jest/globals';
import type { TatClient } from '../../src/api/client.js';
import type { InvocationTask } from '../../src/api/types.js';
import { pollUntilFinal } from '../../src/cli/wait/poller.js';
import { fakeClock } from '../helpers/clock.js';
import { timelineApi, type Step } from '../helpers/wait-api.js';

/**
 * The wait as a piece other commands compose (`tat run` follows the invocations it started):
 * each task is handed over once, as soon as it ends, with its output when asked, before its
 * invocation's own end; ids whose region the caller knows are asked for there only.
 */

const A = 'inv-aaaaaaaa';
const B = 'inv-bbbbbbbb';
const S = 1000;

/** A client over the fake endpoint, as the context would build for one region. */
function clientOf(api: ReturnType<typeof timelineApi>, region: string): TatClient {
  return {
    pacing: { rate: 0, atMost: () => undefined },
    async call(action, params) {
      const response = await api.fetch(new URL('http://fake/'), {
        method: 'POST',
        headers: { 'X-TC-Action': action, 'X-TC-Region': region },
        body: JSON.stringify(params),
      });
      const chunks: Uint8Array[] = [];
      for await (const chunk of response.body ?? []) chunks.push(chunk);
      return (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Response: Record<string, unknown> }).Response;
    },
  };
}

describe('following tasks as they end', () => {
  it('hands each task over once, with its output, as soon as it ends, then its invocation', async () => {
    const clock = fakeClock();
    const timelines: Record<string, Step[]> = {
      [A]: [
        [0, 'RUNNING', ['RUNNING', 'RUNNING']],
        [3 * S, 'RUNNING', ['SUCCESS', 'RUNNING']],
        [8 * S, 'FAILED', ['SUCCESS', 'FAILED']],
      ],
    };
    const api = timelineApi(clock, timelines, { withOutput: true });
    const events: string[] = [];
    const ended: InvocationTask[] = [];
    const result = await pollUntilFinal(
      {
        ids: [A],
        regions: [{ region: 'ap-guangzhou', client: clientOf(api, 'ap-guangzhou') }],
        intervalMs: 1000,
        maxWaitMs: 60_000,
        deps: { now: clock.now, sleep: clock.sleep, signal: new AbortController().signal },
        endedTasks: { output: true },
      },
      {
        onTaskEnded(_entry, task) {
          ended.push(task);
          events.push(`task ${task.InstanceId} ${task.TaskStatus} at ${clock.now() - Date.UTC(2026, 10, 28, 12)}`);
        },
        onFinal(entry) {
          events.push(`invocation ${entry.id} ${entry.invocation.InvocationStatus}`);
        },
      },
    );
    expect(result.timedOut).toBe(false);
    expect(events.map((event) => event.replace(/ at \d+$/, ''))).toEqual([
      'task ins-aaaaaaaa0 SUCCESS',
      'task ins-aaaaaaaa1 FAILED',
      'invocation inv-aaaaaaaa FAILED',
    ]);
    // The first task was handed over when it ended (3 s), not when the invocation did (8 s).
    expect(Number(/at (\d+)$/.exec(events[0]!)![1])).toBeLessThan(8 * S);
    expect(Buffer.from(ended[1]!.TaskResult!.Output!, 'base64').toString()).toBe('ins-aaaaaaaa1 FAILED\n');
    // Fetched by task id, with the output, once each.
    const taskCalls = api.calls.filter((call) => call.action === 'DescribeInvocationTasks');
    expect(
      taskCalls.every((call) => Array.isArray(call.params.InvocationTaskIds) && call.params.HideOutput === false),
    ).toBe(true);
    expect(taskCalls.flatMap((call) => call.params.InvocationTaskIds as string[])).toEqual([
      'invt-aaaaaaaa0',
      'invt-aaaaaaaa1',
    ]);
  });

  it('ids whose region the caller knows are asked for in that region only', async () => {
    const clock = fakeClock();
    const api = timelineApi(
      clock,
      { [A]: [[0, 'SUCCESS', ['SUCCESS']]], [B]: [[0, 'SUCCESS', ['SUCCESS']]] },
      { regionOf: { [A]: 'ap-guangzhou', [B]: 'ap-shanghai' } },
    );
    const regions = ['ap-guangzhou', 'ap-shanghai'].map((region) => ({ region, client: clientOf(api, region) }));
    const known: Record<string, string> = { [A]: 'ap-guangzhou', [B]: 'ap-shanghai' };
    const result = await pollUntilFinal({
      ids: [A, B],
      regions,
      intervalMs: 1000,
      maxWaitMs: 60_000,
      deps: { now: clock.now, sleep: clock.sleep, signal: new AbortController().signal },
      regionOf: (id) => known[id],
    });
    expect(result.state.entries.map((entry) => entry.kind)).toEqual(['final', 'final']);
    for (const call of api.calls) expect(call.params.InvocationIds).toEqual([call.region === 'ap-guangzhou' ? A : B]);
  });
});
