import { describe, expect, it } from '@jest/globals';
import { credentialScope, parseAuthorization, sha256Hex, sign, type SignedHeaderSet } from '../../src/api/sign.js';

/** The official vectors of shared/reference/tat-api.md section 4, as data. */
const CVM_BODY = String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`;

interface Vector {
  name: string;
  secretId: string;
  secretKey: string;
  timestamp: number;
  contentType: string;
  body: string;
  signedHeaders: SignedHeaderSet;
  action: string;
  signature: string;
}

const VECTORS: Vector[] = [
  {
    name: 'masked doc keys, x-tc-action signed',
    secretId: `AKID${'*'.repeat(32)}`,
    secretKey: '*'.repeat(32),
    timestamp: 1551113065,
    contentType: 'application/json; charset=utf-8',
    body: CVM_BODY,
    signedHeaders: 'content-type;host;x-tc-action',
    action: 'DescribeInstances',
    signature: '10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
  },
  {
    name: 'example keys, content-type;host',
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    timestamp: 1551113065,
    contentType: 'application/json; charset=utf-8',
    body: CVM_BODY,
    signedHeaders: 'content-type;host',
    action: 'DescribeInstances',
    signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
  },
  {
    name: 'test keys, 2022-01-01',
    secretId: 'test-secret-id',
    secretKey: 'test-secret-key',
    timestamp: 1640995200,
    contentType: 'application/json',
    body: '{"Action":"DescribeInstances","Version":"2017-03-12"}',
    signedHeaders: 'content-type;host',
    action: 'DescribeInstances',
    signature: '96473b50fe407833672a5d6d067238d88bb44c8abcc39ef83baa3132afbfadd3',
  },
];

describe('sign (official vectors)', () => {
  it.each(VECTORS)('$name', (vector) => {
    const result = sign({ ...vector, service: 'cvm', host: 'cvm.tencentcloudapi.com' });
    expect(result.signature).toBe(vector.signature);
    expect(result.authorization).toBe(
      `TC3-HMAC-SHA256 Credential=${vector.secretId}/${credentialScope(vector.timestamp, 'cvm')}, SignedHeaders=${vector.signedHeaders}, Signature=${vector.signature}`,
    );
  });

  it('matches the documented intermediate values of the first vector', () => {
    const v = VECTORS[0]!;
    const result = sign({ ...v, service: 'cvm', host: 'cvm.tencentcloudapi.com' });
    expect(sha256Hex(v.body)).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(sha256Hex(result.canonicalRequest)).toBe('7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84');
    expect(result.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(result.canonicalRequest).toBe(
      [
        'POST',
        '/',
        '',
        'content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n',
        'content-type;host;x-tc-action',
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
      ].join('\n'),
    );
    expect(result.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
    );
  });
});

describe('sign (properties)', () => {
  const base = {
    secretId: 'AKIDexample',
    secretKey: 'secret',
    service: 'tat',
    host: 'tat.tencentcloudapi.com',
    contentType: 'application/json',
    body: '{"Limit":1}',
    action: 'DescribeInvocations',
  };

  it('uses the UTC date for the scope, one second before and at midnight UTC', () => {
    // 2024-10-25T23:59:59Z is already 2024-10-26 in Beijing (UTC+8).
    expect(sign({ ...base, timestamp: Date.UTC(2024, 9, 25, 23, 59, 59) / 1000 }).credentialScope).toBe(
      '2024-10-25/tat/tc3_request',
    );
    expect(sign({ ...base, timestamp: Date.UTC(2024, 9, 26, 0, 0, 0) / 1000 }).credentialScope).toBe(
      '2024-10-26/tat/tc3_request',
    );
  });

  it('changes when any signed input changes', () => {
    const reference = sign({ ...base, timestamp: 1700000000 }).signature;
    expect(sign({ ...base, timestamp: 1700000001 }).signature).not.toBe(reference);
    expect(sign({ ...base, body: '{"Limit":2}', timestamp: 1700000000 }).signature).not.toBe(reference);
    expect(sign({ ...base, secretKey: 'other', timestamp: 1700000000 }).signature).not.toBe(reference);
    expect(sign({ ...base, host: 'tat.intl.tencentcloudapi.com', timestamp: 1700000000 }).signature).not.toBe(
      reference,
    );
    expect(sign({ ...base, timestamp: 1700000000, signedHeaders: 'content-type;host;x-tc-action' }).signature).not.toBe(
      reference,
    );
  });

  it('hashes bytes, so a Buffer and the same string sign the same', () => {
    const text = '{"Description":"重启 nginx"}';
    expect(sign({ ...base, body: Buffer.from(text, 'utf8'), timestamp: 1 }).signature).toBe(
      sign({ ...base, body: text, timestamp: 1 }).signature,
    );
  });

  it('round-trips through parseAuthorization', () => {
    const result = sign({ ...base, timestamp: 1700000000 });
    expect(parseAuthorization(result.authorization)).toEqual({
      secretId: 'AKIDexample',
      date: '2023-11-14',
      service: 'tat',
      signedHeaders: 'content-type;host',
      signature: result.signature,
    });
    expect(parseAuthorization('Bearer abc')).toBeUndefined();
  });

  it('refuses to sign x-tc-action without an action', () => {
    expect(() =>
      sign({ ...base, action: undefined, timestamp: 1, signedHeaders: 'content-type;host;x-tc-action' }),
    ).toThrow(/action/);
  });
});
