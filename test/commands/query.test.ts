import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { fakeApi } from '../helpers/fake-api.js';
import { numbered, SEED_INVOCATION } from '../helpers/invocations.js';
import { timelineApi } from '../helpers/wait-api.js';

const page = (items: unknown[], total: number) => ({ TotalCount: total, InvocationSet: items });
const failed = numbered(1, { InvocationStatus: 'FAILED' });
const listed = [numbered(0), failed, numbered(2)];

describe('--query (JMESPath)', () => {
  it('invocations list: the expression runs over the JSON array, printed as JSON by default', async () => {
    const api = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page(listed, 3));
    const result = await runCli(['invocations', 'list', '--query', "[?InvocationStatus=='FAILED'].InvocationId"], {
      fetch: api.fetch,
    });
    api.verify();
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([failed.InvocationId]);
  });

  it('a query over one page of many says so on stderr, piped too, and names --all; not once it saw everything', async () => {
    const api = fakeApi().expect(
      'DescribeInvocations',
      { Offset: 0, Limit: 20 },
      page(
        Array.from({ length: 20 }, (_, i) => numbered(i)),
        252,
      ),
    );
    const result = await runCli(['invocations', 'list', '--query', "[?InvocationStatus=='FAILED'].InvocationId"], {
      fetch: api.fetch,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'note: --query saw 20 of 252 invocations (a listing fetches 20 by default); add --all to query every one\n',
    );
    const merged = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 100 }, page([numbered(0)], 1));
    const all = await runCli(['invocations', 'list', '--all', '--status', 'FAILED', '--query', '[].InvocationId'], {
      fetch: merged.fetch,
    });
    expect(all.stderr).toBe('');
    const whole = await runCli(['invocations', 'list', '--query', '[].InvocationId'], {
      fetch: fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page(listed, 3)).fetch,
    });
    expect(whole.stderr).toBe('');
  });

  it('-o tsv prints the result as rows (arrays and objects tab-separated), -o ndjson one value per line', async () => {
    const expression = '[].[InvocationId, InvocationStatus]';
    const tsv = await runCli(['invocations', 'list', '--query', expression, '-o', 'tsv'], {
      fetch: fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page(listed, 3)).fetch,
    });
    expect(tsv.stdout).toBe(listed.map((r) => `${r.InvocationId}\t${r.InvocationStatus}\n`).join(''));
    const ndjson = await runCli(['invocations', 'list', '--query', '[].{id: InvocationId}', '-o', 'ndjson'], {
      fetch: fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page(listed, 3)).fetch,
    });
    expect(ndjson.stdout).toBe(listed.map((r) => `{"id":"${r.InvocationId}"}\n`).join(''));
  });

  it('invocations get of one id queries the bare object; tsv rows of a scalar list are one per line', async () => {
    const api = fakeApi().expect(
      'DescribeInvocations',
      { InvocationIds: ['inv-q4zp60g0'], Limit: 100 },
      page([SEED_INVOCATION], 1),
    );
    const result = await runCli(
      ['invocations', 'get', 'inv-q4zp60g0', '--query', 'InvocationTaskBasicInfoSet[].InstanceId', '-o', 'tsv'],
      { fetch: api.fetch },
    );
    expect(result.stdout).toBe('ins-zj0f57ew\nins-zj0f57ex\nins-zj0f57ev\n');
  });

  it('invocations wait: queries what it prints at the end', async () => {
    const clock = fakeClock();
    const api = timelineApi(clock, {
      'inv-aaaaaaaa': [
        [0, 'RUNNING', ['RUNNING']],
        [3000, 'SUCCESS', ['SUCCESS']],
      ],
    });
    const result = await runCli(
      ['invocations', 'wait', 'inv-aaaaaaaa', '--query', '{id: InvocationId, status: InvocationStatus}', '-o', 'tsv'],
      { fetch: api.fetch, clock },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('inv-aaaaaaaa\tSUCCESS\n');
  });

  it('with several regions the Region key can be selected', async () => {
    const { regionalApi } = await import('../helpers/regional-api.js');
    const api = regionalApi({ invocations: { 'ap-guangzhou': [numbered(0)], 'ap-shanghai': [numbered(1)] } });
    const result = await runCli(
      ['invocations', 'list', '--region', 'ap-guangzhou,ap-shanghai', '--query', '[].Region', '-o', 'tsv'],
      { fetch: api.fetch },
    );
    expect(result.stdout).toBe('ap-guangzhou\nap-shanghai\n');
  });

  it('a bad expression is a usage error (exit 2) before any request, as is -o table', async () => {
    const bad = await runCli(['invocations', 'list', '--query', '[?InvocationStatus==']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain("--query '[?InvocationStatus==' is not a valid JMESPath expression");
    expect((await runCli(['invocations', 'get', 'inv-q4zp60g0', '--query', 'a.'])).code).toBe(2);
    const table = await runCli(['invocations', 'list', '--query', '[]', '-o', 'table']);
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('--query cannot be used with -o table');
  });

  it('an expression that fails on the data is exit 2 with nothing on stdout', async () => {
    const api = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page(listed, 3));
    const result = await runCli(['invocations', 'list', '--query', 'length(`1`)'], { fetch: api.fetch });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('--query nested too deep (issue 23.17)', () => {
  it.each([
    ['a literal nested 50,000 deep', `\`${'['.repeat(50_000)}${']'.repeat(50_000)}\``],
    ['a literal nested 300 deep', `\`${'['.repeat(300)}${']'.repeat(300)}\``],
    ['parentheses nested 50,000 deep', `${'('.repeat(50_000)}InvocationId${')'.repeat(50_000)}`],
  ])('%s: exit 2 before any request, a clear message, no stack trace', async (_name, expression) => {
    const api = fakeApi();
    const result = await runCli(['invocations', 'list', '--query', expression], { fetch: api.fetch });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: --query '.{80}…' \(\d+ characters\) is nested more than 256 levels deep\n/);
    expect(result.stderr).not.toMatch(/stack|\n\s+at /);
    expect(api.calls).toHaveLength(0);
  });

  it('a literal nested 60 deep is a query like any other', async () => {
    const api = fakeApi().expect('DescribeInvocations', { Offset: 0, Limit: 20 }, page(listed, 3));
    const literal = `${'['.repeat(60)}1${']'.repeat(60)}`;
    const result = await runCli(['invocations', 'list', '--query', `\`${literal}\``, '-o', 'ndjson'], {
      fetch: api.fetch,
    });
    expect(result.code).toBe(0);
    // ndjson prints the items of a top-level list, one a line: here its one item.
    expect(result.stdout).toBe(`${literal.slice(1, -1)}\n`);
  });
});
