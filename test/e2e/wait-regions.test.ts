import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { frames, redrawsInPlace } from '../helpers/frames.js';
import { emulatorEnv, run, tat, TAT } from '../helpers/spawn.js';

/**
 * `tat invocations wait` across two regions for real: the built binary against an emulator
 * whose --live invocations (in every region, different ids in each) end a few seconds after it
 * starts (--speed 10). A region the emulator does not serve (UnsupportedRegion) is the failing one.
 */

const GZ = 'ap-guangzhou';
const SH = 'ap-shanghai';
const NOWHERE = 'eu-nowhere';

let emulator: RunningEmulator;
let env: Record<string, string>;
/** The --live invocations of each region: the newest ones, created at start. */
let live: Record<string, string[]>;

beforeEach(async () => {
  emulator = await startEmulator({
    port: 0,
    rateLimit: 0,
    invocations: 20,
    live: 2,
    liveOutcomes: ['SUCCESS', 'FAILED'],
    speed: 10,
  });
  env = emulatorEnv(emulator.url);
  const shanghai = await tat(['invocations', 'list', '--region', SH, '--limit', '2', '-o', 'json'], env);
  const newest = JSON.parse(shanghai.stdout) as Array<{ InvocationId: string; CreatedTime: string }>;
  live = { [GZ]: emulator.liveIds, [SH]: newest.map((inv) => inv.InvocationId) };
});
afterEach(async () => {
  await emulator.close();
});

type Printed = { InvocationId: string; InvocationStatus: string; Region?: string };
const ndjson = (stdout: string): Printed[] =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Printed);

describe('tat invocations wait across regions (e2e)', () => {
  it('in a pipe: waits on each id in its own region; ndjson objects carry Region, change lines name it', async () => {
    expect(live[SH]).toHaveLength(2);
    expect(live[SH]!.some((id) => live[GZ]!.includes(id))).toBe(false);
    const ids = [...live[GZ]!, ...live[SH]!];
    const result = await tat(
      ['invocations', 'wait', ...ids, '--region', `${GZ},${SH}`, '--interval', '200ms', '-o', 'ndjson'],
      env,
    );
    expect(result.code).toBe(0);
    const printed = ndjson(result.stdout);
    expect(printed.map((inv) => [inv.InvocationId, inv.Region]).sort()).toEqual(
      ids.map((id) => [id, live[GZ]!.includes(id) ? GZ : SH]).sort(),
    );
    expect(printed.map((inv) => inv.InvocationStatus).sort()).toEqual(['FAILED', 'FAILED', 'SUCCESS', 'SUCCESS']);
    for (const id of live[SH]!) expect(result.stderr).toMatch(new RegExp(`^\\s*\\S+ ${SH} ${id} RUNNING → `, 'm'));
    expect(result.stderr).toMatch(/^4 invocations finished: 2 (SUCCESS|FAILED), 2 (SUCCESS|FAILED)\.$/m);
  }, 60_000);

  it('--all-regions: found in its region, and no Node warning about the many Ctrl+C listeners of concurrent regions', async () => {
    const waited = await tat(
      ['invocations', 'wait', live[SH]![0]!, '--all-regions', '--interval', '200ms', '-o', 'json'],
      env,
    );
    expect(waited.code).toBe(0);
    expect((JSON.parse(waited.stdout) as Printed).Region).toBe(SH);
    const listed = await tat(['invocations', 'list', '--all-regions', '--limit', '1'], env);
    expect(listed.code).toBe(0);
    for (const { stderr } of [waited, listed]) expect(stderr).not.toMatch(/Warning|node:/);
  }, 60_000);

  it('one region: -o json is the API objects, without Region', async () => {
    const result = await tat(
      ['invocations', 'wait', ...live[GZ]!, '--region', GZ, '--interval', '200ms', '-o', 'json'],
      env,
    );
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Printed[];
    expect(printed).toHaveLength(2);
    expect(printed.every((inv) => !('Region' in inv))).toBe(true);
  }, 60_000);

  it('a failing region is named and the other still waited on; only a warning once every id was found elsewhere', async () => {
    const argv = [
      'invocations',
      'wait',
      ...live[GZ]!,
      '--region',
      `${GZ},${NOWHERE}`,
      '--interval',
      '200ms',
      '-o',
      'ndjson',
    ];
    const result = await tat(argv, env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`error: region ${NOWHERE}: DescribeInvocations failed: UnsupportedRegion`);
    expect(result.stderr).toContain(`warning: 1 of 2 regions failed (${NOWHERE}); every id was found in the others`);
    expect(
      ndjson(result.stdout)
        .map((inv) => [inv.Region, inv.InvocationStatus])
        .sort(),
    ).toEqual([
      [GZ, 'FAILED'],
      [GZ, 'SUCCESS'],
    ]);
  }, 60_000);

  it('an id the failed region may hold: exit 1, 0 with --allow-partial', async () => {
    // Shanghai's id is in no region asked that answers; it may be in the one that failed.
    const argv = [
      'invocations',
      'wait',
      live[GZ]![0]!,
      live[SH]![0]!,
      '--region',
      `${GZ},${NOWHERE}`,
      '--max-wait',
      '2s',
      '--interval',
      '200ms',
      '-o',
      'ndjson',
    ];
    const result = await tat(argv, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: 1 of 2 regions failed (${NOWHERE})`);
    expect(ndjson(result.stdout).map((inv) => [inv.InvocationId, inv.Region])).toEqual([[live[GZ]![0], GZ]]);
    const partial = await tat([...argv, '--allow-partial'], env);
    expect(partial.code).toBe(3);
    expect(partial.stderr).toContain(`warning: 1 of 2 regions failed (${NOWHERE})`);
  }, 60_000);

  it('an id in no region: exit 3 naming it (--max-wait ends the grace period early), the others printed', async () => {
    const result = await tat(
      [
        'invocations',
        'wait',
        live[SH]![0]!,
        'inv-nothere0',
        '--region',
        `${GZ},${SH}`,
        '--max-wait',
        '2s',
        '--interval',
        '200ms',
        '-o',
        'ndjson',
      ],
      env,
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('invocation not found in 2 regions: inv-nothere0');
    expect(ndjson(result.stdout).map((inv) => [inv.InvocationId, inv.Region])).toEqual([[live[SH]![0], SH]]);
  }, 60_000);

  it('on a terminal: the live view has a REGION column, redrawn in place; exit 5 with --exit-status', async () => {
    const ids = [...live[GZ]!, ...live[SH]!];
    const command = `stty rows 16 cols 90; ${process.execPath} ${TAT} invocations wait ${ids.join(' ')} --region ${GZ},${SH} --exit-status --interval 200ms -o json > /dev/null`;
    const result = await run('script', ['-qec', command, '/dev/null'], { ...env, TERM: 'xterm-256color' });
    expect(result.code).toBe(5);
    const list = frames(result.stdout);
    expect(redrawsInPlace(list)).toBe(true);
    const last = list.at(-1)!.lines;
    for (const id of live[SH]!)
      expect(last.find((line) => line.includes(id))).toMatch(new RegExp(`^. ${SH} {3}${id} `));
    for (const id of live[GZ]!)
      expect(last.find((line) => line.includes(id))).toMatch(new RegExp(`^. ${GZ} {2}${id} `));
    expect(result.stdout).toMatch(new RegExp(`FAILED in (${GZ}|${SH}):`));
  }, 60_000);
});
