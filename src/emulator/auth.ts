/**
 * TC3-HMAC-SHA256 verification from what was received, in two steps: the headers as sent (before
 * the body is read), then the signature over the body's hash. Reuses the client's signer
 * (src/api/sign.ts) to recompute the expected signature.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseAuthorization, scopeDate, sign, type SignedHeaderSet } from '../api/sign.js';
import { SERVICE } from '../api/types.js';
import { MAX_SKEW_SECONDS } from './constants.js';
import { EmulatorApiError } from './errors.js';

export interface AuthConfig {
  /** SecretId → SecretKey. */
  credentials: ReadonlyMap<string, string>;
  /** Session tokens accepted in X-TC-Token. */
  tokens: ReadonlySet<string>;
}

const SETS: readonly string[] = ['content-type;host', 'content-type;host;x-tc-action'];
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Host lines a client may have signed: the Host header as received (the Python SDK and tccli sign
 * exactly what they send, `127.0.0.1:9000`, or with tccli's `--endpoint http://…` even
 * `http://127.0.0.1:9000`), and that without its port (the Node SDK signs the hostname alone).
 */
export function hostCandidates(host: string): string[] {
  const bare = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return bare === host ? [host] : [host, bare];
}

/** Parses X-TC-Timestamp (unix seconds); throws MissingParameter / InvalidParameter. */
export function requestTimestamp(headers: IncomingHttpHeaders): number {
  const raw = header(headers, 'x-tc-timestamp');
  if (raw === undefined || raw === '')
    throw new EmulatorApiError('MissingParameter', 'The request is missing a required parameter `X-TC-Timestamp`.');
  if (!/^\d{1,12}$/.test(raw))
    throw new EmulatorApiError('InvalidParameter', `X-TC-Timestamp must be unix seconds, got \`${raw}\`.`);
  return Number(raw);
}

const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** What the headers say about the signature, checked before a byte of the body is read. */
export interface PendingSignature {
  secretId: string;
  secretKey: string;
  timestamp: number;
  signedHeaders: SignedHeaderSet;
  signature: string;
  /** X-TC-Content-SHA256: UNSIGNED-PAYLOAD: the signature covers that string, not the body. */
  unsignedPayload: boolean;
}

/**
 * The checks the headers allow on their own (timestamp, Authorization shape, clock skew, SecretId,
 * scope): a request that fails them is answered without reading its body, so a client without
 * the keys cannot make the server hold what it uploads.
 */
export function checkAuthorization(headers: IncomingHttpHeaders, config: AuthConfig, nowSec: number): PendingSignature {
  const timestamp = requestTimestamp(headers);
  const authorization = header(headers, 'authorization');
  if (authorization === undefined || authorization === '') {
    throw new EmulatorApiError('AuthFailure.InvalidAuthorization', 'The Authorization header is missing.');
  }
  const parsed = parseAuthorization(authorization);
  if (!parsed || !SETS.includes(parsed.signedHeaders)) {
    throw new EmulatorApiError(
      'AuthFailure.InvalidAuthorization',
      'Authorization header is not valid: expected `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/tat/tc3_request, SignedHeaders=content-type;host, Signature=<hex>`.',
    );
  }
  if (Math.abs(nowSec - timestamp) > MAX_SKEW_SECONDS) {
    throw new EmulatorApiError(
      'AuthFailure.SignatureExpire',
      `Signature expired: the request timestamp ${timestamp} differs from the server time ${nowSec} by more than ${MAX_SKEW_SECONDS} seconds; check the local clock.`,
    );
  }
  const secretKey = config.credentials.get(parsed.secretId);
  if (secretKey === undefined)
    throw new EmulatorApiError(
      'AuthFailure.SecretIdNotFound',
      'The SecretId is not found, please ensure that your SecretId is correct.',
    );
  if (parsed.service !== SERVICE) {
    throw new EmulatorApiError(
      'AuthFailure.SignatureFailure',
      `The credential scope names service \`${parsed.service}\`; TAT requests are signed for service \`tat\`.`,
    );
  }
  if (parsed.date !== scopeDate(timestamp)) {
    throw new EmulatorApiError(
      'AuthFailure.SignatureFailure',
      `The credential scope date ${parsed.date} is not the UTC date of X-TC-Timestamp (${scopeDate(timestamp)}).`,
    );
  }
  return {
    secretId: parsed.secretId,
    secretKey,
    timestamp,
    // One of SETS, checked above.
    signedHeaders: parsed.signedHeaders as SignedHeaderSet,
    signature: parsed.signature,
    // The SDKs' unsignedPayload option (Python, Go, Java): the canonical request then hashes the
    // string "UNSIGNED-PAYLOAD" instead of the body, and the header says so.
    unsignedPayload: header(headers, 'x-tc-content-sha256') === UNSIGNED_PAYLOAD,
  };
}

/**
 * The signature over the body whose SHA-256 is `bodySha256Hex` (ignored for an unsigned payload),
 * then the session token. Throws the API's AuthFailure codes.
 */
export function checkSignature(
  pending: PendingSignature,
  headers: IncomingHttpHeaders,
  config: AuthConfig,
  bodySha256Hex: string,
): void {
  const contentType = header(headers, 'content-type') ?? '';
  const action = header(headers, 'x-tc-action');
  const body = pending.unsignedPayload ? UNSIGNED_PAYLOAD : { sha256Hex: bodySha256Hex };
  const ok = hostCandidates(header(headers, 'host') ?? '').some((host) => {
    const expected = sign({
      secretId: pending.secretId,
      secretKey: pending.secretKey,
      service: SERVICE,
      host,
      contentType,
      body,
      timestamp: pending.timestamp,
      action,
      // The set the client claims is signed as claimed: an odd set still needs the secret key to match.
      signedHeaders: pending.signedHeaders,
    });
    return same(expected.signature, pending.signature);
  });
  if (!ok) {
    throw new EmulatorApiError(
      'AuthFailure.SignatureFailure',
      'The provided credentials could not be validated. Please check your signature is correct.',
    );
  }
  const token = header(headers, 'x-tc-token');
  if (token !== undefined && token !== '' && !config.tokens.has(token)) {
    throw new EmulatorApiError('AuthFailure.TokenFailure', 'The X-TC-Token is not valid or has expired.');
  }
}
