import { describe, expect, it } from '@jest/globals';
import { METADATA_URL } from '../../src/config/sources/cvm-role.js';
import type { Fetch } from '../../src/deps.js';
import { proxyAwareFetch, proxyFor } from '../../src/proxy.js';

describe('proxyFor', () => {
  const env = { HTTPS_PROXY: 'http://secure:3128', HTTP_PROXY: 'http://plain:3128' };

  it('takes HTTPS_PROXY for https and HTTP_PROXY for http; https falls back to HTTP_PROXY', () => {
    expect(proxyFor(new URL('https://tat.tencentcloudapi.com/'), env)).toBe('http://secure:3128');
    expect(proxyFor(new URL('http://127.0.0.1:9400/'), env)).toBe('http://plain:3128');
    expect(proxyFor(new URL('https://tat.tencentcloudapi.com/'), { HTTP_PROXY: 'http://plain:3128' })).toBe(
      'http://plain:3128',
    );
    expect(proxyFor(new URL('http://127.0.0.1:9400/'), { HTTPS_PROXY: 'http://secure:3128' })).toBeUndefined();
  });

  it.each([
    ['*', 'https://tat.tencentcloudapi.com/', undefined],
    ['tencentcloudapi.com', 'https://tat.tencentcloudapi.com/', undefined],
    ['.tencentcloudapi.com', 'https://tat.tencentcloudapi.com/', undefined],
    ['*.tencentcloudapi.com', 'https://tat.tencentcloudapi.com/', undefined],
    ['example.com, 127.0.0.1', 'http://127.0.0.1:9400/', undefined],
    ['127.0.0.1:9400', 'http://127.0.0.1:9400/', undefined],
    ['127.0.0.1:9401', 'http://127.0.0.1:9400/', 'http://plain:3128'],
    ['apitencentcloudapi.com', 'https://tat.tencentcloudapi.com/', 'http://secure:3128'],
    ['', 'https://tat.tencentcloudapi.com/', 'http://secure:3128'],
  ])('NO_PROXY=%j for %s', (noProxy, url, expected) => {
    expect(proxyFor(new URL(url), { ...env, NO_PROXY: noProxy })).toBe(expected);
  });

  it('never proxies the CVM metadata service, whatever the environment says', () => {
    expect(proxyFor(new URL(METADATA_URL), env)).toBeUndefined();
    expect(proxyFor(new URL('http://169.254.0.23/latest/meta-data/'), env)).toBeUndefined();
  });

  it('sends metadata requests down the direct path even with a proxy set', async () => {
    const direct: string[] = [];
    const fetch: Fetch = async (url) => {
      direct.push(url.href);
      return new Response('role');
    };
    await proxyAwareFetch(env, fetch)(new URL(METADATA_URL), { method: 'GET' });
    expect(direct).toEqual([METADATA_URL]);
  });
});
