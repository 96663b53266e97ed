import { describe, expect, it } from '@jest/globals';
import { stripVTControlCharacters } from 'node:util';
import { sleep } from '../../src/deps.js';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { frames } from '../helpers/frames.js';
import { timelineApi, type Step, type TimelineOptions } from '../helpers/wait-api.js';

/**
 * The wait engine's guarantees that are not about one invocation's timeline: statuses it does
 * not know, ids the server stops showing, regions that never answer, a --max-wait that must end
 * the command whatever is in flight, task look-ups the account may not make, and a bound on
 * requests in flight. Most run on a fake clock; the ones about requests that never come back use
 * the real one with short durations (nothing else can move time while a request hangs), and
 * assert what happened, never how long it took.
 */

const A = 'inv-aaaaaaaa';
const B = 'inv-bbbbbbbb';
const S = 1000;
const GZ = 'ap-guangzhou';
const SH = 'ap-shanghai';

/** Deps' clock as the real one: for requests that hang until something aborts them. */
function realClock() {
  return { now: () => Date.now(), sleep, sleeps: [] as number[], advance: () => undefined };
}

function setup(
  timelines: Record<string, Step[]>,
  options: TimelineOptions = {},
  clock: ReturnType<typeof fakeClock> = fakeClock(),
) {
  const api = timelineApi(clock, timelines, options);
  const run = (args: string[], extra: Parameters<typeof runCli>[1] = {}) =>
    runCli(args, { fetch: api.fetch, clock, ...extra });
  return { api, run, clock };
}

describe('statuses tat does not know, ids the server stops showing', () => {
  it('an unknown status is waited on as still running, with one warning however often it is seen', async () => {
    const { run } = setup({ [A]: [[0, 'DONE']], [B]: [[0, 'DONE']] });
    const result = await run(['invocations', 'wait', A, B, '--max-wait', '1m']);
    expect(result.code).toBe(6);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('which tat does not know'));
    expect(warnings).toEqual([
      `warning: ${A} is in status "DONE", which tat does not know; it is waited on as still running`,
    ]);
  });

  it('an id shown, then no longer shown for the grace period, is not found (exit 3), said once on the way', async () => {
    const { run, api } = setup(
      {
        [A]: [[0, 'RUNNING']],
        [B]: [
          [0, 'RUNNING'],
          [40 * S, 'SUCCESS', ['SUCCESS']],
        ],
      },
      { vanishAt: { [A]: 5 * S } },
    );
    const result = await run(['invocations', 'wait', A, B, '--max-wait', '10m', '-o', 'ndjson']);
    expect(result.code).toBe(3);
    expect(result.stderr.match(/is no longer shown by/g)).toHaveLength(1);
    expect(result.stderr).toContain(
      `warning: ${A} is no longer shown by ${GZ}; it counts as not found unless it is shown again within 30s`,
    );
    expect(result.stderr).toContain(`error: invocation no longer shown by region ${GZ}: ${A}`);
    // B was still waited on to its end and printed.
    expect(result.stdout).toContain(`"InvocationId":"${B}"`);
    const asked = api.calls.filter(
      (call) => call.action === 'DescribeInvocations' && (call.params.InvocationIds as string[]).includes(A),
    );
    // A was asked for past its grace period, then no more.
    expect(asked.at(-1)!.at - asked[0]!.at).toBeGreaterThanOrEqual(35 * S);
    expect(asked.at(-1)!.at - asked[0]!.at).toBeLessThan(40 * S + 15 * S);
  });

  it('lower-case statuses are the same statuses everywhere: wait, output --exit-status, --status', async () => {
    const { run } = setup(
      {
        [A]: [
          [0, 'running', ['running']],
          [3 * S, 'success', ['success']],
        ],
      },
      { withOutput: true },
    );
    const waited = await run(['invocations', 'wait', A, '--exit-status']);
    expect(waited.code).toBe(0);
    const output = await run(['invocations', 'output', A, '--exit-status']);
    expect(output.code).toBe(0);
    expect(output.stderr).not.toContain('did not succeed');
    const filtered = await run(['invocations', 'output', A, '--status', 'SUCCESS']);
    expect(filtered.stdout).toBe(`ins-aaaaaaaa0 success\n`);
  });
});

describe('regions are polled independently', () => {
  it('a region that never answers does not hold back what another region already knows', async () => {
    const { run, api } = setup(
      { [A]: [[0, 'SUCCESS', ['SUCCESS']]] },
      { regionOf: { [A]: GZ }, regions: [GZ, SH], hang: { [SH]: {} } },
      realClock(),
    );
    const result = await run([
      'invocations',
      'wait',
      A,
      '--region',
      `${GZ},${SH}`,
      '--max-wait',
      '1m',
      '--interval',
      '100ms',
      '-o',
      'ndjson',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ InvocationId: A, Region: GZ });
    expect(result.stderr).toContain(`${GZ} ${A} SUCCESS`);
    // The request that never came back was cut when the command ended: nothing is left open.
    expect(api.stats.aborted).toBe(1);
    expect(api.stats.inFlight).toBe(0);
  }, 20_000);

  it("a failed region's message reaches stderr made visible: it cannot set the title or clear the screen", async () => {
    const hostile = 'ResourceUnavailable\x1b]0;pwned\x07\x1b[2J';
    const { run } = setup(
      { [A]: [[0, 'SUCCESS', ['SUCCESS']]], [B]: [[0, 'RUNNING']] },
      { regionOf: { [A]: GZ, [B]: SH }, failing: { [SH]: { code: hostile, after: 2 } } },
    );
    const result = await run(['invocations', 'wait', A, B, '--region', `${GZ},${SH}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: region ${SH}: DescribeInvocations failed: ResourceUnavailable\\x1b]0;pwned\\x07\\x1b[2J`,
    );
    expect(result.stderr).not.toContain('\x1b');
  });
});

describe('--max-wait bounds the whole command', () => {
  it('a server that answers the first poll and then never again: exit 6 at the deadline, the request cut', async () => {
    const { run, api } = setup({ [A]: [[0, 'RUNNING']] }, { hang: { [GZ]: { after: 2 } } }, realClock());
    const result = await run(['invocations', 'wait', A, '--max-wait', '1s', '--interval', '200ms', '--timeout', '1h']);
    expect(result.code).toBe(6);
    expect(result.stderr).toContain(`still running: ${A} (RUNNING)`);
    expect(api.calls).toHaveLength(2);
    expect(api.stats.aborted).toBe(1);
    expect(api.stats.inFlight).toBe(0);
  }, 20_000);

  it('at a terminal the live view keeps ticking while a request hangs', async () => {
    const { run } = setup({ [A]: [[0, 'RUNNING']] }, { hang: { [GZ]: { after: 2 } } }, realClock());
    const result = await run(
      ['invocations', 'wait', A, '--max-wait', '2500ms', '--interval', '100ms', '--timeout', '1h'],
      { stderrTTY: true, rows: 20 },
    );
    expect(result.code).toBe(6);
    // Frames drawn after the one that saw the poll: the clock in the footer moved on.
    const footers = frames(result.stderr).map((frame) => stripVTControlCharacters(frame.lines.at(-1) ?? ''));
    expect(new Set(footers.filter((line) => line.startsWith('Waiting for'))).size).toBeGreaterThan(1);
  }, 20_000);

  it('output --wait: the deadline passes while the output is fetched: exit 6 (not 1), nothing left open', async () => {
    // Answers the polls; the output request (the first DescribeInvocationTasks) never comes back.
    const clock = realClock();
    const api = timelineApi(clock, { [A]: [[0, 'RUNNING']] }, { withOutput: true });
    let hung = 0;
    const fetch: typeof api.fetch = async (url, init) => {
      const action = (init?.headers as Record<string, string>)['X-TC-Action'];
      if (action !== 'DescribeInvocationTasks') return api.fetch(url, init);
      hung++;
      return new Promise((_, reject) =>
        init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason), { once: true }),
      );
    };
    const result = await runCli(
      ['invocations', 'output', A, '--wait', '--max-wait', '1s', '--interval', '100ms', '--timeout', '1h'],
      { fetch, clock },
    );
    expect(result.code).toBe(6);
    expect(hung).toBe(1);
    expect(result.stderr).toContain(
      '--max-wait (1s) ran out, and what was left to fetch after it did not come within 5s',
    );
  }, 30_000);
});

describe('task look-ups only for display', () => {
  it('an account not allowed DescribeInvocationTasks: the live view and the summary use the basic task info, said once; --exit-status is still 5', async () => {
    const timelines: Record<string, Step[]> = {
      [A]: [
        [0, 'RUNNING', ['RUNNING']],
        [3 * S, 'FAILED', ['FAILED']],
      ],
    };
    for (const stderrTTY of [true, false]) {
      const { run } = setup(timelines, { denyTasks: 'UnauthorizedOperation' });
      const result = await run(['invocations', 'wait', A, '--exit-status'], { stderrTTY, rows: 20 });
      expect(result.code).toBe(5);
      expect(result.stderr.match(/cannot fetch task details/g)).toHaveLength(1);
      expect(result.stderr).toContain(`${A} FAILED: ins-aaaaaaaa0 FAILED`);
    }
  });

  it('get -o table shows the invocation without exit codes', async () => {
    const { run } = setup({ [A]: [[0, 'FAILED', ['FAILED']]] }, { denyTasks: 'UnauthorizedOperation' });
    const result = await run(['invocations', 'get', A, '-o', 'table'], { stdoutTTY: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(A);
    expect(result.stderr).toContain('warning: cannot fetch task details');
  });
});

describe('many regions', () => {
  it('thousands of regions from DescribeRegions are never all asked at once (wait, get, list)', async () => {
    const regions = Array.from({ length: 1000 }, (_, i) => `ap-region-${i}`);
    for (const argv of [
      ['invocations', 'wait', A, '--all-regions', '-o', 'json'],
      ['invocations', 'get', A, '--all-regions', '-o', 'json'],
      ['invocations', 'list', '--all-regions', '--limit', '1', '-o', 'json'],
    ]) {
      const { run, api } = setup(
        { [A]: [[0, 'SUCCESS', ['SUCCESS']]] },
        { regionOf: { [A]: 'ap-region-999' }, regions, turns: 2 },
      );
      const result = await run(argv);
      expect(result.code).toBe(0);
      expect(result.stderr).not.toMatch(/MaxListeners|Warning/);
      expect(api.stats.maxInFlight).toBeLessThanOrEqual(32);
      const asked = new Set(api.calls.map((call) => call.region));
      expect(regions.every((region) => asked.has(region))).toBe(true);
    }
  }, 60_000);
});

describe('a closed stdout', () => {
  it('wait A B C -o ndjson | head -1: the write that finds the pipe closed ends the wait at once, exit 0', async () => {
    const C = 'inv-cccccccc';
    const { run, api } = setup({
      [A]: [
        [0, 'RUNNING'],
        [2 * S, 'SUCCESS', ['SUCCESS']],
      ],
      [B]: [
        [0, 'RUNNING'],
        [4 * S, 'SUCCESS', ['SUCCESS']],
      ],
      [C]: [[0, 'RUNNING']],
    });
    const result = await run(['invocations', 'wait', A, B, C, '-o', 'ndjson'], { stdoutClosesAfter: 1 });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    // Nothing was asked after the poll that saw B end (C runs on for ever).
    const last = api.calls.at(-1)!;
    expect(last.at - Date.UTC(2026, 10, 28, 12)).toBeLessThan(10 * S);
    expect(result.stderr).not.toContain('invocations finished');
  });
});
