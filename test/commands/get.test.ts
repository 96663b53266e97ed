import { describe, expect, it } from '@jest/globals';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { numbered, range, SEED_INVOCATION } from '../helpers/invocations.js';
import { task, tasksFound } from '../helpers/tasks.js';

const found = (items: unknown[]) => ({ TotalCount: items.length, InvocationSet: items });

describe('tat invocations get', () => {
  it('prints one invocation as a bare JSON object', async () => {
    const api = fakeApi().expect(
      'DescribeInvocations',
      { InvocationIds: ['inv-q4zp60g0'], Limit: 100 },
      found([SEED_INVOCATION]),
    );
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify(SEED_INVOCATION, null, 2)}\n`);
    expect((JSON.parse(result.stdout) as { InvocationStatus: string }).InvocationStatus).toBe('SUCCESS');
  });

  it('prints several as an array in the order asked, space- or comma-separated', async () => {
    const [a, b, c] = [numbered(1), numbered(2), numbered(3)];
    const api = fakeApi().expect(
      'DescribeInvocations',
      { InvocationIds: [c!.InvocationId, a!.InvocationId, b!.InvocationId], Limit: 100 },
      found([a, b, c]),
    );
    const result = await runCli(
      ['invocations', 'get', c!.InvocationId, `${a!.InvocationId},${b!.InvocationId}`, a!.InvocationId, '-o', 'json'],
      { fetch: api.fetch },
    );
    api.verify();
    expect((JSON.parse(result.stdout) as Array<{ InvocationId: string }>).map((i) => i.InvocationId)).toEqual(
      [c, a, b].map((i) => i!.InvocationId),
    );
  });

  it('prints the ones that exist, then exits 3 naming every missing id', async () => {
    const api = fakeApi().expect(
      'DescribeInvocations',
      { InvocationIds: ['inv-q4zp60g0', 'inv-missing1', 'inv-missing2'], Limit: 100 },
      found([SEED_INVOCATION]),
    );
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', 'inv-missing1', 'inv-missing2'], {
      fetch: api.fetch,
    });
    expect(result.code).toBe(3);
    expect(result.stdout.split('\n')[0]).toMatch(/^inv-q4zp60g0\t/);
    expect(result.stderr).toContain('2 invocations not found in region ap-guangzhou: inv-missing1, inv-missing2');
  });

  it('--dry-run prints the signed request as curl, sends nothing and exits 0', async () => {
    const api = fakeApi(); // any request at all would fail the test
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '--dry-run'], { fetch: api.fetch });
    api.verify();
    expect(api.calls).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^curl -sS -X POST 'https:\/\/tat\.tencentcloudapi\.com\/'/);
    expect(result.stdout).toContain(`-H 'X-TC-Action: DescribeInvocations'`);
    expect(result.stdout).toContain(`--data-raw '{"InvocationIds":["inv-q4zp60g0"],"Limit":100}'`);
    expect(result.stderr).toBe('dry run: nothing was sent (signature and token are shown as ***)\n');
  });

  it('exits 3 and prints nothing for one missing id', async () => {
    const api = fakeApi().expect('DescribeInvocations', { InvocationIds: ['inv-nothere'], Limit: 100 }, found([]));
    const result = await runCli(['invocations', 'get', 'inv-nothere', '-o', 'json'], { fetch: api.fetch });
    expect(result).toMatchObject({ code: 3, stdout: '' });
    expect(result.stderr).toContain('invocation not found in region ap-guangzhou: inv-nothere');
  });

  it('chunks more than 100 ids', async () => {
    const all = range(0, 120);
    const ids = all.map((i) => i.InvocationId);
    const api = fakeApi()
      .expect('DescribeInvocations', { InvocationIds: ids.slice(0, 100), Limit: 100 }, found(all.slice(0, 100)))
      .expect('DescribeInvocations', { InvocationIds: ids.slice(100), Limit: 100 }, found(all.slice(100)));
    const result = await runCli(['invocations', 'get', ...ids, '-o', 'ndjson'], { fetch: api.fetch });
    api.verify();
    expect(result.stdout.trim().split('\n')).toHaveLength(120);
  });

  it('writes the decoded script with -o content, nothing added', async () => {
    const api = fakeApi().expect(
      'DescribeInvocations',
      { InvocationIds: ['inv-q4zp60g0'], Limit: 100 },
      found([SEED_INVOCATION]),
    );
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'content'], { fetch: api.fetch });
    expect(result.stdout).toBe('pwd');
  });

  it('refuses invalid base64 content with exit 1 and nothing on stdout', async () => {
    const broken = { ...SEED_INVOCATION, CommandContent: 'not*base64' };
    const api = fakeApi().expect(
      'DescribeInvocations',
      { InvocationIds: ['inv-q4zp60g0'], Limit: 100 },
      found([broken]),
    );
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'content'], { fetch: api.fetch });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain('CommandContent of inv-q4zp60g0 is not valid base64');
  });

  it('shows a detail view on a terminal, with the exit code and error of each task', async () => {
    const api = fakeApi()
      .expect('DescribeInvocations', { InvocationIds: ['inv-q4zp60g0'], Limit: 100 }, found([SEED_INVOCATION]))
      .expect(
        'DescribeInvocationTasks',
        // By the task ids the invocation lists: 100 a request, however many invocations.
        { InvocationTaskIds: ['invt-kakne8h2', 'invt-jc2onrxm', 'invt-6xmuisyq'], Limit: 100, HideOutput: true },
        tasksFound([
          task('invt-kakne8h2', 'ins-zj0f57ew'),
          task('invt-jc2onrxm', 'ins-zj0f57ex', {
            TaskStatus: 'FAILED',
            exitCode: 127,
            ErrorInfo: 'command not found',
          }),
        ]),
      );
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0'], {
      fetch: api.fetch,
      stdoutTTY: true,
      env: { ...BASE_ENV, TZ: 'Asia/Shanghai', NO_COLOR: '1' },
    });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}TASK ID +INSTANCE ID +STATUS +EXIT CODE +ERROR$/m);
    expect(result.stdout).toMatch(/^ {2}invt-kakne8h2 +ins-zj0f57ew +SUCCESS +0$/m);
    expect(result.stdout).toMatch(/^ {2}invt-jc2onrxm +ins-zj0f57ex +SUCCESS +127 +command not found$/m);
    expect(result.stdout).toContain('inv-q4zp60g0');
    expect(result.stdout).toContain('2020-11-09 15:21:59 +08:00');
    expect(result.stdout).toContain('invt-kakne8h2');
    expect(result.stdout).toContain('pwd');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it.each([
    [[], "missing required argument 'id'"],
    [['cmd-9dxzty3m'], "'cmd-9dxzty3m' is not an invocation id"],
    [['INV-Q4ZP60G0'], 'is not an invocation id'],
  ])('refuses %j with exit 2 before any request', async (args, message) => {
    const result = await runCli(['invocations', 'get', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('AuthFailure answers exit 4 with code and RequestId', async () => {
    const api = fakeApi().expect(
      'DescribeInvocations',
      { InvocationIds: ['inv-q4zp60g0'], Limit: 100 },
      { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature mismatch' } },
    );
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0'], { fetch: api.fetch });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('AuthFailure.SignatureFailure');
    expect(result.stderr).toContain('RequestId req-1');
  });
});
