import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { SEED_INVOCATION } from '../helpers/invocations.js';

const ask = { InvocationIds: ['inv-q4zp60g0'], Limit: 100 };
const throttled = {
  Error: {
    Code: 'RequestLimitExceeded',
    Message:
      'Your current request times equals to `21` in a second, which exceeds the frequency limit `20` for a second.',
  },
};
const found = { TotalCount: 1, InvocationSet: [SEED_INVOCATION] };

describe('retries as a person at a terminal sees them', () => {
  it('one status line updated in place, erased when the request gets through, then the --rate-limit to use', async () => {
    const api = fakeApi()
      .expect('DescribeInvocations', ask, throttled)
      .expect('DescribeInvocations', ask, throttled)
      .expect('DescribeInvocations', ask, found);
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], {
      fetch: api.fetch,
      liveStderr: true,
      stdoutTTY: true,
    });
    api.verify();
    expect(result.code).toBe(0);
    // Throttles do not spend attempts: the client halves its own pace instead. Each status
    // replaces the last on the one line (beside the spinner), which is erased before the notice.
    const [drawn = '', ...after] = result.stderr.split('\n');
    expect(drawn).toMatch(
      // eslint-disable-next-line no-control-regex
      /\r[^\r]*throttled, slowing down to 9\.5 requests\/s\u001b\[K.*\r[^\r]*throttled, slowing down to 4\.8 requests\/s\u001b\[K.*\r\u001b\[KThrottled 2 times; next time try --rate-limit 4 to avoid the retries\.$/s,
    );
    expect(after.join('\n')).not.toContain('throttled');
  });

  it('with stdout not the terminal (a pager owns the screen), no status line, as no spinner; the suggestion still comes', async () => {
    const api = fakeApi().expect('DescribeInvocations', ask, throttled).expect('DescribeInvocations', ask, found);
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], {
      fetch: api.fetch,
      liveStderr: true,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Throttled once; next time try --rate-limit 9 to avoid the retries.\n');
  });

  it('the suggestion is the slowest pace the client had to drop to (whatever --rate-limit was), half the rate when pacing was off', async () => {
    const once = fakeApi().expect('DescribeInvocations', ask, throttled).expect('DescribeInvocations', ask, found);
    const six = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json', '--rate-limit', '6'], {
      fetch: once.fetch,
      liveStderr: true,
    });
    // 6 × 95% headroom, halved by the throttle: 2.85 requests/s.
    expect(six.stderr).toContain('Throttled once; next time try --rate-limit 2 to avoid the retries.');
    const thrice = fakeApi();
    for (let i = 0; i < 3; i++) thrice.expect('DescribeInvocations', ask, throttled);
    thrice.expect('DescribeInvocations', ask, found);
    const slowed = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], {
      fetch: thrice.fetch,
      liveStderr: true,
    });
    // 19 → 9.5 → 4.75 → 2.4: half the default (10) would still have been throttled three times over.
    expect(slowed.stderr).toContain('Throttled 3 times; next time try --rate-limit 2 to avoid the retries.');
    const unpaced = fakeApi().expect('DescribeInvocations', ask, throttled).expect('DescribeInvocations', ask, found);
    const off = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json', '--rate-limit', '0'], {
      fetch: unpaced.fetch,
      liveStderr: true,
    });
    expect(off.stderr).toContain('Throttled once; next time try --rate-limit 10 to avoid the retries.');
  });

  it("on a stream another display owns (wait's live view), each retry is a plain notice line", async () => {
    const api = fakeApi().expect('DescribeInvocations', ask, throttled).expect('DescribeInvocations', ask, found);
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], {
      fetch: api.fetch,
      stderrTTY: true,
    });
    expect(result.stderr).toBe(
      'throttled, slowing down to 9.5 requests/s\nThrottled once; next time try --rate-limit 9 to avoid the retries.\n',
    );
  });

  it('when throttling outlasts 30 retries (it spends no attempts), the error names the --rate-limit to use, terminal or not', async () => {
    const api = fakeApi();
    for (let i = 0; i < 31; i++) api.expect('DescribeInvocations', ask, throttled);
    const result = await runCli(['invocations', 'get', 'inv-q4zp60g0', '--max-attempts', '2'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /RequestLimitExceeded.*\(still throttled after 31 tries; lower --rate-limit if other tools share the account\)\n/,
    );
    expect(result.stderr).toContain('run again with --rate-limit 10 (requests per second)');
  });
});
