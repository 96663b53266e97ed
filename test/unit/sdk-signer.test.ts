import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { sign } from '../../src/api/sign.js';

/** The official Node SDK's own signer is an independent oracle: it must agree with ours byte for byte. */
const require = createRequire(import.meta.url);
const Sdk = (
  require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as {
    default: { sign3(input: Record<string, unknown>): string };
  }
).default;

const CASES = [
  {
    params: { InvocationIds: ['inv-q4zp60g0'], Limit: 1, Offset: 0 },
    timestamp: 1604906519,
    host: 'tat.tencentcloudapi.com',
  },
  {
    params: { Filters: [{ Name: 'instance-id', Values: ['ins-zcewfho0'] }], Limit: 100 },
    timestamp: 1729826317,
    host: 'tat.ap-shanghai.tencentcloudapi.com',
  },
  {
    params: { Filters: [{ Name: 'command-id', Values: ['cmd-9dxzty3m'] }], Description: '重启 nginx ✓' },
    timestamp: 1735689599,
    host: 'tat.intl.tencentcloudapi.com',
  },
];

describe('our signer agrees with the official SDK', () => {
  it.each(CASES)('for $host at $timestamp', ({ params, timestamp, host }) => {
    const secretId = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
    const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
    const body = JSON.stringify(params);
    const theirs = Sdk.sign3({
      method: 'POST',
      url: `https://${host}/`,
      payload: params,
      timestamp,
      service: 'tat',
      secretId,
      secretKey,
      headers: { 'Content-Type': 'application/json' },
    });
    const ours = sign({
      secretId,
      secretKey,
      service: 'tat',
      host,
      contentType: 'application/json',
      body,
      timestamp,
      action: 'DescribeInvocations',
    });
    expect(ours.authorization).toBe(theirs);
    // Sanity: a different key gives a different value, so the comparison above can fail.
    expect(
      sign({ secretId, secretKey: 'x', service: 'tat', host, contentType: 'application/json', body, timestamp })
        .authorization,
    ).not.toBe(theirs);
  });
});
