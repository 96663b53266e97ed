import { describe, expect, it } from '@jest/globals';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { numbered, range, SEED_INVOCATION } from '../helpers/invocations.js';

const page = (items: unknown[], total: number) => ({ TotalCount: total, InvocationSet: items });

describe('tat invocations list', () => {
  it('asks for 20 by default and prints tsv when stdout is not a terminal', async () => {
    const api = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page([SEED_INVOCATION], 1));
    const result = await runCli(['invocations', 'list'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^inv-q4zp60g0\tSUCCESS\t/);
    expect(result.stdout).toContain('2020-11-09T07:21:59Z');
    expect(result.stdout).not.toContain('+00:00');
    expect(result.stderr).toBe('');
  });

  it('prints the API records unchanged with -o json', async () => {
    const api = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page([SEED_INVOCATION], 1));
    const result = await runCli(['invocations', 'list', '-o', 'json'], { fetch: api.fetch });
    expect(result.stdout).toBe(`${JSON.stringify([SEED_INVOCATION], null, 2)}\n`);
  });

  it('works with the alias `inv ls` and global flags after the command', async () => {
    const api = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page([], 0));
    const result = await runCli(['inv', 'ls', '--region', 'ap-shanghai', '-o', 'json'], { fetch: api.fetch });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('[]\n');
    expect(api.calls[0]!.headers['X-TC-Region']).toBe('ap-shanghai');
  });

  it('sends repeated and comma-separated filters, merging values of one name', async () => {
    const filters = [
      { Name: 'instance-id', Values: ['ins-zj0f57ew', 'ins-zj0f57ex'] },
      { Name: 'command-created-by', Values: ['USER'] },
    ];
    const api = fakeApi().expect(
      'DescribeInvocations',
      { Filters: filters, Offset: 0, Limit: 20 },
      page([SEED_INVOCATION], 1),
    );
    const result = await runCli(
      [
        'invocations',
        'list',
        '--filter',
        'instance-id=ins-zj0f57ew',
        '--filter',
        'command-created-by=USER',
        '--filter',
        'instance-id=ins-zj0f57ex',
      ],
      { fetch: api.fetch },
    );
    api.verify();
    expect(result.code).toBe(0);
  });

  it('pages past 100 with concurrent offsets, each overlapping the last by one, and keeps server order', async () => {
    const all = range(0, 250);
    const api = fakeApi()
      .expect('DescribeInvocations', { Offset: 0, Limit: 100 }, page(all.slice(0, 100), 400))
      .expect('DescribeInvocations', { Offset: 99, Limit: 100 }, page(all.slice(99, 199), 400))
      .expect('DescribeInvocations', { Offset: 198, Limit: 52 }, page(all.slice(198, 250), 400));
    const result = await runCli(['invocations', 'list', '--limit', '250', '-o', 'ndjson'], { fetch: api.fetch });
    api.verify();
    const ids = result.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { InvocationId: string }).InvocationId);
    expect(ids).toEqual(all.map((i) => i.InvocationId));
  });

  it('--all fetches every match, --offset starts later', async () => {
    const all = range(0, 230);
    const api = fakeApi()
      .expect('DescribeInvocations', { Offset: 30, Limit: 100 }, page(all.slice(30, 130), 230))
      .expect('DescribeInvocations', { Offset: 129, Limit: 100 }, page(all.slice(129, 229), 230))
      .expect('DescribeInvocations', { Offset: 228, Limit: 100 }, page(all.slice(228, 230), 230));
    const result = await runCli(['invocations', 'list', '--all', '--offset', '30', '-o', 'json'], { fetch: api.fetch });
    api.verify();
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(200);
  });

  it('writes ndjson pages as they arrive, one write per page', async () => {
    const all = range(0, 150);
    const api = fakeApi()
      .expect('DescribeInvocations', { Offset: 0, Limit: 100 }, page(all.slice(0, 100), 150))
      .expect('DescribeInvocations', { Offset: 99, Limit: 100 }, page(all.slice(99), 150));
    const result = await runCli(['invocations', 'list', '--all', '-o', 'ndjson'], { fetch: api.fetch });
    expect(result.stdoutChunks.length).toBe(2);
    expect(result.stdoutChunks[0]!.trim().split('\n')).toHaveLength(100);
  });

  it('prints the first ndjson page before asking for the second', async () => {
    const all = range(0, 200);
    let printedBeforeSecondRequest: number | undefined;
    const chunks: string[] = [];
    const api = fakeApi()
      .expect('DescribeInvocations', { Offset: 0, Limit: 100 }, page(all.slice(0, 100), 200))
      .expect('DescribeInvocations', { Offset: 99, Limit: 100 }, page(all.slice(99, 199), 200))
      .expect('DescribeInvocations', { Offset: 198, Limit: 100 }, page(all.slice(198), 200));
    const fetch: typeof api.fetch = async (url, init) => {
      if (api.calls.length === 1) printedBeforeSecondRequest = chunks.join('').split('\n').filter(Boolean).length;
      return api.fetch(url, init);
    };
    const result = await runCli(['invocations', 'list', '--all', '-o', 'ndjson'], { fetch, stdoutSink: chunks });
    api.verify();
    expect(result.code).toBe(0);
    expect(printedBeforeSecondRequest).toBe(100);
  });

  it('neither repeats nor loses an invocation when a new one shifts the pages', async () => {
    const all = range(0, 200);
    const api = fakeApi()
      .expect('DescribeInvocations', { Offset: 0, Limit: 100 }, page(all.slice(0, 100), 200))
      // A new invocation arrived: every later offset holds the one before it.
      .expect('DescribeInvocations', { Offset: 99, Limit: 100 }, page(all.slice(98, 198), 201))
      .expect('DescribeInvocations', { Offset: 198, Limit: 100 }, page(all.slice(197, 200), 201));
    const result = await runCli(['invocations', 'list', '--all', '-o', 'ndjson'], { fetch: api.fetch });
    api.verify();
    const ids = result.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { InvocationId: string }).InvocationId);
    expect(ids).toEqual(all.map((i) => i.InvocationId));
  });

  it('fetches --id lists in chunks of 100, deduplicated, in the order given', async () => {
    const wanted = range(0, 150).reverse();
    const ids = wanted.map((i) => i.InvocationId);
    const api = fakeApi()
      .expect(
        'DescribeInvocations',
        { InvocationIds: ids.slice(0, 100), Limit: 100 },
        page(wanted.slice(0, 100).reverse(), 100),
      )
      .expect('DescribeInvocations', { InvocationIds: ids.slice(100), Limit: 100 }, page(wanted.slice(100), 50));
    const result = await runCli(
      ['invocations', 'list', '--id', ids.slice(0, 100).join(','), '--id', ids.slice(90).join(','), '-o', 'json'],
      { fetch: api.fetch },
    );
    api.verify();
    expect((JSON.parse(result.stdout) as Array<{ InvocationId: string }>).map((i) => i.InvocationId)).toEqual(ids);
  });

  it('--id with an id that does not exist: the others are printed, then it is named, exit 3 (as get does)', async () => {
    const present = numbered(1);
    const api = fakeApi().expect(
      'DescribeInvocations',
      { InvocationIds: ['inv-missing0', present.InvocationId], Limit: 100 },
      page([present], 1),
    );
    const result = await runCli(['invocations', 'list', '--id', `inv-missing0,${present.InvocationId}`], {
      fetch: api.fetch,
    });
    api.verify();
    expect(result.code).toBe(3);
    expect(result.stdout.split('\t')[0]).toBe(present.InvocationId);
    expect(result.stderr).toContain('invocation not found in region ap-guangzhou: inv-missing0');
  });

  it('resolves instance-id through DescribeInvocationTasks when the server refuses it', async () => {
    const a = numbered(1);
    const b = numbered(2);
    const api = fakeApi()
      .expect(
        'DescribeInvocations',
        { Filters: [{ Name: 'instance-id', Values: ['ins-1'] }], Offset: 0, Limit: 20 },
        { Error: { Code: 'InvalidParameterValue.InvalidFilter', Message: 'instance-id' } },
      )
      .expect(
        'DescribeInvocationTasks',
        { Filters: [{ Name: 'instance-id', Values: ['ins-1'] }], Offset: 0, Limit: 100, HideOutput: true },
        {
          TotalCount: 3,
          InvocationTaskSet: [b, a, b].map((i, n) => ({
            InvocationTaskId: `invt-${n}`,
            InvocationId: i.InvocationId,
            InstanceId: 'ins-1',
            TaskStatus: 'SUCCESS',
          })),
        },
      )
      .expect('DescribeInvocations', { InvocationIds: [b.InvocationId, a.InvocationId], Limit: 100 }, page([b, a], 2));
    const result = await runCli(['invocations', 'list', '--filter', 'instance-id=ins-1', '-o', 'json'], {
      fetch: api.fetch,
    });
    api.verify();
    expect(result.code).toBe(0);
    // Newest first, as the server would order them.
    expect((JSON.parse(result.stdout) as Array<{ InvocationId: string }>).map((i) => i.InvocationId)).toEqual([
      a.InvocationId,
      b.InvocationId,
    ]);
  });

  it('in the instance-id fallback, looks ids up 100 at a time and applies the other filters here', async () => {
    const a = numbered(1);
    const b = numbered(2, { InstanceKind: 'LIGHTHOUSE' });
    const kind = { Name: 'instance-kind', Values: ['CVM'] };
    const api = fakeApi()
      .expect(
        'DescribeInvocations',
        { Filters: [{ Name: 'instance-id', Values: ['ins-1'] }, kind], Offset: 0, Limit: 20 },
        { Error: { Code: 'InvalidParameterValue.InvalidFilter', Message: 'x' } },
      )
      .expect(
        'DescribeInvocationTasks',
        { Filters: [{ Name: 'instance-id', Values: ['ins-1'] }], Offset: 0, Limit: 100, HideOutput: true },
        {
          TotalCount: 2,
          InvocationTaskSet: [a, b].map((i, n) => ({
            InvocationTaskId: `invt-${n}`,
            InvocationId: i.InvocationId,
            InstanceId: 'ins-1',
            TaskStatus: 'SUCCESS',
            CreatedTime: i.CreatedTime,
          })),
        },
      )
      .expect('DescribeInvocations', { InvocationIds: [a.InvocationId, b.InvocationId], Limit: 100 }, page([a, b], 2));
    const result = await runCli(
      ['invocations', 'list', '--filter', 'instance-id=ins-1', '--filter', 'instance-kind=CVM', '-o', 'json'],
      { fetch: api.fetch },
    );
    api.verify();
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Array<{ InvocationId: string }>).map((i) => i.InvocationId)).toEqual([
      a.InvocationId,
    ]);
  });

  it('in the instance-id fallback, leaves command-created-by to the server, 5 ids a request', async () => {
    const a = numbered(1);
    const by = { Name: 'command-created-by', Values: ['USER'] };
    const api = fakeApi()
      .expect(
        'DescribeInvocations',
        { Filters: [{ Name: 'instance-id', Values: ['ins-1'] }, by], Offset: 0, Limit: 20 },
        { Error: { Code: 'InvalidParameterValue.InvalidFilter', Message: 'x' } },
      )
      .expect(
        'DescribeInvocationTasks',
        { Filters: [{ Name: 'instance-id', Values: ['ins-1'] }], Offset: 0, Limit: 100, HideOutput: true },
        {
          TotalCount: 1,
          InvocationTaskSet: [
            {
              InvocationTaskId: 'invt-1',
              InvocationId: a.InvocationId,
              InstanceId: 'ins-1',
              TaskStatus: 'SUCCESS',
              CreatedTime: a.CreatedTime,
            },
          ],
        },
      )
      .expect(
        'DescribeInvocations',
        { Filters: [by, { Name: 'invocation-id', Values: [a.InvocationId] }], Offset: 0, Limit: 100 },
        page([a], 1),
      );
    const result = await runCli(
      ['invocations', 'list', '--filter', 'instance-id=ins-1', '--filter', 'command-created-by=USER', '-o', 'json'],
      { fetch: api.fetch },
    );
    api.verify();
    expect(result.code).toBe(0);
  });

  it('in the instance-id fallback, stops paging tasks once it has the newest --offset + --limit (issue 13)', async () => {
    const all = range(0, 300);
    const tasks = all.map((i, n) => ({
      InvocationTaskId: `invt-${String(n).padStart(4, '0')}`,
      InvocationId: i.InvocationId,
      InstanceId: 'ins-1',
      TaskStatus: 'SUCCESS',
      CreatedTime: i.CreatedTime,
    }));
    const filter = [{ Name: 'instance-id', Values: ['ins-1'] }];
    const api = fakeApi()
      .expect(
        'DescribeInvocations',
        { Filters: filter, Offset: 0, Limit: 20 },
        { Error: { Code: 'InvalidParameterValue.InvalidFilter', Message: 'x' } },
      )
      .expect(
        'DescribeInvocationTasks',
        { Filters: filter, Offset: 0, Limit: 100, HideOutput: true },
        { TotalCount: 300, InvocationTaskSet: tasks.slice(0, 100) },
      )
      .expect(
        'DescribeInvocations',
        { InvocationIds: all.slice(0, 21).map((i) => i.InvocationId), Limit: 100 },
        page(all.slice(0, 21), 21),
      );
    const result = await runCli(['invocations', 'list', '--filter', 'instance-id=ins-1', '-o', 'json'], {
      fetch: api.fetch,
      stderrTTY: true,
      stdoutTTY: true,
    });
    api.verify();
    expect(api.calls).toHaveLength(3);
    expect((JSON.parse(result.stdout) as Array<{ InvocationId: string }>).map((i) => i.InvocationId)).toEqual(
      all.slice(0, 20).map((i) => i.InvocationId),
    );
    expect(result.stderr).toContain('Showing 20 of at least 21 invocations. Use --offset 20');
  });

  it('explains an unknown filter name with the closest known one', async () => {
    const api = fakeApi().expect(
      'DescribeInvocations',
      { Filters: [{ Name: 'comand-id', Values: ['cmd-1'] }], Offset: 0, Limit: 20 },
      { Error: { Code: 'InvalidParameterValue.InvalidFilter', Message: 'bad filter' } },
    );
    const result = await runCli(['invocations', 'list', '--filter', 'comand-id=cmd-1'], { fetch: api.fetch });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('InvalidParameterValue.InvalidFilter');
    expect(result.stderr).toContain('Did you mean --filter command-id=');
    expect(result.stderr).toContain('RequestId req-1');
    expect(result.stdout).toBe('');
  });

  it('on a terminal, tells on stderr how many of how many were shown', async () => {
    const api = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 2 }, page(range(0, 2), 57));
    const result = await runCli(['invocations', 'list', '--limit', '2', '-o', 'json'], {
      fetch: api.fetch,
      stderrTTY: true,
      stdoutTTY: true,
    });
    expect(result.stderr).toContain('Showing 2 of 57 invocations. Use --offset 2, --limit N or --all for more.');
    const quiet = await runCli(['invocations', 'list', '--limit', '2', '-o', 'json', '--quiet'], {
      fetch: fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 2 }, page(range(0, 2), 57)).fetch,
      stderrTTY: true,
      stdoutTTY: true,
    });
    expect(quiet.stderr).toBe('');
  });

  it('says nothing of what stdout shows when stdout goes elsewhere (a file, a pipe): that terminal does not show it (issue 19.5)', async () => {
    const api = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 2 }, page(range(0, 2), 57));
    const result = await runCli(['invocations', 'list', '--limit', '2', '-o', 'json'], {
      fetch: api.fetch,
      stderrTTY: true,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('an empty result is a success', async () => {
    const api = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page([], 0));
    const result = await runCli(['invocations', 'list'], { fetch: api.fetch });
    expect(result).toMatchObject({ code: 0, stdout: '' });
  });

  it('after a failed later page, json prints nothing and says to run it again, never to resume by offset (issue 10.11)', async () => {
    const all = range(0, 200);
    const failing = () =>
      fakeApi()
        .expect('DescribeInvocations', { Offset: 0, Limit: 100 }, page(all.slice(0, 100), 200))
        .expect(
          'DescribeInvocations',
          { Offset: 99, Limit: 100 },
          { Error: { Code: 'InvalidParameter', Message: 'boom' } },
        )
        .expect('DescribeInvocations', { Offset: 198, Limit: 100 }, page(all.slice(198), 200));
    for (const format of ['json', 'table']) {
      const result = await runCli(['invocations', 'list', '--all', '-o', format], { fetch: failing().fetch });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        '100 of 200 invocations were fetched before the failure; nothing was printed (the document would have been incomplete); run the same command again.',
      );
      // Following an --offset hint would skip the 100 fetched but never printed.
      expect(result.stderr).not.toContain('--offset');
    }

    const ndjson = await runCli(['invocations', 'list', '--all', '-o', 'ndjson'], { fetch: failing().fetch });
    expect(ndjson.code).toBe(1);
    expect(ndjson.stdout.trim().split('\n')).toHaveLength(100);
    expect(ndjson.stderr).toContain('100 were printed; to get the rest, run the same command with --offset 100');
  });

  it('stops quietly with 0 when stdout is closed (| head -1)', async () => {
    const all = range(0, 300);
    const api = fakeApi()
      .expect('DescribeInvocations', { Offset: 0, Limit: 100 }, page(all.slice(0, 100), 300))
      .expect('DescribeInvocations', { Offset: 99, Limit: 100 }, page(all.slice(99, 199), 300))
      .expect('DescribeInvocations', { Offset: 198, Limit: 100 }, page(all.slice(198), 300))
      .expect('DescribeInvocations', { Offset: 297, Limit: 100 }, page(all.slice(297), 300));
    const result = await runCli(['invocations', 'list', '--all'], { fetch: api.fetch, stdoutClosesAfter: 1 });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('tat invocations list refuses bad input before any request', () => {
  it.each([
    [['--filter', 'instance-id'], "--filter 'instance-id' has no '='"],
    [['--filter', '=x'], 'has an empty name'],
    [['--filter', 'command-id='], 'has an empty value'],
    [['--filter', 'command-id=a,,b'], 'has an empty value'],
    [['--filter', 'instance-id=1,2,3,4,5,6'], 'at most 5 per filter'],
    [
      ['--filter', 'instance-kind=CVM,VPS'],
      '--filter instance-kind=VPS: unknown value "VPS"\ninstance-kind takes CVM, LIGHTHOUSE, REGISTERINST',
    ],
    [['--filter', 'command-created-by=ROBOT'], 'command-created-by takes TAT, USER'],
    [Array.from({ length: 11 }, (_, i) => ['--filter', `f${i}=v`]).flat(), 'at most 10'],
    [['--id', 'inv-q4zp60g0', '--filter', 'command-id=cmd-1'], '--id and --filter cannot be used together'],
    [['--id', 'cmd-123'], "'cmd-123' is not an invocation id"],
    [['--id', 'inv-1,'], 'empty id'],
    [['--limit', '0'], "--limit '0' is not a whole number"],
    [['--limit', 'ten'], "--limit 'ten'"],
    [['--limit', '99999999999999999999'], '--limit'],
    [['--offset', '-1'], '--offset'],
    [['--all', '--limit', '5'], '--all and --limit cannot be used together'],
    [['-o', 'yaml'], "--output: output 'yaml' is not an output format"],
    [['--timeout', 'soon'], "--timeout: timeout 'soon' is not a duration"],
    [['--endpoint', 'ftp://x'], 'must use http or https'],
    [['--max-attempts', '0'], '--max-attempts'],
    [['--bogus'], "unknown option '--bogus'"],
  ])('%j', async (args, message) => {
    const result = await runCli(['invocations', 'list', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('missing region is a usage error saying how to set one', async () => {
    const result = await runCli(['invocations', 'list'], { env: { ...BASE_ENV, TENCENTCLOUD_REGION: undefined } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--region');
    expect(result.stderr).toContain('TENCENTCLOUD_REGION');
  });

  it('missing credentials exit 4 saying how to provide them', async () => {
    const result = await runCli(['invocations', 'list'], { env: { TENCENTCLOUD_REGION: 'ap-guangzhou' } });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('TENCENTCLOUD_SECRET_ID');
  });
});
