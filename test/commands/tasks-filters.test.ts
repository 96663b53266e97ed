import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { regionalApi } from '../helpers/regional-api.js';
import { task } from '../helpers/tasks.js';

const now = Date.UTC(2026, 10, 1);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const pad = (n: number): string => String(n).padStart(8, '0');

/** Two tasks per invocation, invocation `index` created `minutes` before 2026-11-01, newest first. */
function tasksAt(index: number, minutes: number, status: string) {
  const created = iso(now - minutes * 60_000);
  return [0, 1].map((n) =>
    task(`invt-${pad(index * 2 + n)}`, `ins-${pad(n)}`, {
      InvocationId: `inv-${pad(index)}`,
      TaskStatus: status,
      CreatedTime: created,
    }),
  );
}

/** A week of history, one invocation every 10 minutes with two tasks: 2016 tasks, 21 pages of 100. */
const week = Array.from({ length: 7 * 144 }, (_, i) => tasksAt(i, i * 10, i % 7 === 3 ? 'FAILED' : 'SUCCESS')).flat();
const rows = (stdout: string): string[][] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
const json = (stdout: string) =>
  JSON.parse(stdout) as Array<{ InvocationTaskId: string; TaskStatus: string; Region?: string }>;

describe('tat tasks list: --status, --since, --until applied by tat', () => {
  it('--since stops paging at the first page older than it: one request for the last hour', async () => {
    const api = regionalApi({ tasks: { 'ap-guangzhou': week } });
    const result = await runCli(['tasks', 'list', '--since', '1h', '--all', '-o', 'json'], { fetch: api.fetch, now });
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toHaveLength(14); // 7 invocations (0, 10, ... 60 minutes ago) of 2 tasks
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]!.params).toMatchObject({ Offset: 0, Limit: 100 });
  });

  it('--since a day reads the pages that cover it and no more', async () => {
    const api = regionalApi({ tasks: { 'ap-guangzhou': week } });
    const result = await runCli(['tasks', 'list', '--since', '24h', '--all', '-o', 'json'], { fetch: api.fetch, now });
    expect(json(result.stdout)).toHaveLength(290); // 145 invocations of 2 tasks
    // 290 tasks span three pages (pages overlap by one task, see api/paginate.ts); the 21 pages are not all read.
    expect(api.calls).toHaveLength(3);
  });

  it('--status with --limit counts rows after the filter and stops paging once it has them', async () => {
    const api = regionalApi({ tasks: { 'ap-guangzhou': week } });
    const result = await runCli(['tasks', 'list', '--status', 'failed', '--limit', '20', '-o', 'json'], {
      fetch: api.fetch,
      now,
    });
    const found = json(result.stdout);
    expect(found).toHaveLength(20);
    expect(found.every((t) => t.TaskStatus === 'FAILED')).toBe(true);
    // 20 FAILED tasks (2 in 14) lie in the first 140 tasks: two pages.
    expect(api.calls).toHaveLength(2);
    // The server is not asked to filter by status: it has no such filter.
    expect(api.calls[0]!.params.Filters).toBeUndefined();
  });

  it('--until drops newer ones; --since and --until take ISO times', async () => {
    const api = regionalApi({ tasks: { 'ap-guangzhou': week } });
    const result = await runCli(
      ['tasks', 'list', '--since', '2026-10-31T23:00:00Z', '--until', '2026-10-31T23:30', '-o', 'tsv'],
      { fetch: api.fetch, now },
    );
    expect(rows(result.stdout).map((r) => r[0])).toEqual(
      [3, 4, 5, 6].flatMap((i) => [`invt-${pad(i * 2)}`, `invt-${pad(i * 2 + 1)}`]),
    );
  });

  it('refuses an unknown status, a bad time, and --since after --until, before any request', async () => {
    const api = regionalApi({ tasks: { 'ap-guangzhou': week } });
    const status = await runCli(['tasks', 'list', '--status', 'TIMOUT'], { fetch: api.fetch, now });
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('Did you mean TIMEOUT?');
    expect(status.stdout).toBe('');
    expect((await runCli(['tasks', 'list', '--since', 'yesterday'], { fetch: api.fetch, now })).code).toBe(2);
    expect((await runCli(['tasks', 'list', '--since', '1h', '--until', '2h'], { fetch: api.fetch, now })).code).toBe(2);
    expect(api.calls).toHaveLength(0);
  });
});

describe('tat tasks list across regions', () => {
  it('merges regions newest first with a Region key, and --limit counts merged rows', async () => {
    const api = regionalApi({
      invocations: { 'ap-guangzhou': [], 'ap-shanghai': [] },
      tasks: {
        'ap-guangzhou': [...tasksAt(0, 0, 'SUCCESS'), ...tasksAt(2, 20, 'SUCCESS')],
        'ap-shanghai': tasksAt(1, 10, 'FAILED'),
      },
    });
    const result = await runCli(
      ['tasks', 'list', '--region', 'ap-guangzhou,ap-shanghai', '--limit', '5', '-o', 'json'],
      { fetch: api.fetch, now },
    );
    expect(result.code).toBe(0);
    const found = json(result.stdout);
    expect(found.map((t) => [t.InvocationTaskId, t.Region])).toEqual([
      [`invt-${pad(0)}`, 'ap-guangzhou'],
      [`invt-${pad(1)}`, 'ap-guangzhou'],
      [`invt-${pad(2)}`, 'ap-shanghai'],
      [`invt-${pad(3)}`, 'ap-shanghai'],
      [`invt-${pad(4)}`, 'ap-guangzhou'],
    ]);
  });

  it('--all-regions asks DescribeRegions and queries every AVAILABLE region', async () => {
    const api = regionalApi({
      invocations: { 'ap-guangzhou': [], 'ap-shanghai': [] },
      tasks: { 'ap-guangzhou': tasksAt(0, 0, 'SUCCESS'), 'ap-shanghai': tasksAt(1, 10, 'FAILED') },
    });
    const result = await runCli(['tasks', 'list', '--all-regions', '--status', 'FAILED', '-o', 'tsv'], {
      fetch: api.fetch,
      now,
    });
    expect(result.code).toBe(0);
    expect(rows(result.stdout).map((r) => r[0])).toEqual([`invt-${pad(2)}`, `invt-${pad(3)}`]);
    expect(new Set(api.calls.filter((c) => c.action === 'DescribeInvocationTasks').map((c) => c.region))).toEqual(
      new Set(['ap-guangzhou', 'ap-shanghai']),
    );
  });
});
