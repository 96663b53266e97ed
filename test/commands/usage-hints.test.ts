import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';

/** Every refusal says what to do on its own line; empty or absurd values are refused, never defaulted. */

describe('usage errors carry a "what to do" line', () => {
  it.each([
    [['--limit', '0'], /--limit '0' is not a whole number from 1 to 1000000/],
    [['--limit', 'abc'], /--limit 'abc'/],
    [['--offset', '-1'], /--offset '-1' is not a whole number 0 or more/],
    [['--max-attempts', '0'], /--max-attempts '0'/],
    [['--rate-limit', '-1'], /--rate-limit '-1'/],
    [['--endpoint', 'ftp://x'], /must use http or https, not ftp/],
    [['--timeout', '0'], /--timeout.*'0' must be positive/],
    [['--timeout', '0.4ms'], /'0.4ms' is shorter than 1ms/],
    [['--endpoint', ''], /--endpoint is empty/],
    [['--endpoint', '  '], /--endpoint is empty/],
    [['--region', ''], /--region is empty/],
    [['-o', ''], /--output is empty/],
  ])('tat invocations list %j: exit 2, no request, and a hint', async (args, message) => {
    const result = await runCli(['invocations', 'list', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [first, hint] = result.stderr.split('\n');
    expect(first).toMatch(/^error: /);
    expect(first).toMatch(message);
    expect(hint).toMatch(/^[A-Z].{10,}/);
  });
});

describe('API errors', () => {
  const ask = { InvocationIds: ['inv-q4zp60g0'], Limit: 100 };
  it.each([
    ['UnauthorizedOperation.InvalidToken', /session token is invalid or expired/],
    ['UnauthorizedOperation.MFAExpired', /MFA session has expired/],
    ['UnauthorizedOperation.MFANotFound', /requires MFA/],
    ['UnauthorizedOperation.CamAuthFailed', /CAM refused the key/],
  ])('%s is a credential failure: exit 4 with its hint', async (code, hint) => {
    const api = fakeApi().expect('DescribeInvocations', ask, { Error: { Code: code, Message: 'refused' } });
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0'], { fetch: api.fetch });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`DescribeInvocations failed: ${code}: refused`);
    expect(result.stderr.split('\n')[1]).toMatch(hint);
  });

  it('other UnauthorizedOperation codes stay exit 1', async () => {
    const api = fakeApi().expect('DescribeInvocations', ask, {
      Error: { Code: 'UnauthorizedOperation', Message: 'no permission' },
    });
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0'], { fetch: api.fetch });
    expect(result.code).toBe(1);
  });

  it('InvalidParameterValue.InvalidCommandId says what a command id looks like', async () => {
    const filter = { Filters: [{ Name: 'command-id', Values: ['cmd-x'] }], Offset: 0, Limit: 20 };
    const api = fakeApi().expect('DescribeInvocations', filter, {
      Error: { Code: 'InvalidParameterValue.InvalidCommandId', Message: 'bad id' },
    });
    const result = await runCli(['invocations', 'list', '--filter', 'command-id=cmd-x'], { fetch: api.fetch });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('InvalidParameterValue.InvalidCommandId');
    expect(result.stderr).toMatch(/\n.*cmd-9dxzty3m/);
  });
});

describe("commander's own refusals get a hint too", () => {
  it.each([
    [
      ['invocations', 'get'],
      "error: missing required argument 'id'",
      'Usage: tat invocations get [options] <id...>; `tat invocations get --help` shows every option, with examples.',
    ],
    [
      ['invocations', 'tasks', 'inv-a', 'inv-b'],
      "error: too many arguments for 'tasks'",
      'Usage: tat invocations tasks [options] <id>; `tat invocations tasks --help` shows every option, with examples.',
    ],
    [
      ['inv', 'get', 'inv-a', '--bogus'],
      "error: unknown option '--bogus'",
      'Usage: tat invocations get [options] <id...>; `tat invocations get --help` shows every option, with examples.',
    ],
    [
      ['inv', 'lst'],
      "error: unknown command 'lst'",
      '`tat invocations --help` lists its commands (`tat --help` lists every group).',
    ],
  ])('tat %j: exit 2, the error, then what to do', async (argv, error, hint) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${error}`);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(hint);
  });

  it('a group alone (tat inv, tat tasks) is like tat alone: its help on stdout, exit 0', async () => {
    for (const group of ['inv', 'invocations', 'tasks']) {
      const result = await runCli([group], { env: {} });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^Usage: tat (invocations\|inv|tasks\|task) \[options\] \[command\]/);
    }
  });

  it('an id of another kind says what it is and which command takes it', async () => {
    const result = await runCli(['inv', 'get', 'invt-kakne8h2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: invocation id: 'invt-kakne8h2' is not an invocation id\nIt is a task id: `tat tasks get invt-kakne8h2` shows it. Invocation ids look like inv-q4zp60g0 (lower-case letters and digits after inv-).\n",
    );
  });
});
