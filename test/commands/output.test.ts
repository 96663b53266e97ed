import { describe, expect, it } from '@jest/globals';
import type { InvocationTask } from '../../src/api/types.js';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { task, tasksFound } from '../helpers/tasks.js';

const TERMINAL = { stdoutTTY: true, env: { ...BASE_ENV, TZ: 'UTC', NO_COLOR: '1' } };
const FILTER = [{ Name: 'invocation-id', Values: ['inv-q4zp60g0'] }];

/** The one request `output` sends (no --instance): every task of the invocation, outputs included. */
function apiWith(tasks: InvocationTask[]) {
  return fakeApi().expect(
    'DescribeInvocationTasks',
    { Filters: FILTER, Offset: 0, Limit: 100, HideOutput: false },
    tasksFound(tasks),
  );
}

const ESCAPES = 'ok \u001b[31mred\u001b[0m \u001b]0;title\u0007 bell\u0007\n';

describe('tat invocations output', () => {
  it('piped, one task: exactly the decoded bytes, binary-safe', async () => {
    const bytes = Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x0d, 0x0a, 0x1b, 0x5b, 0x32, 0x4a]);
    const api = apiWith([task('invt-kakne8h2', 'ins-zj0f57ew', { output: bytes })]);
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdoutBytes.equals(bytes)).toBe(true);
  });

  it('piped, escape sequences pass through byte-exact', async () => {
    const api = apiWith([task('invt-kakne8h2', 'ins-zj0f57ew', { output: ESCAPES })]);
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { fetch: api.fetch });
    expect(result.stdoutBytes.equals(Buffer.from(ESCAPES))).toBe(true);
  });

  it('piped, several tasks: each line prefixed with the instance id and a tab', async () => {
    const api = apiWith([
      task('invt-kakne8h2', 'ins-zj0f57ew', { output: 'a1\na2\n' }),
      task('invt-jc2onrxm', 'ins-zj0f57ex', { output: '' }),
      task('invt-6xmuisyq', 'ins-zj0f57ev', { output: 'b1\nno newline' }),
    ]);
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { fetch: api.fetch });
    expect(result.stdout).toBe('ins-zj0f57ew\ta1\nins-zj0f57ew\ta2\nins-zj0f57ev\tb1\nins-zj0f57ev\tno newline\n');
  });

  it('on a terminal: a header per instance and control characters made visible; --raw passes them through', async () => {
    const tasks = [
      task('invt-kakne8h2', 'ins-zj0f57ew', { output: ESCAPES }),
      task('invt-jc2onrxm', 'ins-zj0f57ex', { output: '', TaskStatus: 'FAILED', exitCode: 2, ErrorInfo: 'boom' }),
    ];
    const shown = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { ...TERMINAL, fetch: apiWith(tasks).fetch });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      '==> ins-zj0f57ew  invt-kakne8h2  SUCCESS  exit 0  5s <==\n' +
        'ok \\x1b[31mred\\x1b[0m \\x1b]0;title\\x07 bell\\x07\n' +
        '\n==> ins-zj0f57ex  invt-jc2onrxm  FAILED  exit 2  5s  boom <==\n(no output)\n',
    );
    const raw = await runCli(['invocations', 'output', 'inv-q4zp60g0', '--raw'], {
      ...TERMINAL,
      fetch: apiWith(tasks).fetch,
    });
    expect(raw.stdout).toContain(ESCAPES);
  });

  it('a UTF-8 character split at the 24,576-byte cut neither crashes nor mangles the rest', async () => {
    const text = Buffer.from(`${'x'.repeat(24_575)}世`);
    const cut = text.subarray(0, 24_576); // the agent's cut: one byte of 世's three
    const tasks = [
      task('invt-kakne8h2', 'ins-zj0f57ew', {
        output: Buffer.concat([Buffer.from('é\n'), cut.subarray(2)]),
        dropped: 2,
        outputUrl: 'https://b.cos.ap-guangzhou.myqcloud.com/p/invt-kakne8h2.log',
      }),
    ];
    const piped = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { fetch: apiWith(tasks).fetch });
    expect(piped.code).toBe(0);
    expect(piped.stdoutBytes.equals(Buffer.concat([Buffer.from('é\n'), cut.subarray(2)]))).toBe(true);
    const shown = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { ...TERMINAL, fetch: apiWith(tasks).fetch });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('é\nxxx');
    expect(shown.stdout).toMatch(/x\uFFFD\n$/);
  });

  it('warns on stderr when output was dropped, naming OutputUrl or OutputUploadCOSErrorInfo', async () => {
    const tasks = [
      task('invt-kakne8h2', 'ins-zj0f57ew', {
        output: Buffer.alloc(24_576, 'x'),
        dropped: 1234,
        outputUrl: 'https://b.cos.ap-guangzhou.myqcloud.com/p/invt-kakne8h2.log',
      }),
      task('invt-jc2onrxm', 'ins-zj0f57ex', {
        dropped: 99,
        cosError: 'AccessDenied: the role may not write to the bucket',
      }),
      task('invt-6xmuisyq', 'ins-zj0f57ev'),
    ];
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { fetch: apiWith(tasks).fetch });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'the output of ins-zj0f57ew (invt-kakne8h2) is incomplete: 1,234 bytes dropped after the 24,576 bytes kept. The full log: https://b.cos.ap-guangzhou.myqcloud.com/p/invt-kakne8h2.log',
    );
    // The facts of this task (6 bytes kept), never the agent's usual limit (issue 23.19: "cut after 24,576 bytes" for a 163-byte output).
    expect(result.stderr).toContain(
      'ins-zj0f57ex (invt-jc2onrxm) is incomplete: 99 bytes dropped after the 6 bytes kept, and the full log was not uploaded to COS: AccessDenied',
    );
    expect(result.stderr).not.toContain('24,576 bytes kept, and');
    expect(result.stderr).not.toContain('ins-zj0f57ev');
    expect(result.stdout).not.toContain('warning');
  });

  it('--exit-status exits 5 naming the failed tasks; without it, 0 whatever they did', async () => {
    const tasks = [
      task('invt-kakne8h2', 'ins-zj0f57ew'),
      task('invt-jc2onrxm', 'ins-zj0f57ex', { exitCode: 3 }),
      task('invt-6xmuisyq', 'ins-zj0f57ev', { TaskStatus: 'TIMEOUT', exitCode: 0 }),
    ];
    const plain = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { fetch: apiWith(tasks).fetch });
    expect(plain.code).toBe(0);
    const strict = await runCli(['invocations', 'output', 'inv-q4zp60g0', '--exit-status'], {
      fetch: apiWith(tasks).fetch,
    });
    expect(strict.code).toBe(5);
    expect(strict.stdout).toContain('hello');
    expect(strict.stderr).toContain(
      '2 of 3 tasks did not succeed: ins-zj0f57ex (SUCCESS but exit 3), ins-zj0f57ev (TIMEOUT, exit 0)',
    );
    const ok = await runCli(['invocations', 'output', 'inv-q4zp60g0', '--exit-status'], {
      fetch: apiWith([tasks[0]!]).fetch,
    });
    expect(ok.code).toBe(0);
  });

  it('--exit-status says why a SUCCESS with exit 3 and no start time is named (issue 23.19)', async () => {
    const odd = task('invt-jc2onrxm', 'ins-zj0f57ex', { exitCode: 3 });
    odd.TaskResult!.ExecStartTime = null;
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0', '--exit-status'], {
      fetch: apiWith([odd]).fetch,
    });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(
      '1 of 1 tasks did not succeed: ins-zj0f57ex (SUCCESS but exit 3, reported without a start time)',
    );
  });

  it('asks only for the instances named, and filters by --status', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      {
        Filters: [...FILTER, { Name: 'instance-id', Values: ['ins-zj0f57ew', 'ins-zj0f57ex'] }],
        Offset: 0,
        Limit: 100,
        HideOutput: false,
      },
      tasksFound([
        task('invt-kakne8h2', 'ins-zj0f57ew', { output: 'ok\n' }),
        task('invt-jc2onrxm', 'ins-zj0f57ex', { TaskStatus: 'FAILED', output: 'bad\n' }),
      ]),
    );
    const result = await runCli(
      ['invocations', 'output', 'inv-q4zp60g0', '--instance', 'ins-zj0f57ew,ins-zj0f57ex', '--status', 'FAILED'],
      { fetch: api.fetch },
    );
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('bad\n');
  });

  it('gives the task objects as returned with -o json', async () => {
    const tasks = [task('invt-kakne8h2', 'ins-zj0f57ew', { output: 'hi\n' })];
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0', '-o', 'json'], {
      fetch: apiWith(tasks).fetch,
    });
    expect(result.stdout).toBe(`${JSON.stringify(tasks, null, 2)}\n`);
  });

  it('exits 3 for an invocation that does not exist, and for an instance with no task', async () => {
    const api = apiWith([]).expect(
      'DescribeInvocations',
      { InvocationIds: ['inv-q4zp60g0'], Limit: 100 },
      { TotalCount: 0, InvocationSet: [] },
    );
    const missing = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { fetch: api.fetch });
    expect(missing.code).toBe(3);
    const noTask = fakeApi().expect(
      'DescribeInvocationTasks',
      {
        Filters: [...FILTER, { Name: 'instance-id', Values: ['ins-zj0f57ew', 'ins-other001'] }],
        Offset: 0,
        Limit: 100,
        HideOutput: false,
      },
      tasksFound([task('invt-kakne8h2', 'ins-zj0f57ew')]),
    );
    const absent = await runCli(
      ['invocations', 'output', 'inv-q4zp60g0', '--instance', 'ins-zj0f57ew', '--instance', 'ins-other001'],
      { fetch: noTask.fetch },
    );
    expect(absent.code).toBe(3);
    expect(absent.stdout).toBe('hello\n');
    expect(absent.stderr).toContain('inv-q4zp60g0 has no task on ins-other001');
  });

  it.each([
    [['inv-q4zp60g0', '--instance', 'inv-x1'], "'inv-x1' is not an instance id"],
    [['inv-q4zp60g0', '--status', 'DONE'], 'DONE'],
    [['invt-kakne8h2'], 'is not an invocation id'],
    [['inv-q4zp60g0', '-o', 'bogus'], "'bogus' is not an output format"],
  ])('refuses %j with exit 2 before any request', async (args, message) => {
    const result = await runCli(['invocations', 'output', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});

describe('tat invocations output: every -o means something', () => {
  const two = () => [
    task('invt-kakne8h2', 'ins-zj0f57ew', { output: 'line one\n\tindented\n' }),
    task('invt-jc2onrxm', 'ins-zj0f57ex', { TaskStatus: 'FAILED', exitCode: 2, output: '' }),
  ];

  it('-o tsv: a row per line of output: instance, task status, exit code, the line (tsv-escaped)', async () => {
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0', '-o', 'tsv'], {
      fetch: apiWith(two()).fetch,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'ins-zj0f57ew\tSUCCESS\t0\tline one\nins-zj0f57ew\tSUCCESS\t0\t\\tindented\nins-zj0f57ex\tFAILED\t2\t\n',
    );
  });

  it('-o content: the bytes of each task, one after the other, nothing added', async () => {
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0', '-o', 'content'], {
      fetch: apiWith(two()).fetch,
    });
    expect(result.stdout).toBe('line one\n\tindented\n');
  });

  it('-o table: the terminal view (a header per task), also in a pipe', async () => {
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0', '-o', 'table'], {
      fetch: apiWith(two()).fetch,
    });
    expect(result.stdout).toMatch(
      /^==> ins-zj0f57ew {2}invt-kakne8h2 {2}SUCCESS {2}exit 0.*<==\nline one\n\tindented\n\n==> ins-zj0f57ex {2}invt-jc2onrxm {2}FAILED {2}exit 2.*<==\n\(no output\)\n$/,
    );
  });

  it('without -o, piped: unchanged (the instance prefix), so scripts keep working', async () => {
    const result = await runCli(['invocations', 'output', 'inv-q4zp60g0'], { fetch: apiWith(two()).fetch });
    expect(result.stdout).toBe('ins-zj0f57ew\tline one\nins-zj0f57ew\t\tindented\n');
  });
});
