import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import {
  ApiError,
  CredentialsError,
  DryRunDone,
  InterruptedError,
  KeyNotSetError,
  NotFoundError,
  OutputClosed,
  TransportError,
  UsageError,
} from '../../src/errors.js';
import { report } from '../../src/main.js';
import { fakeOutput } from '../helpers/cli.js';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

async function reported(error: unknown, debug = false, env: Record<string, string> = {}) {
  const chunks: string[] = [];
  const code = await report(
    error,
    {
      io: { stdout: fakeOutput(false, 0, []), stderr: fakeOutput(false, 0, chunks) } as never,
      env,
      sleep: async () => undefined,
      signal: new AbortController().signal,
    },
    debug,
  );
  return { code, stderr: chunks.join('') };
}

describe('error → exit code mapping (one place)', () => {
  it.each([
    [new UsageError('bad flag', 'fix it'), 2],
    [new CredentialsError('no keys'), 4],
    [new NotFoundError('gone', ['inv-x']), 3],
    [new ApiError('AuthFailure.SignatureExpire', 'old', 'rid', 'DescribeInvocations'), 4],
    [new ApiError('InvalidParameter', 'bad', 'rid', 'DescribeInvocations'), 1],
    [new TransportError('reset', true), 1],
    [new InterruptedError('SIGINT'), 130],
    [new InterruptedError('SIGTERM'), 143],
    [new KeyNotSetError('region', 'default'), 1],
    ['SIGINT', 130],
    [new Error('boom'), 1],
  ])('%s → %d', async (error, code) => {
    expect((await reported(error)).code).toBe(code);
  });

  it.each([new OutputClosed(), new DryRunDone()])('%s is not a failure: exit 0 and nothing printed', async (ended) => {
    expect(await reported(ended, true)).toEqual({ code: 0, stderr: '' });
  });

  it('gives an error more context by copying it, the original kept as cause and unchanged', async () => {
    const original = new ApiError('RequestLimitExceeded', 'slow down', 'rid-1', 'DescribeInvocations');
    const copy = original.withContext({
      message: `${original.message} (gave up after 5 attempts)`,
      hint: 'resume with --offset 40.',
    });
    expect(copy).toBeInstanceOf(ApiError);
    expect(copy).not.toBe(original);
    expect(copy.cause).toBe(original);
    expect([copy.code, copy.requestId, copy.exitCode]).toEqual(['RequestLimitExceeded', 'rid-1', 1]);
    expect(original.message).toBe('DescribeInvocations failed: RequestLimitExceeded: slow down (RequestId rid-1)');
    expect(original.hint).toBe('The account is over its request rate; lower --rate-limit or try again shortly.');
    expect((await reported(copy)).stderr).toBe(
      'error: DescribeInvocations failed: RequestLimitExceeded: slow down (RequestId rid-1) (gave up after 5 attempts)\nresume with --offset 40.\n',
    );
  });

  it('prints the message and hint, and a stack only with --debug', async () => {
    const quiet = await reported(new UsageError('bad flag', 'do this instead'));
    expect(quiet.stderr).toBe('error: bad flag\ndo this instead\n');
    const unexpected = await reported(new Error('boom'));
    expect(unexpected.stderr).toContain('unexpected failure: boom');
    expect(unexpected.stderr).not.toMatch(/\n\s+at /);
    const debug = await reported(new Error('boom'), true);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('never prints a secret from the environment, even inside a message', async () => {
    const { stderr } = await reported(new Error('key sk-super-secret-value leaked'), false, {
      TENCENTCLOUD_SECRET_KEY: 'sk-super-secret-value',
    });
    expect(stderr).not.toContain('sk-super-secret-value');
    expect(stderr).toContain('***');
  });

  it('API errors carry code, message and RequestId', async () => {
    const { stderr } = await reported(
      new ApiError('InvalidParameterValue.LimitExceeded', 'Limit too big', 'abc-123', 'DescribeInvocations'),
    );
    expect(stderr).toContain(
      'DescribeInvocations failed: InvalidParameterValue.LimitExceeded: Limit too big (RequestId abc-123)',
    );
  });
});

describe('tat --version and --help', () => {
  it('prints the package version', async () => {
    const result = await runCli(['--version'], { env: {} });
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('lists the commands and shows examples, with no credentials', async () => {
    const result = await runCli(['--help'], { env: {} });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/invocations\|inv\s+list and inspect invocations/);
    expect(result.stdout).toContain('Examples:');
  });

  it.each([['invocations', 'list'], ['invocations', 'get'], ['invocations']])(
    '`tat %s --help` shows a real example',
    async (...words) => {
      const result = await runCli([...words, '--help'], { env: {} });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Examples:\n\s+\$ tat inv/);
    },
  );

  it('every command and subcommand shows at least one example', async () => {
    const { buildProgram } = await import('../../src/cli/program.js');
    const program = buildProgram({ deps: {} as never, run: async () => undefined, print: () => undefined });
    const paths: string[][] = [];
    const walk = (command: import('@commander-js/extra-typings').CommandUnknownOpts, path: string[]): void => {
      for (const sub of command.commands) {
        if (sub.name() === 'help') continue;
        paths.push([...path, sub.name()]);
        walk(sub, [...path, sub.name()]);
      }
    };
    walk(program, []);
    expect(paths.length).toBeGreaterThan(8);
    for (const path of paths) {
      const result = await runCli([...path, '--help'], { env: {} });
      expect({ path, code: result.code, example: /Examples?:\n(\s+\$ tat .+\n)+/.test(result.stdout) }).toEqual({
        path,
        code: 0,
        example: true,
      });
    }
  });

  it('with no command, shows help on stdout and exits 0 (as gh does)', async () => {
    const result = await runCli([], { env: {} });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: tat');
    expect(result.stderr).toBe('');
  });

  it('an unknown command suggests the closest', async () => {
    const result = await runCli(['invocation'], { env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Did you mean invocations?');
  });
});

describe('interrupts', () => {
  it('Ctrl-C while waiting on the network exits 130 without a trace', async () => {
    const controller = new AbortController();
    const fetch = (async (_url: unknown, init?: RequestInit) =>
      new Promise((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        setImmediate(() => controller.abort('SIGINT'));
      })) as typeof globalThis.fetch;
    const result = await runCli(['invocations', 'list'], { fetch, signal: controller.signal });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('interrupted (SIGINT)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});
