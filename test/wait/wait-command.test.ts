import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { peakRate, timelineApi, type Step } from '../helpers/wait-api.js';
import { frames, redrawsInPlace, Screen } from '../helpers/frames.js';
import { displayWidth } from '../../src/output/fit.js';

/**
 * `tat invocations wait` through the whole program, with a fake clock and sleep: the fake
 * endpoint's invocations change as the clock moves, and no test waits for real.
 */

const A = 'inv-aaaaaaaa';
const B = 'inv-bbbbbbbb';
const C = 'inv-cccccccc';
const S = 1000;

function setup(timelines: Record<string, Step[]>, options: Parameters<typeof timelineApi>[2] = {}) {
  const clock = fakeClock();
  const api = timelineApi(clock, timelines, options);
  const polls = () => api.calls.filter((call) => call.action === 'DescribeInvocations');
  const run = (args: string[], extra: Parameters<typeof runCli>[1] = {}) =>
    runCli(['invocations', 'wait', ...args], { fetch: api.fetch, clock, ...extra });
  return { clock, api, polls, run };
}

describe('tat invocations wait: exit codes', () => {
  it('0 when every invocation ends in SUCCESS; prints them at the end', async () => {
    const { run, polls } = setup({
      [A]: [
        [0, 'RUNNING', ['RUNNING']],
        [5 * S, 'SUCCESS', ['SUCCESS']],
      ],
      [B]: [
        [0, 'PENDING', ['PENDING', 'PENDING']],
        [3 * S, 'RUNNING', ['RUNNING', 'RUNNING']],
        [9 * S, 'SUCCESS', ['SUCCESS', 'SUCCESS']],
      ],
    });
    const result = await run([A, B, '--exit-status', '-o', 'json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Array<{ InvocationId: string; InvocationStatus: string }>;
    expect(printed.map((inv) => [inv.InvocationId, inv.InvocationStatus])).toEqual([
      [A, 'SUCCESS'],
      [B, 'SUCCESS'],
    ]);
    expect(result.stderr).toContain('2 invocations finished: 2 SUCCESS.');
    // Polled until the last change and not after.
    expect(polls().at(-1)!.at - polls()[0]!.at).toBeGreaterThanOrEqual(9 * S);
    expect(polls().at(-1)!.params.InvocationIds as string[]).toEqual([B]);
  });

  it('5 with --exit-status when any ended otherwise, naming the invocation and the failed instances', async () => {
    const { run } = setup({
      [A]: [
        [0, 'RUNNING', ['RUNNING', 'RUNNING']],
        [4 * S, 'PARTIAL_FAILED', ['SUCCESS', 'FAILED']],
      ],
      [B]: [
        [0, 'RUNNING'],
        [2 * S, 'SUCCESS', ['SUCCESS']],
      ],
      [C]: [
        [0, 'CANCELLING', ['CANCELLING']],
        [3 * S, 'CANCELLED', ['TERMINATED']],
      ],
    });
    const result = await run([A, B, C, '--exit-status', '-o', 'ndjson']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('error: 2 of 3 finished invocations did not succeed:');
    expect(result.stderr).toContain(`  ${A} PARTIAL_FAILED: ins-aaaaaaaa1 FAILED (exit 1)`);
    expect(result.stderr).toContain(`  ${C} CANCELLED: ins-cccccccc0 TERMINATED`);
    expect(result.stderr.slice(result.stderr.indexOf('error:'))).not.toContain('ins-aaaaaaaa0');
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('0 without --exit-status once all are final, still naming the failures', async () => {
    const { run } = setup({
      [A]: [
        [0, 'RUNNING'],
        [4 * S, 'FAILED', ['FAILED']],
      ],
    });
    const result = await run([A]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 invocation finished: 1 FAILED.');
    expect(result.stderr).toContain(`${A} FAILED: ins-aaaaaaaa0 FAILED`);
    expect(result.stderr).not.toContain('error:');
  });

  it('6 when --max-wait runs out, naming those still running, and prints their state', async () => {
    const { run, polls } = setup({
      [A]: [[0, 'RUNNING']],
      [B]: [
        [0, 'RUNNING'],
        [2 * S, 'SUCCESS', ['SUCCESS']],
      ],
    });
    const result = await run([A, B, '--max-wait', '1m', '--exit-status', '-o', 'json']);
    expect(result.code).toBe(6);
    expect(result.stderr).toContain(`error: --max-wait (1m00s) ran out; still running: ${A} (RUNNING)`);
    expect(result.stderr).toContain('They keep running on the instances');
    expect(
      (JSON.parse(result.stdout) as Array<{ InvocationStatus: string }>).map((inv) => inv.InvocationStatus),
    ).toEqual(['RUNNING', 'SUCCESS']);
    // No poll starts at or after the deadline (--max-wait bounds the whole command), and the
    // interval grows to at most 15 s, so the last one is within 15 s of it.
    expect(polls().at(-1)!.at - polls()[0]!.at).toBeLessThan(60 * S);
    expect(polls().at(-1)!.at - polls()[0]!.at).toBeGreaterThanOrEqual(45 * S);
  });

  it('--max-wait 0 waits with no limit', async () => {
    const { run } = setup({
      [A]: [
        [0, 'RUNNING'],
        [45 * 60 * S, 'SUCCESS', ['SUCCESS']],
      ],
    });
    const result = await run([A, '--max-wait', '0']);
    expect(result.code).toBe(0);
  });

  it('3 for an id still unknown after the 30 s grace period; the others are waited for and printed', async () => {
    const { run, api } = setup({
      [A]: [
        [0, 'RUNNING'],
        [50 * S, 'SUCCESS', ['SUCCESS']],
      ],
    });
    const result = await run([A, 'inv-nothere0', '-o', 'ndjson']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('invocation not found in region ap-guangzhou: inv-nothere0');
    expect(result.stdout).toContain(`"InvocationId":"${A}"`);
    const askedFor = api.calls.filter((call) =>
      (call.params.InvocationIds as string[] | undefined)?.includes('inv-nothere0'),
    );
    const span = askedFor.at(-1)!.at - askedFor[0]!.at;
    expect(span).toBeGreaterThanOrEqual(30 * S);
    expect(span).toBeLessThan(46 * S);
  });

  it('an id that shows up within the grace period is waited for like the others', async () => {
    const { run } = setup(
      {
        [A]: [
          [0, 'PENDING'],
          [25 * S, 'SUCCESS', ['SUCCESS']],
        ],
      },
      { visibleAfter: { [A]: 20 * S } },
    );
    const result = await run([A, '--exit-status']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('not found');
  });

  it('2 for bad flags, before any request', async () => {
    for (const args of [[A, '--interval', '0'], [A, '--interval', '10ms'], [A, '--max-wait', 'soon'], ['not-an-id']]) {
      const { run, api } = setup({ [A]: [[0, 'SUCCESS']] });
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(api.calls).toHaveLength(0);
    }
  });

  it('--max-wait over 24h is refused with a hint naming 0, the way to wait with no limit', async () => {
    for (const value of ['48h', 'soon']) {
      const { run, api } = setup({ [A]: [[0, 'SUCCESS']] });
      const result = await run([A, '--max-wait', value]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--max-wait '${value}'`);
      expect(result.stderr).toContain('--max-wait 0 to wait with no limit');
      expect(api.calls).toHaveLength(0);
    }
  });

  it.each([
    ['InternalError', 1],
    ['AuthFailure.SecretIdNotFound', 4],
  ])(
    'a poll that keeps failing with %s ends the wait with %i, saying the invocations did not stop',
    async (code, exit) => {
      const clock = fakeClock();
      const api = timelineApi(clock, { [A]: [[0, 'RUNNING']] }, { throttle: [] });
      let calls = 0;
      const failing: typeof api.fetch = async (url, init) => {
        calls += 1;
        if (calls < 3) return api.fetch(url, init);
        return new Response(JSON.stringify({ Response: { Error: { Code: code, Message: 'no' }, RequestId: 'r' } }), {
          status: 200,
        });
      };
      const result = await runCli(['invocations', 'wait', A], { fetch: failing, clock });
      expect(result.code).toBe(exit);
      expect(result.stderr).toContain(`DescribeInvocations failed: ${code}`);
      expect(result.stderr).toContain(
        `Waiting stopped, the invocations did not: wait again with \`tat invocations wait ${A}\`.`,
      );
    },
  );

  it('130 on Ctrl+C: stops polling and says the invocations keep running', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    const api = timelineApi(clock, { [A]: [[0, 'RUNNING']] });
    let sleeps = 0;
    const sleepy = {
      ...clock,
      sleep: async (ms: number) => {
        await clock.sleep(ms);
        if (++sleeps === 3) controller.abort('SIGINT');
      },
    };
    const result = await runCli(['invocations', 'wait', A], {
      fetch: api.fetch,
      clock: sleepy,
      signal: controller.signal,
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Stopped waiting (SIGINT). The invocations keep running on their instances');
    expect(result.stderr).toContain(`tat invocations wait ${A}`);
    expect(result.stdout).toBe('');
    const sent = api.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.calls.length).toBe(sent);
  });
});

describe('tat invocations wait: polling', () => {
  it('starts at --interval and backs off by half toward 15 s while nothing changes; a change resets it', async () => {
    const { run, polls } = setup({
      [A]: [
        [0, 'RUNNING'],
        [60 * S, 'RUNNING', ['SUCCESS', 'RUNNING']],
        [120 * S, 'SUCCESS', ['SUCCESS', 'SUCCESS']],
      ],
    });
    expect((await run([A])).code).toBe(0);
    const gaps = polls()
      .slice(1)
      .map((call, i) => call.at - polls()[i]!.at);
    expect(gaps.slice(0, 7)).toEqual([2000, 3000, 4500, 6750, 10125, 15000, 15000]);
    // After the change seen at ~60 s, the next gap is back to 2 s.
    const changed = polls().findIndex((call) => call.at >= 60 * S);
    expect(gaps[changed]).toBe(2000);
    expect(Math.max(...gaps)).toBe(15000);
  });

  it('a larger --interval is used as is', async () => {
    const { run, polls } = setup({
      [A]: [
        [0, 'RUNNING'],
        [100 * S, 'SUCCESS'],
      ],
    });
    await run([A, '--interval', '30s']);
    const gaps = polls()
      .slice(1)
      .map((call, i) => call.at - polls()[i]!.at);
    expect(new Set(gaps)).toEqual(new Set([30000]));
  });

  it('keeps waiting through throttling (RequestLimitExceeded is retried by the shared client)', async () => {
    const { run, api } = setup(
      {
        [A]: [
          [0, 'RUNNING'],
          [5 * S, 'SUCCESS', ['SUCCESS']],
        ],
      },
      { throttle: [2, 3] },
    );
    const result = await run([A, '--exit-status', '--debug']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('retry: RequestLimitExceeded; slowing down to');
    expect(api.calls.length).toBeGreaterThanOrEqual(4);
  });

  it("keeps to the client's own pace, the one limiter of the run: throttled with --rate-limit 0, the shared pace slows down", async () => {
    const { run } = setup(
      {
        [A]: [
          [0, 'RUNNING'],
          [5 * S, 'SUCCESS', ['SUCCESS']],
        ],
      },
      { throttle: [2, 3] },
    );
    const result = await run([A, '--exit-status', '--debug', '--rate-limit', '0']);
    expect(result.code).toBe(0);
    // With a second limiter of its own, the wait left the client unpaced, which only backed off.
    expect(result.stderr).toContain('retry: RequestLimitExceeded; slowing down to');
  });

  it.each([450, 2500])('%i ids: 100 per request, never more than 20 requests a second', async (count) => {
    const ids = Array.from({ length: count }, (_, i) => `inv-${String(i).padStart(8, '0')}`);
    const timelines = Object.fromEntries(
      ids.map((id, i): [string, Step[]] => [
        id,
        [
          [0, 'RUNNING'],
          [(i % 3) * 4 * S + 3 * S, 'SUCCESS', ['SUCCESS']],
        ],
      ]),
    );
    const { run, polls, api } = setup(timelines);
    const result = await run([...ids, '-o', 'ndjson', '--rate-limit', '0']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(count);
    expect(polls().every((call) => (call.params.InvocationIds as string[]).length <= 100)).toBe(true);
    // The first round asks for every id exactly once, in ceil(count / 100) requests.
    const perRound = Math.ceil(count / 100);
    const first = polls()
      .slice(0, perRound)
      .flatMap((call) => call.params.InvocationIds as string[]);
    expect(first.sort()).toEqual([...ids].sort());
    // Later rounds ask only for the ones not yet final: those ending at 3 s drop out first.
    const timesAsked = (id: string) =>
      polls().filter((call) => (call.params.InvocationIds as string[]).includes(id)).length;
    expect(timesAsked(ids[0]!)).toBeLessThan(timesAsked(ids[2]!));
    expect(polls().length).toBeLessThan(perRound * timesAsked(ids[2]!));
    expect(peakRate(api.calls.map((call) => call.at))).toBeLessThanOrEqual(20);
    // Piped and all successful: no task look-ups at all.
    expect(api.calls.filter((call) => call.action !== 'DescribeInvocations')).toHaveLength(0);
  });
});

describe('tat invocations wait: output', () => {
  it('piped: one stderr line per state change, not per poll', async () => {
    const { run, polls } = setup({
      [A]: [
        [0, 'PENDING', ['PENDING', 'PENDING']],
        [6 * S, 'RUNNING', ['RUNNING', 'RUNNING']],
        [30 * S, 'RUNNING', ['SUCCESS', 'RUNNING']],
        [40 * S, 'SUCCESS', ['SUCCESS', 'SUCCESS']],
      ],
    });
    const result = await run([A]);
    expect(polls().length).toBeGreaterThan(8);
    const lines = result.stderr.trimEnd().split('\n');
    const changes = lines.filter((line) => line.includes(A));
    expect(changes.map((line) => line.replace(/^\s*\S+ /, ''))).toEqual([
      `${A} PENDING (0 of 2 instances done)`,
      `${A} PENDING → RUNNING (0 of 2 instances done)`,
      `${A} ins-aaaaaaaa0 PENDING → RUNNING`,
      `${A} ins-aaaaaaaa1 PENDING → RUNNING`,
      `${A} ins-aaaaaaaa0 RUNNING → SUCCESS`,
      `${A} RUNNING → SUCCESS (2 of 2 instances done)`,
      `${A} ins-aaaaaaaa1 RUNNING → SUCCESS`,
    ]);
    expect(result.stdout).toMatch(new RegExp(`^${A}\tSUCCESS\t`));
  });

  it('-o ndjson prints each invocation as soon as it ends', async () => {
    const { run, clock } = setup({
      [A]: [
        [0, 'RUNNING'],
        [20 * S, 'SUCCESS'],
      ],
      [B]: [
        [0, 'RUNNING'],
        [4 * S, 'FAILED'],
      ],
    });
    const sink: string[] = [];
    const seenAt: number[] = [];
    const watched = {
      ...clock,
      sleep: async (ms: number) => {
        seenAt.push(sink.length);
        await clock.sleep(ms);
      },
    };
    const result = await run([A, B, '-o', 'ndjson'], { clock: watched, stdoutSink: sink });
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { InvocationId: string }).InvocationId),
    ).toEqual([B, A]);
    // B was on stdout while A was still being waited for.
    expect(seenAt.some((written) => written === 1)).toBe(true);
  });

  it('a closed stdout (| head -1) stops waiting at once and ends with 0', async () => {
    const { run, polls } = setup({
      [A]: [
        [0, 'RUNNING'],
        [60 * S, 'SUCCESS'],
      ],
      [B]: [
        [0, 'RUNNING'],
        [4 * S, 'SUCCESS'],
      ],
    });
    const result = await run([A, B, '-o', 'ndjson'], { stdoutClosesAfter: 0 });
    expect(result.code).toBe(0);
    expect(polls().at(-1)!.at - polls()[0]!.at).toBeLessThan(10 * S);
  });

  it('--quiet: nothing on stderr but the outcome', async () => {
    const { run } = setup({
      [A]: [
        [0, 'RUNNING'],
        [4 * S, 'SUCCESS'],
      ],
    });
    const result = await run([A, '--quiet']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('tat invocations get --wait', () => {
  it('waits, then shows the invocations as get does', async () => {
    const clock = fakeClock();
    const api = timelineApi(clock, {
      [A]: [
        [0, 'RUNNING'],
        [7 * S, 'SUCCESS', ['SUCCESS']],
      ],
    });
    const result = await runCli(['invocations', 'get', A, '--wait', '-o', 'json'], { fetch: api.fetch, clock });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { InvocationStatus: string }).InvocationStatus).toBe('SUCCESS');
    expect(api.calls.length).toBeGreaterThan(2);
  });

  it('the table view fetches the tasks after the wait, so EXIT CODE shows as with plain get', async () => {
    const clock = fakeClock();
    const api = timelineApi(
      clock,
      {
        [A]: [
          [0, 'RUNNING', ['RUNNING']],
          [7 * S, 'FAILED', ['FAILED']],
        ],
      },
      { failExit: 37 },
    );
    const result = await runCli(['invocations', 'get', A, '--wait', '-o', 'table'], { fetch: api.fetch, clock });
    expect(result.code).toBe(0);
    const taskRow = result.stdout.split('\n').find((line) => line.includes(`ins-${A.slice(4)}0`));
    expect(taskRow).toMatch(/FAILED\s+37\b/);
    const last = api.calls.at(-1)!;
    expect([last.action, last.params.HideOutput]).toEqual(['DescribeInvocationTasks', true]);
  });

  it('refuses --max-wait without --wait', async () => {
    const result = await runCli(['invocations', 'get', A, '--max-wait', '5m']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--max-wait only applies with --wait');
  });
});

describe('tat invocations wait: on a terminal', () => {
  it('draws a live view on stderr, redrawn in place within the terminal, with each instance and its exit code', async () => {
    const { run, api } = setup(
      {
        [A]: [
          [0, 'RUNNING', ['RUNNING', 'RUNNING']],
          [5 * S, 'RUNNING', ['SUCCESS', 'RUNNING']],
          [9 * S, 'PARTIAL_FAILED', ['SUCCESS', 'FAILED']],
        ],
        [B]: [
          [0, 'PENDING', ['PENDING']],
          [3 * S, 'RUNNING', ['RUNNING']],
          [7 * S, 'SUCCESS', ['SUCCESS']],
        ],
      },
      { failExit: 42 },
    );
    const result = await run([A, B, '--exit-status'], { stderrTTY: true, columns: 60, rows: 10 });
    expect(result.code).toBe(5);
    const list = frames(result.stderr);
    expect(list.length).toBeGreaterThan(5);
    expect(redrawsInPlace(list)).toBe(true);
    for (const frame of list) {
      expect(frame.lines.length).toBeLessThanOrEqual(9);
      for (const line of frame.lines) expect(displayWidth(line)).toBeLessThanOrEqual(59);
    }
    const last = list.at(-1)!.lines;
    expect(last[0]).toMatch(/^✗ inv-aaaaaaaa {2}PARTIAL_FAILED {2}2 of 2 instances done/);
    expect(last[1]).toMatch(/^ {4}✓ ins-aaaaaaaa0 {2}SUCCESS {2}exit 0 {2}4s$/);
    // Statuses padded to the widest, so exit codes and times line up (issue 19.5).
    expect(last[2]).toMatch(/^ {4}✗ ins-aaaaaaaa1 {2}FAILED {3}exit 42 {2}4s$/);
    expect(last.at(-1)).toMatch(/^2 of 2 invocations done after/);
    // The elapsed clock ticks between polls too.
    expect(list.some((frame) => frame.lines.at(-1)!.includes('next check in'))).toBe(true);
    // Tasks come from DescribeInvocationTasks with the output hidden, and only when a status changed.
    const taskCalls = api.calls.filter((call) => call.action === 'DescribeInvocationTasks');
    expect(taskCalls.length).toBeGreaterThan(0);
    expect(taskCalls.every((call) => call.params.HideOutput === true)).toBe(true);
    expect(taskCalls.length).toBeLessThan(api.calls.length / 2);
    // The failure names the exit code the live view learnt.
    expect(result.stderr).toContain(`${A} PARTIAL_FAILED: ins-aaaaaaaa1 FAILED (exit 42)`);
  });

  it('keeps a retry notice above the view instead of tearing it', async () => {
    const { run } = setup(
      {
        [A]: [
          [0, 'RUNNING'],
          [5 * S, 'SUCCESS', ['SUCCESS']],
        ],
      },
      { throttle: [3] },
    );
    const result = await run([A], { stderrTTY: true, columns: 80, rows: 24 });
    expect(result.code).toBe(0);
    const list = frames(result.stderr);
    expect(redrawsInPlace(list)).toBe(true);
    const noticed = list.filter((frame) => frame.above.startsWith('throttled, slowing down to'));
    expect(noticed).toHaveLength(1);
    expect(noticed[0]!.lines[0]).toContain(A);
  });

  it('records printed to the same terminal go above the live view, whole; nothing of them is drawn over (issue 19.1)', async () => {
    const { run } = setup({
      [A]: [
        [0, 'RUNNING', ['RUNNING']],
        [4 * S, 'SUCCESS', ['SUCCESS']],
      ],
      [B]: [
        [0, 'RUNNING', ['RUNNING', 'RUNNING']],
        [9 * S, 'SUCCESS', ['SUCCESS', 'SUCCESS']],
      ],
    });
    const screen = new Screen(60, 12);
    const result = await run([A, B, '-o', 'ndjson'], {
      stderrTTY: true,
      stdoutTTY: true,
      columns: 60,
      rows: 12,
      screen,
    });
    expect(result.code).toBe(0);
    // Each record (wider than the terminal: wrapped over rows) is on screen or in the scrollback in full.
    // (Rows are compared without spaces: a row's trailing space is not told apart from an empty cell.)
    const seen = screen.all().join('').replace(/ /g, '');
    const records = result.stdout.trim().split('\n');
    expect(records).toHaveLength(2);
    for (const record of records) expect(seen).toContain(record.replace(/ /g, ''));
    // Under them, the last frame of the view, then the summary.
    expect(screen.all().at(-1)).toBe('2 invocations finished: 2 SUCCESS.');
    expect(screen.cursorHidden).toBe(false);
  });

  it('draws no live view when stdout is a pipe, which may end in the same terminal (`| cat`): change lines instead (issue 19.1)', async () => {
    const { run } = setup({
      [A]: [
        [0, 'RUNNING', ['RUNNING']],
        [4 * S, 'SUCCESS', ['SUCCESS']],
      ],
    });
    const result = await run([A, '-o', 'ndjson'], { stderrTTY: true, stdoutPipe: true, rows: 12 });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('\x1b');
    expect(result.stderr).toMatch(/inv-aaaaaaaa RUNNING → SUCCESS/);
  });

  it('a long wait leaves the scrollback alone: line-by-line redraws, never an erase from the top corner (issue 19.2)', async () => {
    const { run } = setup({
      [A]: [
        [0, 'RUNNING', ['RUNNING', 'RUNNING', 'RUNNING']],
        [10 * 60 * S, 'SUCCESS', ['SUCCESS', 'SUCCESS', 'SUCCESS']],
      ],
    });
    const screen = new Screen(80, 12);
    const result = await run([A, '--max-wait', '0'], { stderrTTY: true, columns: 80, rows: 12, screen });
    expect(result.code).toBe(0);
    // About 600 frames (one a second for ten minutes).
    expect(frames(result.stderr).length).toBeGreaterThan(500);
    expect(screen.clearsFromHome).toBe(0);
    expect(result.stderr).not.toContain('\x1b[J');
    // Nothing scrolled: the view and the summary fit the screen as they are.
    expect(screen.history).toEqual([]);
    expect(frames(result.stderr).every((frame) => frame.lines.length <= 10)).toBe(true);
  });

  it("at a terminal with no -o, ends with the view's last frame and a short recap, not every detail view (issue 19.3)", async () => {
    const { run } = setup(
      {
        [A]: [
          [0, 'RUNNING', ['RUNNING', 'RUNNING']],
          [5 * S, 'PARTIAL_FAILED', ['SUCCESS', 'FAILED']],
        ],
        [B]: [
          [0, 'RUNNING', ['RUNNING']],
          [3 * S, 'SUCCESS', ['SUCCESS']],
        ],
      },
      { failExit: 42 },
    );
    const screen = new Screen(100, 24);
    const result = await run([A, B], { stderrTTY: true, stdoutTTY: true, columns: 100, rows: 24, screen });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    // What is left on screen: the last frame (each instance with its exit code), the summary, where the records are.
    expect(screen.all()).toEqual([
      `✗ ${A}  PARTIAL_FAILED  2 of 2 instances done  5s`,
      '    ✓ ins-aaaaaaaa0  SUCCESS  exit 0  4s',
      '    ✗ ins-aaaaaaaa1  FAILED   exit 42  4s',
      `✓ ${B}  SUCCESS         1 of 1 instance done  5s`,
      '    ✓ ins-bbbbbbbb0  SUCCESS  exit 0  4s',
      '2 of 2 invocations done after 5s',
      '2 invocations finished: 1 PARTIAL_FAILED, 1 SUCCESS.',
      '1 of 2 finished invocations did not succeed:',
      `  ${A} PARTIAL_FAILED: ins-aaaaaaaa1 FAILED (exit 42)`,
      `Full records: tat invocations get ${A} ${B}`,
    ]);
  });

  it('with -o table the detail views follow, their task tables with exit codes (issue 19.3)', async () => {
    const { run } = setup(
      {
        [A]: [
          [0, 'RUNNING', ['RUNNING', 'RUNNING']],
          [5 * S, 'PARTIAL_FAILED', ['SUCCESS', 'FAILED']],
        ],
      },
      { failExit: 42 },
    );
    for (const extra of [{ stderrTTY: true, stdoutTTY: true }, {}]) {
      const result = await run([A, '-o', 'table'], { ...extra, columns: 100, rows: 24 });
      expect(result.code).toBe(0);
      const shown = stripVTControlCharacters(result.stdout);
      expect(shown).toMatch(/ins-aaaaaaaa1 +FAILED +42/);
      expect(shown).toMatch(/ins-aaaaaaaa0 +SUCCESS +0/);
    }
  });

  it('Ctrl+C gives the cursor back and says the invocations keep running', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    const api = timelineApi(clock, { [A]: [[0, 'RUNNING']] });
    let sleeps = 0;
    const sleepy = {
      ...clock,
      sleep: async (ms: number) => {
        await clock.sleep(ms);
        if (++sleeps === 4) controller.abort('SIGINT');
      },
    };
    const result = await runCli(['invocations', 'wait', A], {
      fetch: api.fetch,
      clock: sleepy,
      signal: controller.signal,
      stderrTTY: true,
      rows: 24,
    });
    expect(result.code).toBe(130);
    // The cursor back, then on a line of its own (after the ^C the terminal echoed) why it stopped, said once.
    expect(result.stderr).toContain(
      '\x1b[?25h\nStopped waiting (SIGINT). The invocations keep running on their instances',
    );
    expect(result.stderr).not.toContain('interrupted (SIGINT)');
  });
});
