import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { SEED_INVOCATION } from '../helpers/invocations.js';

const ask = { InvocationIds: ['inv-q4zp60g0'], Limit: 100 };
const throttled = { Error: { Code: 'RequestLimitExceeded', Message: 'Your current request times equals to `21` in a second, which exceeds the frequency limit `20` for a second.' } };
const found = { TotalCount: 1, InvocationSet: [SEED_INVOCATION] };

describe('retries as a person at a terminal sees them', () => {
  it('one status line updated in place, erased when the request gets through, then the --rate-limit to use', async () => {
    const api = fakeApi().expect('DescribeInvocations', ask, throttled).expect('DescribeInvocations', ask, throttled).expect('DescribeInvocations', ask, found);
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], { fetch: api.fetch, liveStderr: true });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      '\rthrottled, retrying in 0.1 s (attempt 2 of 5)\u001b[K' +
        '\rthrottled, retrying in 0.2 s (attempt 3 of 5)\u001b[K' +
        '\r\u001b[K' +
        'Throttled 2 times; --rate-limit 10 would avoid the retries.\n',
    );
  });

  it('the suggestion halves the rate in use', async () => {
    const api = fakeApi().expect('DescribeInvocations', ask, throttled).expect('DescribeInvocations', ask, found);
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json', '--rate-limit', '6'], { fetch: api.fetch, liveStderr: true });
    expect(result.stderr).toContain('Throttled once; --rate-limit 3 would avoid the retries.');
  });

  it('on a stream another display owns (wait\'s live view), each retry is a plain notice line', async () => {
    const api = fakeApi().expect('DescribeInvocations', ask, throttled).expect('DescribeInvocations', ask, found);
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], { fetch: api.fetch, stderrTTY: true });
    expect(result.stderr).toBe('throttled, retrying in 0.1 s (attempt 2 of 5)\nThrottled once; --rate-limit 10 would avoid the retries.\n');
  });

  it('when throttling outlasts the attempts, the error names the --rate-limit to use, terminal or not', async () => {
    const api = fakeApi().expect('DescribeInvocations', ask, throttled).expect('DescribeInvocations', ask, throttled);
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '--max-attempts', '2'], { fetch: api.fetch });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/RequestLimitExceeded.*\(gave up after 2 attempts\)\n/);
    expect(result.stderr).toContain('run again with --rate-limit 10 (requests per second)');
  });
});
