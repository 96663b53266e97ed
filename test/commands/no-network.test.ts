import { describe, expect, it } from '@jest/globals';
import type { Fetch } from '../../src/deps.js';
import { BASE_ENV, runCli } from '../helpers/cli.js';

/**
 * With no network and the default endpoint, the error blamed --endpoint and TAT_ENDPOINT, which
 * the user never set (issue 19.12). The default host exists: not resolving it says the network
 * or DNS is down, and that is what the hint says, naming the proxy variables set (not their values).
 */

const failing =
  (code: string): Fetch =>
  async (url) => {
    throw Object.assign(new Error(`getaddrinfo ${code} ${url.hostname}`), { code });
  };

describe('no network, default endpoint', () => {
  it.each(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH'])(
    '%s: says it looks like no network or DNS, and blames no setting',
    async (code) => {
      const result = await runCli(['invocations', 'list', '--max-attempts', '1'], { fetch: failing(code) });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('error: request to tat.tencentcloudapi.com failed:');
      expect(result.stderr).toContain(
        "tat.tencentcloudapi.com is Tencent Cloud's API host, so this looks like no network or no DNS on this computer",
      );
      expect(result.stderr).not.toMatch(/--endpoint|TAT_ENDPOINT|proxy/i);
    },
  );

  it('names the proxy variables that are set, never their values', async () => {
    const env = { ...BASE_ENV, HTTPS_PROXY: 'http://user:s3cret@proxy.example:3128', NO_PROXY: '.tencentcloudapi.com' };
    const result = await runCli(['invocations', 'list', '--max-attempts', '1'], { env, fetch: failing('ENOTFOUND') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The proxy variables set (HTTPS_PROXY, NO_PROXY) did not send it through a proxy');
    expect(result.stderr).not.toContain('s3cret');
    expect(result.stderr).not.toContain('proxy.example');
  });

  it('an endpoint the user chose that does not resolve still points at that setting', async () => {
    const env = { ...BASE_ENV, TAT_ENDPOINT: 'https://tat.internal.example' };
    const result = await runCli(['invocations', 'list', '--max-attempts', '1'], { env, fetch: failing('ENOTFOUND') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'The host tat.internal.example does not resolve; check --endpoint or TAT_ENDPOINT.',
    );
  });
});
