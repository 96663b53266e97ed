import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { timelineApi } from '../helpers/wait-api.js';

/**
 * Every command that looks things up by id takes the same region flags as the listings:
 * `invocations tasks` and `tasks get` included (`--region a,b`, `--all-regions`).
 */

const A = 'inv-aaaaaaaa';
const B = 'inv-bbbbbbbb';
const GZ = 'ap-guangzhou';
const SH = 'ap-shanghai';

function setup() {
  const clock = fakeClock();
  const api = timelineApi(
    clock,
    { [A]: [[0, 'SUCCESS', ['SUCCESS']]], [B]: [[0, 'FAILED', ['SUCCESS', 'FAILED']]] },
    { regionOf: { [A]: GZ, [B]: SH } },
  );
  return { api, run: (args: string[]) => runCli(args, { fetch: api.fetch, clock }) };
}

type Tagged = { InvocationTaskId: string; InstanceId: string; Region?: string };

describe('regions everywhere', () => {
  it('invocations tasks --all-regions: found in its region, its tasks listed from there with Region', async () => {
    const { api, run } = setup();
    const result = await run(['invocations', 'tasks', B, '--all-regions', '-o', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Tagged[]).map((task) => [task.InstanceId, task.Region])).toEqual([
      ['ins-bbbbbbbb0', SH],
      ['ins-bbbbbbbb1', SH],
    ]);
    expect(api.calls.filter((call) => call.action === 'DescribeInvocationTasks').map((call) => call.region)).toEqual([
      SH,
    ]);
    const missing = await setup().run(['invocations', 'tasks', 'inv-nothere0', '--region', `${GZ},${SH}`]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('invocation not found in 2 regions: inv-nothere0');
  });

  it('tasks get --region a,b: each id wherever it is, with Region; the others exit 3', async () => {
    const { run } = setup();
    const result = await run([
      'tasks',
      'get',
      'invt-aaaaaaaa0',
      'invt-bbbbbbbb1',
      'invt-nothere0',
      '--region',
      `${GZ},${SH}`,
      '-o',
      'json',
    ]);
    expect(result.code).toBe(3);
    expect((JSON.parse(result.stdout) as Tagged[]).map((task) => [task.InvocationTaskId, task.Region])).toEqual([
      ['invt-aaaaaaaa0', GZ],
      ['invt-bbbbbbbb1', SH],
    ]);
    expect(result.stderr).toContain('task not found in 2 regions: invt-nothere0');
  });

  it('the global --region help says which commands take several', async () => {
    const { stdout } = await runCli(['invocations', 'tasks', '--help'], { env: {} });
    expect(stdout).toContain('--all-regions');
    const root = await runCli(['--help'], { env: {} });
    expect(root.stdout.replace(/\s+/g, ' ')).toContain(
      'every invocations and tasks command takes several: a,b (or --all-regions)',
    );
  });
});
