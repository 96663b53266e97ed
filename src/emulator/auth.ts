/**
 * TC3-HMAC-SHA256 verification from what was received: the headers as sent and the raw body
 * bytes. Reuses the client's signer (src/api/sign.ts) to recompute the expected signature.
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
  if (raw === undefined || raw === '') throw new EmulatorApiError('MissingParameter', 'The request is missing a required parameter `X-TC-Timestamp`.');
  if (!/^\d{1,12}$/.test(raw)) throw new EmulatorApiError('InvalidParameter', `X-TC-Timestamp must be unix seconds, got \`${raw}\`.`);
  return Number(raw);
}

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Verifies the request; returns the caller's SecretId or throws the API's AuthFailure codes. */
export function verifyRequest(headers: IncomingHttpHeaders, body: Buffer, config: AuthConfig, nowSec: number): string {
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
  if (secretKey === undefined) throw new EmulatorApiError('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
  if (parsed.service !== SERVICE) {
    throw new EmulatorApiError('AuthFailure.SignatureFailure', `The credential scope names service \`${parsed.service}\`; TAT requests are signed for service \`tat\`.`);
  }
  if (parsed.date !== scopeDate(timestamp)) {
    throw new EmulatorApiError('AuthFailure.SignatureFailure', `The credential scope date ${parsed.date} is not the UTC date of X-TC-Timestamp (${scopeDate(timestamp)}).`);
  }
  const contentType = header(headers, 'content-type') ?? '';
  const action = header(headers, 'x-tc-action');
  // The SDKs' unsignedPayload option (Python, Go, Java): the canonical request then hashes the
  // string "UNSIGNED-PAYLOAD" instead of the body, and the header says so.
  const signedBody = header(headers, 'x-tc-content-sha256') === UNSIGNED_PAYLOAD ? UNSIGNED_PAYLOAD : body;
  const ok = hostCandidates(header(headers, 'host') ?? '').some((host) => {
    const expected = sign({
      secretId: parsed.secretId,
      secretKey,
      service: SERVICE,
      host,
      contentType,
      body: signedBody,
      timestamp,
      action,
      // The set the client claims is signed as claimed: an odd set still needs the secret key to match.
      signedHeaders: parsed.signedHeaders as SignedHeaderSet,
    });
    return same(expected.signature, parsed.signature);
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
  return parsed.secretId;
}
