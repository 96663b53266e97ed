import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { timelineApi, type Step } from '../helpers/wait-api.js';

/**
 * `tat invocations output --wait`: the wait of `tat invocations wait`, then the output, through
 * the whole program with a fake clock (no test waits for real).
 */

const A = 'inv-aaaaaaaa';
const S = 1000;

function setup(timeline: Step[]) {
  const clock = fakeClock();
  const api = timelineApi(clock, { [A]: timeline }, { withOutput: true });
  const run = (args: string[]) => runCli(['invocations', 'output', A, ...args], { fetch: api.fetch, clock });
  const outputFetches = () =>
    api.calls.filter((call) => call.action === 'DescribeInvocationTasks' && call.params.HideOutput === false);
  return { api, run, outputFetches };
}

describe('tat invocations output --wait', () => {
  it('waits until the invocation ends, then prints the final output', async () => {
    const { api, run, outputFetches } = setup([
      [0, 'RUNNING', ['RUNNING']],
      [7 * S, 'SUCCESS', ['SUCCESS']],
    ]);
    const result = await run(['--wait', '--exit-status']);
    expect(result.code).toBe(0);
    // Piped, one task: exactly its bytes, as they were once it ended.
    expect(result.stdout).toBe('ins-aaaaaaaa0 SUCCESS\n');
    expect(api.calls.filter((call) => call.action === 'DescribeInvocations').length).toBeGreaterThan(1);
    // The output is fetched once, after the wait.
    expect(outputFetches()).toHaveLength(1);
    expect(api.calls.at(-1)!.action).toBe('DescribeInvocationTasks');
  });

  it('with --exit-status, 5 once it ended in failure', async () => {
    const { run } = setup([
      [0, 'RUNNING', ['RUNNING']],
      [4 * S, 'FAILED', ['FAILED']],
    ]);
    const result = await run(['--wait', '--exit-status']);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('ins-aaaaaaaa0 FAILED\n');
  });

  it('6 when --max-wait runs out, after printing the output so far', async () => {
    const { run } = setup([
      [0, 'RUNNING', ['RUNNING']],
      [600 * S, 'SUCCESS', ['SUCCESS']],
    ]);
    const result = await run(['--wait', '--max-wait', '1m']);
    expect(result.code).toBe(6);
    expect(result.stdout).toBe('ins-aaaaaaaa0 RUNNING\n');
    expect(result.stderr).toContain(`--max-wait (1m00s) ran out; still running: ${A} (RUNNING)`);
    expect(result.stderr).toContain(`\`tat invocations output ${A} --wait --max-wait 30m\``);
  });

  it.each([
    [['--max-wait', '5m'], '--max-wait only applies with --wait'],
    [['--interval', '5s'], '--interval only applies with --wait'],
  ])('refuses %j without --wait (exit 2) before any request', async (args, message) => {
    const { api, run } = setup([[0, 'SUCCESS', ['SUCCESS']]]);
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(api.calls).toHaveLength(0);
  });

  it('a bad --interval is refused (exit 2) before any request', async () => {
    const { api, run } = setup([[0, 'SUCCESS', ['SUCCESS']]]);
    const result = await run(['--wait', '--interval', '10ms']);
    expect(result.code).toBe(2);
    expect(api.calls).toHaveLength(0);
  });
});
