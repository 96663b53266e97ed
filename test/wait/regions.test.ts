import { describe, expect, it } from '@jest/globals';
import { stripVTControlCharacters } from 'node:util';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { frames, redrawsInPlace } from '../helpers/frames.js';
import { peakRate, timelineApi, type Step, type TimelineOptions } from '../helpers/wait-api.js';

/**
 * `wait` (and `get --wait`) across several regions, through the whole program with a fake clock:
 * each id lives in one region of the fake endpoint; tests count which region was asked for what.
 */

const A = 'inv-aaaaaaaa';
const B = 'inv-bbbbbbbb';
const C = 'inv-cccccccc';
const S = 1000;
const GZ = 'ap-guangzhou';
const SH = 'ap-shanghai';
const TWO = `${GZ},${SH}`;

const timelines: Record<string, Step[]> = {
  [A]: [
    [0, 'RUNNING', ['RUNNING']],
    [5 * S, 'SUCCESS', ['SUCCESS']],
  ],
  [B]: [
    [0, 'RUNNING', ['RUNNING', 'RUNNING']],
    [9 * S, 'FAILED', ['SUCCESS', 'FAILED']],
  ],
  [C]: [
    [0, 'RUNNING', ['RUNNING']],
    [3 * S, 'SUCCESS', ['SUCCESS']],
  ],
};

function setup(options: TimelineOptions = {}) {
  const clock = fakeClock();
  const api = timelineApi(clock, timelines, { regionOf: { [A]: GZ, [B]: SH, [C]: GZ }, ...options });
  const run = (args: string[], extra: Parameters<typeof runCli>[1] = {}) =>
    runCli(args, { fetch: api.fetch, clock, ...extra });
  /** The ids each DescribeInvocations to `region` asked for. */
  const asked = (region: string) =>
    api.calls
      .filter((call) => call.region === region && call.action === 'DescribeInvocations')
      .map((call) => call.params.InvocationIds as string[]);
  return { clock, api, run, asked };
}

type Printed = { InvocationId: string; InvocationStatus: string; Region?: string };

describe('tat invocations wait across regions', () => {
  it('finds each id in its region, then asks each region only for its own ids; json adds Region last', async () => {
    const { run, asked } = setup();
    const result = await run(['invocations', 'wait', A, B, C, '--region', TWO, '--exit-status', '-o', 'json']);
    expect(result.code).toBe(5);
    const printed = JSON.parse(result.stdout) as Printed[];
    expect(printed.map((inv) => [inv.InvocationId, inv.InvocationStatus, inv.Region])).toEqual([
      [A, 'SUCCESS', GZ],
      [B, 'FAILED', SH],
      [C, 'SUCCESS', GZ],
    ]);
    expect(Object.keys(printed[0]!).at(-1)).toBe('Region');
    // The first round asks both regions for every id; after that each region only for what it holds.
    expect(asked(GZ)[0]).toEqual([A, B, C]);
    expect(asked(SH)[0]).toEqual([A, B, C]);
    expect(
      asked(GZ)
        .slice(1)
        .flat()
        .every((id) => id === A || id === C),
    ).toBe(true);
    expect(
      asked(SH)
        .slice(1)
        .flat()
        .every((id) => id === B),
    ).toBe(true);
    // Guangzhou's ids end at 5 s: it is asked nothing more while Shanghai's goes on to 9 s.
    expect(asked(SH).length).toBeGreaterThan(asked(GZ).length);
    // The failure names its region, and the hint asks the right one.
    expect(result.stderr).toContain(`  ${B} FAILED in ${SH}: ins-bbbbbbbb1 FAILED (exit 1)`);
    expect(result.stderr).toContain(`\`tat invocations get ${B} --region ${SH}\` shows its tasks.`);
  });

  it('many ids in each region: 100 ids a request, each region within its own 20 requests a second', async () => {
    const clock = fakeClock();
    const ids = Array.from({ length: 600 }, (_, i) => `inv-${String(i).padStart(8, '0')}`);
    const many = Object.fromEntries(
      ids.map((id, i): [string, Step[]] => [
        id,
        [
          [0, 'RUNNING'],
          [(i % 2) * 4 * S + 3 * S, 'SUCCESS', ['SUCCESS']],
        ],
      ]),
    );
    const api = timelineApi(clock, many, { regionOf: Object.fromEntries(ids.map((id, i) => [id, i < 300 ? GZ : SH])) });
    const result = await runCli(['invocations', 'wait', ...ids, '--region', TWO, '--rate-limit', '0', '-o', 'ndjson'], {
      fetch: api.fetch,
      clock,
    });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(600);
    const polls = (region: string) =>
      api.calls.filter((call) => call.region === region && call.action === 'DescribeInvocations');
    for (const region of [GZ, SH]) {
      expect(polls(region).every((call) => (call.params.InvocationIds as string[]).length <= 100)).toBe(true);
      expect(peakRate(polls(region).map((call) => call.at))).toBeLessThanOrEqual(20);
      // After the first round (every id, in 6 requests), each region is asked only for its own 300.
      const later = polls(region)
        .slice(6)
        .flatMap((call) => call.params.InvocationIds as string[]);
      expect(later.length).toBeGreaterThan(0);
      expect(later.every((id) => (Number(id.slice(4)) < 300 ? GZ : SH) === region)).toBe(true);
    }
  });

  it('one region: the output stays exactly the API objects (no Region), as before', async () => {
    const { run } = setup();
    const result = await run(['invocations', 'wait', A, C, '--region', GZ, '-o', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Printed[]).every((inv) => !('Region' in inv))).toBe(true);
    expect(result.stderr).not.toContain(GZ);
  });

  it('-o ndjson streams each as it ends, with its Region; tsv appends a region column', async () => {
    const nd = await setup().run(['invocations', 'wait', A, B, C, '--region', TWO, '-o', 'ndjson']);
    expect(nd.code).toBe(0);
    const lines = nd.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Printed);
    // In the order they ended: A and C (by 5 s) before B (9 s).
    expect(lines.map((inv) => [inv.InvocationId, inv.Region])).toEqual([
      [A, GZ],
      [C, GZ],
      [B, SH],
    ]);
    const tsv = await setup().run(['invocations', 'wait', A, B, '--region', TWO, '-o', 'tsv']);
    expect(
      tsv.stdout
        .trim()
        .split('\n')
        .map((line) => [line.split('\t')[0], line.split('\t').at(-1)]),
    ).toEqual([
      [A, GZ],
      [B, SH],
    ]);
  });

  it('piped progress lines name the region of each invocation', async () => {
    const result = await setup().run(['invocations', 'wait', A, B, '--region', TWO]);
    const changes = result.stderr
      .split('\n')
      .filter((line) => /^\s*\d+\S* /.test(line))
      .map((line) => line.replace(/^\s*\S+ /, ''));
    expect(changes).toContain(`${GZ} ${A} RUNNING → SUCCESS (1 of 1 instance done)`);
    expect(changes).toContain(`${SH} ${B} ins-bbbbbbbb1 RUNNING → FAILED`);
  });

  it('an id found in no region is exit 3 after the grace period, asked in every region until then; the others are printed', async () => {
    const { run, api } = setup();
    const result = await run(['invocations', 'wait', A, 'inv-nothere0', '--region', TWO, '-o', 'ndjson']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('invocation not found in 2 regions: inv-nothere0');
    expect(result.stderr).toContain('tat invocations list --all-regions');
    expect(JSON.parse(result.stdout) as Printed).toMatchObject({ InvocationId: A, Region: GZ });
    const askedFor = (region: string) =>
      api.calls.filter(
        (call) => call.region === region && (call.params.InvocationIds as string[]).includes('inv-nothere0'),
      );
    for (const region of [GZ, SH]) {
      const times = askedFor(region).map((call) => call.at);
      expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(30 * S);
    }
  });

  it('a region that fails: named at once, the others still waited on and printed, exit 1 (0 with --allow-partial)', async () => {
    // Shanghai answers its first request, then fails for good (not a retryable error).
    const argv = ['invocations', 'wait', A, B, C, '--region', TWO, '-o', 'json'];
    const { run, asked } = setup({ failing: { [SH]: { code: 'ResourceUnavailable', after: 2 } } });
    const result = await run(argv);
    expect(result.code).toBe(1);
    const printed = JSON.parse(result.stdout) as Printed[];
    expect(printed.map((inv) => [inv.InvocationId, inv.InvocationStatus, inv.Region])).toEqual([
      [A, 'SUCCESS', GZ],
      [B, 'RUNNING', SH],
      [C, 'SUCCESS', GZ],
    ]);
    expect(result.stderr).toContain(`error: region ${SH}: DescribeInvocations failed: ResourceUnavailable`);
    expect(result.stderr).toContain(`not waited on to the end (their region failed): ${B} (RUNNING in ${SH})`);
    expect(result.stderr).toContain(`error: 1 of 2 regions failed (${SH})`);
    expect(result.stderr).toContain('--allow-partial');
    // Shanghai is not asked again after it failed; Guangzhou goes on until its ids end.
    expect(asked(SH)).toHaveLength(2);
    expect(asked(GZ).length).toBeGreaterThan(2);

    const partial = await setup({ failing: { [SH]: { code: 'ResourceUnavailable', after: 2 } } }).run([
      ...argv,
      '--allow-partial',
    ]);
    expect(partial.code).toBe(0);
    expect(partial.stdout).toBe(result.stdout);
    expect(partial.stderr).toContain(`warning: 1 of 2 regions failed (${SH})`);
  });

  it('a failed region outranks how the wait ended, which is still named; with --allow-partial the wait codes apply', async () => {
    const failing = { failing: { [SH]: { code: 'ResourceUnavailable', after: 3 } } };
    const argv = ['invocations', 'wait', A, 'inv-nothere0', '--region', TWO, '-o', 'json'];
    const result = await setup(failing).run(argv);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('also: invocation not found in 1 region that answered: inv-nothere0');
    const partial = await setup(failing).run([...argv, '--allow-partial']);
    expect(partial.code).toBe(3);
  });

  it('every region failing with AuthFailure keeps exit 4', async () => {
    const { run } = setup({
      failing: { [GZ]: { code: 'AuthFailure.SecretIdNotFound' }, [SH]: { code: 'AuthFailure.SecretIdNotFound' } },
    });
    const result = await run(['invocations', 'wait', A, B, '--region', TWO]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`every region failed (${GZ}, ${SH})`);
    expect(result.stderr).not.toContain('not found');
  });

  it('--all-regions asks DescribeRegions, then waits in every region listed', async () => {
    const { run, api } = setup({ regions: [GZ, SH, 'ap-beijing'] });
    const result = await run(['invocations', 'wait', A, B, '--all-regions', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(api.calls[0]).toMatchObject({ action: 'DescribeRegions' });
    expect((JSON.parse(result.stdout) as Printed[]).map((inv) => inv.Region)).toEqual([GZ, SH]);
    expect(new Set(api.calls.map((call) => call.region))).toEqual(new Set([GZ, SH, 'ap-beijing']));
  });

  it('--max-wait running out: exit 6, and the hint waits again in the right region', async () => {
    const { run } = setup();
    const result = await run(['invocations', 'wait', A, B, '--region', TWO, '--max-wait', '7s']);
    expect(result.code).toBe(6);
    expect(result.stderr).toContain(`still running: ${B} (RUNNING in ${SH})`);
    expect(result.stderr).toContain(`\`tat invocations wait ${B} --region ${SH} --max-wait 30m\``);
  });

  it('an id shown by two regions is waited on in the first region given, even when the other answers first, and named', async () => {
    // Shanghai answers first; Guangzhou, given first, still keeps A (only its copy is polled after).
    for (const order of [`${GZ},${SH}`, `${SH},${GZ}`]) {
      const { run, asked } = setup({ regionOf: { [A]: [SH, GZ], [B]: SH }, slow: [GZ] });
      const result = await run(['invocations', 'wait', A, B, '--region', order, '-o', 'json']);
      expect(result.code).toBe(0);
      const first = order.split(',')[0]!;
      const other = order.split(',')[1]!;
      expect((JSON.parse(result.stdout) as Printed[]).map((inv) => [inv.InvocationId, inv.Region])).toEqual([
        [A, first],
        [B, SH],
      ]);
      expect(result.stderr).toContain(
        `warning: ${A} is also in ${other}; using the one in ${first}, the first region given`,
      );
      // After the first round, A is asked for in its own region only.
      expect(asked(other).slice(1).flat()).not.toContain(A);
    }
  });

  it('--all-regions with --region is a usage error, before any request', async () => {
    const { run, api } = setup();
    const result = await run(['invocations', 'wait', A, '--all-regions', '--region', GZ]);
    expect(result.code).toBe(2);
    expect(api.calls).toHaveLength(0);
  });

  it('Ctrl+C says how to wait again in the same regions', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    const api = timelineApi(
      clock,
      { [A]: [[0, 'RUNNING']], [B]: [[0, 'RUNNING']] },
      { regionOf: { [A]: GZ, [B]: SH } },
    );
    let sleeps = 0;
    const sleepy = {
      ...clock,
      sleep: async (ms: number) => {
        await clock.sleep(ms);
        if (++sleeps === 3) controller.abort('SIGINT');
      },
    };
    const result = await runCli(['invocations', 'wait', A, B, '--region', TWO], {
      fetch: api.fetch,
      clock: sleepy,
      signal: controller.signal,
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(`to wait again: tat invocations wait ${A} ${B} --region ${TWO}`);
    expect(result.stdout).toBe('');
  });

  it('on a terminal: the live view shows a REGION column only with several regions', async () => {
    const several = await setup().run(['invocations', 'wait', A, B, '--region', TWO], {
      stderrTTY: true,
      columns: 80,
      rows: 20,
    });
    const list = frames(several.stderr);
    expect(redrawsInPlace(list)).toBe(true);
    const last = list.at(-1)!.lines.map((line) => stripVTControlCharacters(line));
    expect(last[0]).toMatch(new RegExp(`^✓ ${GZ} {2}${A} {2}SUCCESS`));
    expect(last.find((line) => line.includes(B))).toMatch(new RegExp(`^✗ ${SH} {3}${B} {2}FAILED`));
    // Tasks for the view are asked in each invocation's own region.
    const single = await setup().run(['invocations', 'wait', A, '--region', GZ], {
      stderrTTY: true,
      columns: 80,
      rows: 20,
    });
    expect(
      frames(single.stderr)
        .at(-1)!
        .lines.map((line) => stripVTControlCharacters(line))[0],
    ).toMatch(new RegExp(`^✓ ${A} {2}SUCCESS`));
  });
});

describe('tat invocations get --wait across regions', () => {
  it("waits in each id's region, then shows them with Region; the table's tasks come from each one's region", async () => {
    const { run } = setup();
    const result = await run(['invocations', 'get', A, B, '--wait', '--region', TWO, '-o', 'json']);
    expect(result.code).toBe(0);
    expect(
      (JSON.parse(result.stdout) as Printed[]).map((inv) => [inv.InvocationId, inv.InvocationStatus, inv.Region]),
    ).toEqual([
      [A, 'SUCCESS', GZ],
      [B, 'FAILED', SH],
    ]);

    const tabled = setup({ failExit: 9 });
    const table = await tabled.run(['invocations', 'get', B, '--wait', '--all-regions', '-o', 'table'], {
      stdoutTTY: true,
      columns: 160,
    });
    expect(table.code).toBe(0);
    expect(stripVTControlCharacters(table.stdout)).toMatch(/ins-bbbbbbbb1\s+FAILED\s+9\b/);
    expect(
      tabled.api.calls.filter((call) => call.action === 'DescribeInvocationTasks').every((call) => call.region === SH),
    ).toBe(true);
  });
});

describe('tat invocations output across regions', () => {
  const outputFetches = (api: ReturnType<typeof setup>['api']) =>
    api.calls.filter((call) => call.action === 'DescribeInvocationTasks' && call.params.HideOutput === false);

  it("--wait: waits in the id's region, then fetches its output there; exit 5 with --exit-status", async () => {
    const { run, api } = setup({ withOutput: true });
    const result = await run(['invocations', 'output', B, '--wait', '--region', TWO, '--exit-status']);
    expect(result.code).toBe(5);
    // Piped, two tasks: each line prefixed with its instance.
    expect(result.stdout).toBe('ins-bbbbbbbb0\tins-bbbbbbbb0 SUCCESS\nins-bbbbbbbb1\tins-bbbbbbbb1 FAILED\n');
    expect(outputFetches(api).map((call) => call.region)).toEqual([SH]);
  });

  it('without --wait: found in its region; -o json tasks carry Region only with several regions', async () => {
    const several = setup({ withOutput: true });
    const result = await several.run(['invocations', 'output', B, '--region', TWO, '-o', 'json']);
    expect(result.code).toBe(0);
    expect(
      (JSON.parse(result.stdout) as Array<{ InstanceId: string; Region?: string }>).map((task) => [
        task.InstanceId,
        task.Region,
      ]),
    ).toEqual([
      ['ins-bbbbbbbb0', SH],
      ['ins-bbbbbbbb1', SH],
    ]);
    expect(outputFetches(several.api).map((call) => call.region)).toEqual([SH]);
    const one = await setup({ withOutput: true }).run(['invocations', 'output', B, '--region', SH, '-o', 'json']);
    expect((JSON.parse(one.stdout) as object[]).every((task) => !('Region' in task))).toBe(true);
  });

  it('get and output with an id shown by two regions: the first region given is used, the other named', async () => {
    const api = setup({ withOutput: true, regionOf: { [A]: [SH, GZ] }, slow: [GZ] });
    const got = await api.run(['invocations', 'get', A, '--region', TWO, '-o', 'json']);
    expect(got.code).toBe(0);
    expect((JSON.parse(got.stdout) as Printed).Region).toBe(GZ);
    expect(got.stderr).toContain(`warning: ${A} is also in ${SH}; using the one in ${GZ}, the first region given`);
    const output = await api.run(['invocations', 'output', A, '--region', TWO, '-o', 'json']);
    expect(output.code).toBe(0);
    expect((JSON.parse(output.stdout) as Printed[]).map((task) => task.Region)).toEqual([GZ]);
    expect(output.stderr).toContain(`warning: ${A} is also in ${SH}`);
  });

  it('an id in no region is exit 3; another region failing costs only a warning once the id was found', async () => {
    const missing = await setup().run(['invocations', 'output', 'inv-nothere0', '--region', TWO]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('invocation not found in 2 regions: inv-nothere0');

    // Shanghai fails at once, while it is still asked for the id; after that it would be asked nothing.
    const failing = { withOutput: true, failing: { [SH]: { code: 'ResourceUnavailable' } } };
    const argv = ['invocations', 'output', A, '--wait', '--region', TWO];
    const result = await setup(failing).run(argv);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ins-aaaaaaaa0 SUCCESS\n');
    expect(result.stderr).toContain(`error: region ${SH}:`);
    expect(result.stderr).toContain(`warning: 1 of 2 regions failed (${SH}); every id was found in the others`);
    // Without --wait, the same.
    const plain = await setup(failing).run(['invocations', 'output', A, '--region', TWO]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^ins-aaaaaaaa0 RUNNING\n$/);
    expect(plain.stderr).toContain('every id was found in the others');
  });
});
