import { describe, expect, it } from '@jest/globals';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { numbered } from '../helpers/invocations.js';
import { regionalApi } from '../helpers/regional-api.js';

/** Invocation `index` minutes before 2026-11-01, in a region. */
const at = (index: number) => numbered(index);
const ids = (stdout: string): string[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t')[0]!);
const json = (stdout: string) => JSON.parse(stdout) as Array<{ InvocationId: string; Region?: string }>;

describe('several regions in one listing', () => {
  const data = {
    invocations: {
      'ap-guangzhou': [at(0), at(3), at(4), at(8)],
      'ap-shanghai': [at(1), at(2), at(6)],
      'ap-beijing': [at(5), at(7), at(9)],
    },
  };

  it('merges interleaved times newest first, and adds Region to each object only with several regions', async () => {
    const api = regionalApi(data);
    const result = await runCli(
      ['invocations', 'list', '--region', 'ap-guangzhou,ap-shanghai,ap-beijing', '-o', 'json'],
      { fetch: api.fetch },
    );
    expect(result.code).toBe(0);
    const rows = json(result.stdout);
    expect(rows.map((r) => r.InvocationId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => at(i).InvocationId));
    expect(rows.map((r) => r.Region)).toEqual([
      'ap-guangzhou',
      'ap-shanghai',
      'ap-shanghai',
      'ap-guangzhou',
      'ap-guangzhou',
      'ap-beijing',
      'ap-shanghai',
      'ap-beijing',
      'ap-guangzhou',
      'ap-beijing',
    ]);
    // The API object unchanged, Region added last.
    expect(Object.keys(rows[0]!).at(-1)).toBe('Region');
    expect(new Set(api.calls.map((c) => c.region))).toEqual(new Set(['ap-guangzhou', 'ap-shanghai', 'ap-beijing']));

    const single = await runCli(['invocations', 'list', '--region', 'ap-shanghai', '-o', 'json'], {
      fetch: regionalApi(data).fetch,
    });
    expect(json(single.stdout).every((r) => !('Region' in r))).toBe(true);
  });

  it('tsv appends a region column and the table leads with REGION, only with several regions', async () => {
    const argv = ['invocations', 'list', '--region', 'ap-guangzhou,ap-shanghai', '--limit', '2'];
    const tsv = await runCli([...argv, '-o', 'tsv'], { fetch: regionalApi(data).fetch });
    expect(
      tsv.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t').at(-1)),
    ).toEqual(['ap-guangzhou', 'ap-shanghai']);
    const table = await runCli([...argv, '-o', 'table'], {
      fetch: regionalApi(data).fetch,
      stdoutTTY: true,
      columns: 200,
      env: { ...BASE_ENV, NO_COLOR: '1' },
    });
    expect(table.stdout.split('\n')[0]).toMatch(/^REGION\s+ID\s+STATUS/);
    const single = await runCli(['invocations', 'list', '--region', 'ap-shanghai', '-o', 'tsv'], {
      fetch: regionalApi(data).fetch,
    });
    expect(single.stdout).not.toContain('ap-shanghai');
  });

  it('--limit counts merged rows; each region is asked for at most that many', async () => {
    const api = regionalApi(data);
    const result = await runCli(
      ['invocations', 'list', '--region', 'ap-guangzhou,ap-shanghai,ap-beijing', '--limit', '4', '-o', 'json'],
      { fetch: api.fetch },
    );
    expect(json(result.stdout).map((r) => r.InvocationId)).toEqual([0, 1, 2, 3].map((i) => at(i).InvocationId));
    expect(api.calls.map((c) => c.params.Limit)).toEqual([4, 4, 4]);
  });

  it('--all-regions asks DescribeRegions and queries every AVAILABLE region', async () => {
    const api = regionalApi({
      ...data,
      regions: [
        { Region: 'ap-guangzhou', RegionState: 'AVAILABLE' },
        { Region: 'ap-beijing', RegionState: 'AVAILABLE' },
        { Region: 'ap-shanghai', RegionState: 'UNAVAILABLE' },
      ],
    });
    const result = await runCli(['invocations', 'list', '--all-regions', '-o', 'json'], { fetch: api.fetch });
    expect(result.code).toBe(0);
    expect(api.calls[0]).toMatchObject({ action: 'DescribeRegions', region: 'ap-guangzhou' });
    expect(new Set(json(result.stdout).map((r) => r.Region))).toEqual(new Set(['ap-guangzhou', 'ap-beijing']));
  });

  it('one region failing: the others are printed, the failed one named on stderr, exit 1 (0 with --allow-partial)', async () => {
    const failing = { ...data, failing: { 'ap-shanghai': 'InternalError' } };
    const argv = ['invocations', 'list', '--region', 'ap-guangzhou,ap-shanghai,ap-beijing', '-o', 'tsv'];
    const result = await runCli(argv, { fetch: regionalApi(failing).fetch });
    expect(result.code).toBe(1);
    expect(ids(result.stdout)).toEqual([0, 3, 4, 5, 7, 8, 9].map((i) => at(i).InvocationId));
    expect(result.stderr).toContain('error: region ap-shanghai: DescribeInvocations failed: InternalError');
    expect(result.stderr).toContain('1 of 3 regions failed (ap-shanghai)');
    expect(result.stderr).toContain('--allow-partial');

    const partial = await runCli([...argv, '--allow-partial'], { fetch: regionalApi(failing).fetch });
    expect(partial.code).toBe(0);
    expect(partial.stdout).toBe(result.stdout);
    expect(partial.stderr).toContain('warning: 1 of 3 regions failed (ap-shanghai)');
  });

  it('every region failing with AuthFailure keeps exit 4', async () => {
    const api = regionalApi({
      failing: { 'ap-guangzhou': 'AuthFailure.SignatureFailure', 'ap-shanghai': 'AuthFailure.SignatureFailure' },
    });
    const result = await runCli(['invocations', 'list', '--region', 'ap-guangzhou,ap-shanghai'], { fetch: api.fetch });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('every region failed (ap-guangzhou, ap-shanghai)');
  });

  it('refuses --all-regions with --region, and several regions where one is expected, before any request', async () => {
    expect((await runCli(['invocations', 'list', '--all-regions', '--region', 'ap-guangzhou'])).code).toBe(2);
    const bad = await runCli(['invocations', 'list', '--region', 'ap-guangzhou,,ap-shanghai']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('empty region name');
  });
});

describe('invocations get across regions', () => {
  const data = { invocations: { 'ap-guangzhou': [at(0), at(3)], 'ap-shanghai': [at(1)], 'ap-beijing': [at(2)] } };

  it('finds each id wherever it is, printed in the order asked with its Region', async () => {
    const api = regionalApi(data);
    const wanted = [at(2), at(0), at(1)].map((r) => r.InvocationId);
    const result = await runCli(['invocations', 'get', ...wanted, '--all-regions', '-o', 'json'], { fetch: api.fetch });
    expect(result.code).toBe(0);
    expect(json(result.stdout).map((r) => [r.InvocationId, r.Region])).toEqual([
      [wanted[0], 'ap-beijing'],
      [wanted[1], 'ap-guangzhou'],
      [wanted[2], 'ap-shanghai'],
    ]);
  });

  it('the detail view on a terminal names the region of each under its id, only with several regions', async () => {
    const terminal = { stdoutTTY: true, columns: 120, env: { ...BASE_ENV, NO_COLOR: '1' } };
    const wanted = [at(1), at(0)].map((r) => r.InvocationId);
    const several = await runCli(['invocations', 'get', ...wanted, '--region', 'ap-guangzhou,ap-shanghai'], {
      ...terminal,
      fetch: regionalApi(data).fetch,
    });
    expect(several.code).toBe(0);
    const regionLines = several.stdout.split('\n').filter((line) => /^Region\s/.test(line));
    expect(regionLines.map((line) => line.split(/\s+/)[1])).toEqual(['ap-shanghai', 'ap-guangzhou']);
    // Right under the id, aligned with the other values.
    const lines = several.stdout.split('\n');
    expect(lines[0]).toMatch(/^Invocation ID\s+inv-/);
    expect(lines[1]!.indexOf('ap-shanghai')).toBe(lines[0]!.indexOf('inv-'));
    const single = await runCli(['invocations', 'get', at(1).InvocationId, '--region', 'ap-shanghai'], {
      ...terminal,
      fetch: regionalApi(data).fetch,
    });
    expect(single.stdout).toMatch(/^Invocation ID/);
    expect(single.stdout).not.toMatch(/^Region\s/m);
  });

  it('exits 3 for ids found in no region, 1 when a region failed and an id was not found, a warning when every id was found', async () => {
    const missing = await runCli(
      ['invocations', 'get', at(0).InvocationId, 'inv-nothere0', '--region', 'ap-guangzhou,ap-shanghai'],
      { fetch: regionalApi(data).fetch },
    );
    expect(missing.code).toBe(3);
    expect(ids(missing.stdout)).toEqual([at(0).InvocationId]);
    expect(missing.stderr).toContain('not found in 2 regions: inv-nothere0');
    const failed = await runCli(['invocations', 'get', at(0).InvocationId, '--region', 'ap-guangzhou,ap-shanghai'], {
      fetch: regionalApi({ ...data, failing: { 'ap-shanghai': 'InternalError' } }).fetch,
    });
    expect(failed.code).toBe(0);
    expect(ids(failed.stdout)).toEqual([at(0).InvocationId]);
    expect(failed.stderr).toContain('error: region ap-shanghai:');
    expect(failed.stderr).toContain('warning: 1 of 2 regions failed (ap-shanghai); every id was found in the others');
    const lost = await runCli(
      ['invocations', 'get', at(0).InvocationId, 'inv-nothere0', '--region', 'ap-guangzhou,ap-shanghai'],
      { fetch: regionalApi({ ...data, failing: { 'ap-shanghai': 'InternalError' } }).fetch },
    );
    expect(lost.code).toBe(1);
    expect(ids(lost.stdout)).toEqual([at(0).InvocationId]);
    expect(lost.stderr).toContain('error: 1 of 2 regions failed (ap-shanghai)');
  });
});

describe('client-side --status, --since, --until', () => {
  const now = Date.UTC(2026, 10, 1);
  /** A week of history, one invocation every 10 minutes: 1008 invocations, 11 pages of 100. */
  const week = Array.from({ length: 7 * 144 }, (_, i) =>
    numbered(i * 10, { InvocationStatus: i % 7 === 3 ? 'FAILED' : 'SUCCESS' }),
  );

  it('--since stops paging at the first page older than it: one request for the last hour', async () => {
    const api = regionalApi({ invocations: { 'ap-guangzhou': week } });
    const result = await runCli(['invocations', 'list', '--since', '1h', '--all', '-o', 'json'], {
      fetch: api.fetch,
      now,
    });
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toHaveLength(7); // 0, 10, ... 60 minutes ago
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]!.params).toEqual({ Offset: 0, Limit: 100 });
  });

  it('--since a day reads the two pages that cover it and no more', async () => {
    const api = regionalApi({ invocations: { 'ap-guangzhou': week } });
    const result = await runCli(['invocations', 'list', '--since', '24h', '--all', '-o', 'json'], {
      fetch: api.fetch,
      now,
    });
    expect(json(result.stdout)).toHaveLength(145);
    // The second page overlaps the first by one invocation (see api/paginate.ts).
    expect(api.calls.map((c) => c.params.Offset)).toEqual([0, 99]);
  });

  it('--status with --limit counts rows after the filter and stops paging once it has them', async () => {
    const api = regionalApi({ invocations: { 'ap-guangzhou': week } });
    const result = await runCli(['invocations', 'list', '--status', 'failed', '--limit', '20', '-o', 'tsv'], {
      fetch: api.fetch,
      now,
    });
    const rows = result.stdout.trim().split('\n');
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => row.split('\t')[1] === 'FAILED')).toBe(true);
    // 20 FAILED rows (one in 7) lie in the first 140 invocations: two pages.
    expect(api.calls).toHaveLength(2);
  });

  it('--until drops newer ones; --since and --until take ISO times', async () => {
    const api = regionalApi({ invocations: { 'ap-guangzhou': week } });
    const result = await runCli(
      ['invocations', 'list', '--since', '2026-10-31T23:00:00Z', '--until', '2026-10-31T23:30', '-o', 'tsv'],
      { fetch: api.fetch, now },
    );
    expect(ids(result.stdout)).toEqual([30, 40, 50, 60].map((i) => numbered(i).InvocationId));
  });

  it('refuses an unknown status, a bad time, and --since after --until, before any request', async () => {
    const status = await runCli(['invocations', 'list', '--status', 'FAILD']);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('Did you mean FAILED?');
    expect((await runCli(['invocations', 'list', '--since', 'yesterday'])).code).toBe(2);
    expect((await runCli(['invocations', 'list', '--since', '1h', '--until', '2h'])).code).toBe(2);
  });
});
