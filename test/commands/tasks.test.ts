import { describe, expect, it } from '@jest/globals';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { task, tasksFound } from '../helpers/tasks.js';

const TERMINAL = { stdoutTTY: true, env: { ...BASE_ENV, TZ: 'UTC', NO_COLOR: '1' } };
const taskIds = (n: number) => Array.from({ length: n }, (_, i) => `invt-${String(i).padStart(8, '0')}`);

describe('tat tasks list', () => {
  it('asks DescribeInvocationTasks for one page without outputs and prints the documented tsv columns', async () => {
    const failed = task('invt-jc2onrxm', 'ins-zj0f57ex', {
      TaskStatus: 'FAILED',
      exitCode: 127,
      ErrorInfo: 'command not found',
      CommandName: 'hello',
    });
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { Offset: 0, Limit: 20, HideOutput: true },
      tasksFound([task('invt-kakne8h2', 'ins-zj0f57ew'), failed]),
    );
    const result = await runCli(['tasks', 'list'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toBe(
      'invt-jc2onrxm\tinv-q4zp60g0\tins-zj0f57ex\tFAILED\t127\t2020-11-09T07:22:00Z\t2020-11-09T07:22:05Z\t5\tcommand not found\tcmd-9dxzty3m\thello\t0\t',
    );
  });

  it('gives the API objects exactly as returned with -o json (base64 stays base64)', async () => {
    const objects = [task('invt-kakne8h2', 'ins-zj0f57ew', { output: 'héllo\n' })];
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { Filters: [{ Name: 'invocation-id', Values: ['inv-q4zp60g0'] }], Offset: 0, Limit: 20, HideOutput: true },
      tasksFound(objects),
    );
    const result = await runCli(['tasks', 'list', '--filter', 'invocation-id=inv-q4zp60g0', '-o', 'json'], {
      fetch: api.fetch,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify(objects, null, 2)}\n`);
  });

  it('shows task id, instance, status, exit code, start, duration and error on a terminal', async () => {
    const failed = task('invt-jc2onrxm', 'ins-zj0f57ex', {
      TaskStatus: 'FAILED',
      exitCode: 127,
      ErrorInfo: 'command not found',
    });
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { Offset: 0, Limit: 20, HideOutput: true },
      tasksFound([failed]),
    );
    const result = await runCli(['tasks', 'list'], { ...TERMINAL, fetch: api.fetch });
    const lines = result.stdout.split('\n');
    expect(lines[0]?.split(/\s{2,}/)).toEqual([
      'TASK ID',
      'INVOCATION',
      'INSTANCE',
      'STATUS',
      'EXIT CODE',
      'STARTED',
      'DURATION',
      'ERROR',
    ]);
    expect(lines[1]).toMatch(/^invt-jc2onrxm +inv-q4zp60g0 +ins-zj0f57ex +FAILED +127 +\S.* +5s +command not found$/);
  });

  it('the INVOCATION column gives way first on a narrow terminal; invocations tasks has none (one invocation)', async () => {
    const failed = task('invt-jc2onrxm', 'ins-zj0f57ex', {
      TaskStatus: 'FAILED',
      exitCode: 127,
      ErrorInfo: 'command not found',
    });
    const narrow = await runCli(['tasks', 'list'], {
      ...TERMINAL,
      columns: 80,
      fetch: fakeApi().expect(
        'DescribeInvocationTasks',
        { Offset: 0, Limit: 20, HideOutput: true },
        tasksFound([failed]),
      ).fetch,
    });
    expect(narrow.stdout.split('\n')[0]?.split(/\s{2,}/)).toEqual([
      'TASK ID',
      'INSTANCE',
      'STATUS',
      'EXIT CODE',
      'STARTED',
      'DURATION',
      'ERROR',
    ]);
    const one = await runCli(['invocations', 'tasks', 'inv-q4zp60g0'], {
      ...TERMINAL,
      fetch: fakeApi().expect(
        'DescribeInvocationTasks',
        { Filters: [{ Name: 'invocation-id', Values: ['inv-q4zp60g0'] }], Offset: 0, Limit: 100, HideOutput: true },
        tasksFound([failed]),
      ).fetch,
    });
    expect(one.stdout.split('\n')[0]).not.toContain('INVOCATION');
  });

  it('asks for task ids 100 per request and keeps the order asked', async () => {
    const ids = taskIds(120);
    const api = fakeApi()
      .expect(
        'DescribeInvocationTasks',
        { InvocationTaskIds: ids.slice(0, 100), Limit: 100, HideOutput: true },
        tasksFound(ids.slice(0, 100).map((id) => task(id, 'ins-zj0f57ew'))),
      )
      .expect(
        'DescribeInvocationTasks',
        { InvocationTaskIds: ids.slice(100), Limit: 100, HideOutput: true },
        tasksFound(ids.slice(100).map((id) => task(id, 'ins-zj0f57ew'))),
      );
    const result = await runCli(['tasks', 'list', '--id', ids.join(',')], { fetch: api.fetch });
    api.verify();
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(ids);
  });

  it('--id naming a task that does not exist: exit 3 after the others, with several regions too', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { InvocationTaskIds: ['invt-kakne8h2', 'invt-nothere1'], Limit: 100, HideOutput: true },
      tasksFound([task('invt-kakne8h2', 'ins-zj0f57ew')]),
    );
    const result = await runCli(['tasks', 'list', '--id', 'invt-kakne8h2,invt-nothere1'], { fetch: api.fetch });
    expect(result.code).toBe(3);
    expect(result.stdout.split('\t')[0]).toBe('invt-kakne8h2');
    expect(result.stderr).toContain('task not found in region ap-guangzhou: invt-nothere1');
    const regional = fakeApi()
      .expect(
        'DescribeInvocationTasks',
        { InvocationTaskIds: ['invt-kakne8h2', 'invt-nothere1'], Limit: 100, HideOutput: true },
        tasksFound([task('invt-kakne8h2', 'ins-zj0f57ew')]),
      )
      .expect(
        'DescribeInvocationTasks',
        { InvocationTaskIds: ['invt-kakne8h2', 'invt-nothere1'], Limit: 100, HideOutput: true },
        tasksFound([]),
      );
    const several = await runCli(
      ['tasks', 'list', '--id', 'invt-kakne8h2,invt-nothere1', '--region', 'ap-guangzhou,ap-shanghai'],
      { fetch: regional.fetch },
    );
    expect(several.code).toBe(3);
    expect(several.stderr).toContain('task not found in 2 regions: invt-nothere1');
  });

  it('fetches outputs only for -o content, and prints them decoded', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { Offset: 0, Limit: 20, HideOutput: false },
      tasksFound([
        task('invt-kakne8h2', 'ins-zj0f57ew', { output: 'one\n' }),
        task('invt-jc2onrxm', 'ins-zj0f57ex', { output: 'two\n' }),
      ]),
    );
    const result = await runCli(['tasks', 'list', '-o', 'content'], { fetch: api.fetch });
    expect(result.stdout).toBe('==> invt-kakne8h2 <==\none\n\n==> invt-jc2onrxm <==\ntwo\n');
  });

  it.each([
    [['--id', 'invt-kakne8h2', '--filter', 'instance-id=ins-zj0f57ew'], '--id and --filter cannot be used together'],
    [['--filter', 'instance-id=ins-a,ins-b,ins-c,ins-d,ins-e,ins-f'], 'at most 5 per filter'],
    [Array.from({ length: 11 }, (_, i) => ['--filter', `f${i}=v`]).flat(), 'at most 10'],
    [['--id', 'inv-q4zp60g0'], "'inv-q4zp60g0' is not a task id"],
    [['--all', '--limit', '5'], '--all and --limit cannot be used together'],
    [['--limit', '0'], '--limit'],
    [['-o', 'bogus'], "'bogus' is not an output format"],
  ])('refuses %j with exit 2 before any request', async (args, message) => {
    const result = await runCli(['tasks', 'list', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('explains an unknown filter with the task filter names', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { Filters: [{ Name: 'instanceid', Values: ['ins-zj0f57ew'] }], Offset: 0, Limit: 20, HideOutput: true },
      { Error: { Code: 'InvalidParameterValue.InvalidFilter', Message: 'bad filter' } },
    );
    const result = await runCli(['tasks', 'list', '--filter', 'instanceid=ins-zj0f57ew'], { fetch: api.fetch });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Did you mean --filter instance-id=');
    expect(result.stderr).toContain('invocation-task-id, invocation-id, instance-id, command-id');
  });
});

describe('tat tasks get', () => {
  it('shows each task in full on a terminal, with its decoded command and output', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { InvocationTaskIds: ['invt-kakne8h2'], Limit: 100, HideOutput: false },
      tasksFound([task('invt-kakne8h2', 'ins-zj0f57ew', { output: 'total 0\n\u001b[31mred\u001b[0m\n' })]),
    );
    const result = await runCli(['tasks', 'get', 'invt-kakne8h2'], { ...TERMINAL, fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Task ID +invt-kakne8h2$/m);
    expect(result.stdout).toMatch(/^Exit code +0$/m);
    expect(result.stdout).toContain('Command content\n    pwd\n');
    expect(result.stdout).toContain('Output\n    total 0\n    \\x1b[31mred\\x1b[0m\n');
    expect(result.stdout).not.toContain('\u001b');
  });

  it('prints the decoded output with -o content, nothing added', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x0a, 0xe4, 0xb8]);
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { InvocationTaskIds: ['invt-kakne8h2'], Limit: 100, HideOutput: false },
      tasksFound([task('invt-kakne8h2', 'ins-zj0f57ew', { output: bytes })]),
    );
    const result = await runCli(['tasks', 'get', 'invt-kakne8h2', '-o', 'content'], { fetch: api.fetch });
    expect(result.code).toBe(0);
    expect(result.stdoutBytes.equals(bytes)).toBe(true);
  });

  it('prints the ones that exist, then exits 3 naming the missing ids', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { InvocationTaskIds: ['invt-kakne8h2', 'invt-nothere1'], Limit: 100, HideOutput: false },
      tasksFound([task('invt-kakne8h2', 'ins-zj0f57ew')]),
    );
    const result = await runCli(['tasks', 'get', 'invt-kakne8h2', 'invt-nothere1', '-o', 'json'], { fetch: api.fetch });
    expect(result.code).toBe(3);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(1);
    expect(result.stderr).toContain('task not found in region ap-guangzhou: invt-nothere1');
  });
});

describe('tat invocations tasks', () => {
  it('lists every task of the invocation', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { Filters: [{ Name: 'invocation-id', Values: ['inv-q4zp60g0'] }], Offset: 0, Limit: 100, HideOutput: true },
      tasksFound([task('invt-kakne8h2', 'ins-zj0f57ew'), task('invt-jc2onrxm', 'ins-zj0f57ex')]),
    );
    const result = await runCli(['invocations', 'tasks', 'inv-q4zp60g0'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[2]),
    ).toEqual(['ins-zj0f57ew', 'ins-zj0f57ex']);
  });

  it('exits 3 when the invocation does not exist', async () => {
    const api = fakeApi()
      .expect(
        'DescribeInvocationTasks',
        { Filters: [{ Name: 'invocation-id', Values: ['inv-nothere1'] }], Offset: 0, Limit: 100, HideOutput: true },
        tasksFound([]),
      )
      .expect(
        'DescribeInvocations',
        { InvocationIds: ['inv-nothere1'], Limit: 100 },
        { TotalCount: 0, InvocationSet: [] },
      );
    const result = await runCli(['invocations', 'tasks', 'inv-nothere1'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
  });

  it('refuses a task id with exit 2 before any request', async () => {
    const result = await runCli(['invocations', 'tasks', 'invt-kakne8h2']);
    expect(result.code).toBe(2);
  });
});
