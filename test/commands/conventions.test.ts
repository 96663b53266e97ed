import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { SEED_INVOCATION } from '../helpers/invocations.js';

describe('help', () => {
  it('a subcommand shows the global options it accepts, and no "(default: [])"', async () => {
    const result = await runCli(['invocations', 'list', '--help'], { env: {} });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Global Options:[\s\S]*-o, --output <format>[\s\S]*--region <region>/);
    expect(result.stdout).not.toContain('(default: [])');
  });

  it('`tat help invocations list` shows the help of list', async () => {
    const result = await runCli(['help', 'invocations', 'list'], { env: {} });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tat invocations list/);
  });
});

describe('conventions', () => {
  const ask = { InvocationIds: ['inv-q4zp60g0'], Limit: 100 };
  const found = { TotalCount: 1, InvocationSet: [SEED_INVOCATION] };

  it.each(['JSON', 'Json', ' json '])('-o %j is json (format names are case-insensitive)', async (name) => {
    const api = fakeApi().expect('DescribeInvocations', ask, found);
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', name], { fetch: api.fetch });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(SEED_INVOCATION);
  });

  it('X-TC-RequestClient uses only the characters the official SDKs allow', async () => {
    const api = fakeApi().expect('DescribeInvocations', ask, found);
    await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], { fetch: api.fetch });
    expect(api.calls[0]!.headers['X-TC-RequestClient']).toMatch(/^tat-cli-[0-9a-zA-Z\-_,;.]+$/);
  });
});

describe('the summary on a terminal', () => {
  it('says "1 of 1 invocation", singular', async () => {
    const api = fakeApi().expect(
      'DescribeInvocations',
      { Offset: 0, Limit: 20 },
      { TotalCount: 1, InvocationSet: [SEED_INVOCATION] },
    );
    const result = await runCli(['invocations', 'list', '-o', 'json'], {
      fetch: api.fetch,
      stderrTTY: true,
      stdoutTTY: true,
    });
    expect(result.stderr).toContain('Showing 1 of 1 invocation.');
  });
});
