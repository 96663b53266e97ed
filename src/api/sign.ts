import { createHash, createHmac } from 'node:crypto';

/**
 * TC3-HMAC-SHA256, split into one-job functions so that each step can be checked on its own
 * (the way @smithy/signature-v4 does it). Everything is a pure function of its inputs: the
 * timestamp is an argument, never read from a clock here.
 */

export const ALGORITHM = 'TC3-HMAC-SHA256';

export type SignedHeaderSet = 'content-type;host' | 'content-type;host;x-tc-action';

export interface SignInput {
  secretId: string;
  secretKey: string;
  /** Signing service; TAT is always `tat`, whatever host the request goes to. */
  service: string;
  /** Host as it goes into the canonical `host` line (the official SDK uses the hostname only). */
  host: string;
  contentType: string;
  /**
   * The exact bytes that are sent. Hash these, never a re-serialisation. Or their SHA-256 in hex,
   * when it is already known (a server that hashed the body as it arrived).
   */
  body: string | Uint8Array | { sha256Hex: string };
  /** Unix seconds. */
  timestamp: number;
  action?: string;
  signedHeaders?: SignedHeaderSet;
}

export interface Signature {
  authorization: string;
  signature: string;
  credentialScope: string;
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: SignedHeaderSet;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The scope date is the UTC calendar date of the timestamp (not Beijing time). */
export function scopeDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function credentialScope(timestamp: number, service: string): string {
  return `${scopeDate(timestamp)}/${service}/tc3_request`;
}

export function canonicalHeaders(
  set: SignedHeaderSet,
  contentType: string,
  host: string,
  action: string | undefined,
): string {
  let headers = `content-type:${contentType}\nhost:${host}\n`;
  if (set === 'content-type;host;x-tc-action') {
    if (action === undefined) throw new Error('signing x-tc-action needs the action name');
    headers += `x-tc-action:${action.toLowerCase()}\n`;
  }
  return headers;
}

export function canonicalRequest(
  set: SignedHeaderSet,
  contentType: string,
  host: string,
  action: string | undefined,
  body: SignInput['body'],
): string {
  const hash = typeof body === 'object' && 'sha256Hex' in body ? body.sha256Hex : sha256Hex(body);
  return ['POST', '/', '', canonicalHeaders(set, contentType, host, action), set, hash].join('\n');
}

export function stringToSign(timestamp: number, scope: string, canonical: string): string {
  return [ALGORITHM, String(timestamp), scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secretKey: string, date: string, service: string): Buffer {
  const kDate = hmac(`TC3${secretKey}`, date);
  const kService = hmac(kDate, service);
  return hmac(kService, 'tc3_request');
}

export function sign(input: SignInput): Signature {
  const set = input.signedHeaders ?? 'content-type;host';
  const scope = credentialScope(input.timestamp, input.service);
  const canonical = canonicalRequest(set, input.contentType, input.host, input.action, input.body);
  const toSign = stringToSign(input.timestamp, scope, canonical);
  const key = signingKey(input.secretKey, scopeDate(input.timestamp), input.service);
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return {
    authorization: `${ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${set}, Signature=${signature}`,
    signature,
    credentialScope: scope,
    canonicalRequest: canonical,
    stringToSign: toSign,
    signedHeaders: set,
  };
}

export interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string;
  signature: string;
}

/** Parses an `Authorization` value; returns undefined when it is not a TC3 header. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      value.trim(),
    );
  if (!match) return undefined;
  // The pattern has five groups and matched as a whole, so each group holds a string.
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { secretId, date, service, signedHeaders, signature };
}
