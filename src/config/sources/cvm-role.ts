import type { Deps, FetchResponse } from '../../deps.js';
import { CredentialsError, messageOf } from '../../errors.js';
import type { CredentialProvider, Credentials } from '../../api/credentials.js';
import type { DebugLog } from '../types.js';

export const METADATA_URL = 'http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/';
/** The metadata service answers in milliseconds on a CVM; off one, do not hang. */
export const METADATA_TIMEOUT_MS = 1000;
/** Temporary credentials are replaced this long before they expire (or at half their life if shorter). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface CvmRoleOptions {
  timeoutMs?: number;
  debug?: DebugLog;
}

interface Held {
  credentials: Credentials;
  refreshAt: number;
}

/**
 * Temporary credentials of the CAM role bound to this CVM instance, from the metadata service:
 * the role name from `.../security-credentials/`, then `{TmpSecretId, TmpSecretKey, Token,
 * ExpiredTime}` from `.../security-credentials/<role>`. Cached, refreshed before they expire;
 * concurrent callers share one refresh; a failed refresh keeps using unexpired credentials.
 */
export function cvmRoleProvider(
  deps: Pick<Deps, 'fetch' | 'now' | 'signal'>,
  options: CvmRoleOptions = {},
): CredentialProvider {
  const timeoutMs = options.timeoutMs ?? METADATA_TIMEOUT_MS;
  let role: string | undefined;
  let held: Held | undefined;
  let pending: Promise<Held> | undefined;

  async function get(url: string, what: string): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
    const onAbort = (): void => controller.abort(deps.signal.reason);
    deps.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await deps.fetch(new URL(url), { method: 'GET', signal: controller.signal });
      const body = await readText(response.body);
      if (response.status === 404)
        throw new CredentialsError(
          `cvm-role: the metadata service has no ${what}`,
          'Bind a CAM role to this instance (CVM console → instance → Bind/Modify CAM role), or use other credentials.',
        );
      if (response.status < 200 || response.status > 299)
        throw new CredentialsError(
          `cvm-role: the metadata service answered ${response.status} for the ${what}`,
          'Try again; if it persists, use other credentials.',
        );
      return body;
    } catch (error) {
      if (error instanceof CredentialsError) throw error;
      if (deps.signal.aborted) throw deps.signal.reason;
      const timedOut = controller.signal.aborted;
      throw new CredentialsError(
        `cvm-role: the metadata service (metadata.tencentyun.com) ${timedOut ? `did not answer within ${timeoutMs} ms` : `could not be reached (${messageOf(error)})`}`,
        'The CVM role only works on a CVM instance. Elsewhere, drop --use-cvm-role / credential-source cvm-role and run `tat configure`.',
      );
    } finally {
      clearTimeout(timer);
      deps.signal.removeEventListener('abort', onAbort);
    }
  }

  async function fetchRole(): Promise<string> {
    const name = (await get(METADATA_URL, 'CAM role for this instance'))
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find(Boolean);
    if (!name)
      throw new CredentialsError(
        'cvm-role: no CAM role is bound to this instance',
        'Bind a CAM role to the instance in the CVM console, or use other credentials.',
      );
    return name;
  }

  async function refresh(): Promise<Held> {
    role ??= await fetchRole();
    const body = await get(METADATA_URL + encodeURIComponent(role), `credentials of role ${role}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new CredentialsError(
        `cvm-role: the metadata service sent credentials for role ${role} that are not JSON`,
        'Try again shortly.',
      );
    }
    // A JSON object's keys hold unknown values; null or a number has none (the checks below name what is missing).
    const data = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    const id = data.TmpSecretId;
    const key = data.TmpSecretKey;
    const token = data.Token;
    if (
      (data.Code !== undefined && data.Code !== 'Success') ||
      typeof id !== 'string' ||
      typeof key !== 'string' ||
      !id ||
      !key
    )
      throw new CredentialsError(
        `cvm-role: the metadata service did not give credentials for role ${role} (Code ${String(data.Code)})`,
        'Check the role in the CAM console; try again shortly.',
      );
    const fetchedAt = deps.now();
    const expiresAt =
      typeof data.ExpiredTime === 'number'
        ? data.ExpiredTime * 1000
        : typeof data.Expiration === 'string'
          ? Date.parse(data.Expiration)
          : NaN;
    const credentials: Credentials = { secretId: id, secretKey: key, source: `cvm-role (role ${role})` };
    if (typeof token === 'string' && token) credentials.token = token;
    if (Number.isFinite(expiresAt)) credentials.expiresAt = expiresAt;
    const refreshAt = Number.isFinite(expiresAt)
      ? expiresAt - Math.min(REFRESH_MARGIN_MS, Math.max(0, (expiresAt - fetchedAt) / 2))
      : Infinity;
    options.debug?.(
      `credentials: ${credentials.source}, expire ${Number.isFinite(expiresAt) ? new Date(expiresAt).toISOString() : 'never'}`,
    );
    return { credentials, refreshAt };
  }

  return async () => {
    const now = deps.now();
    if (held && now < held.refreshAt) return held.credentials;
    pending ??= refresh().finally(() => {
      pending = undefined;
    });
    try {
      held = await pending;
      return held.credentials;
    } catch (error) {
      const expiresAt = held?.credentials.expiresAt;
      if (held && expiresAt !== undefined && deps.now() < expiresAt) {
        options.debug?.('credentials: cvm-role refresh failed; using the current credentials until they expire');
        return held.credentials;
      }
      throw error;
    }
  };
}

/** The metadata answers are a few hundred bytes; anything far larger is not the metadata service. */
const MAX_METADATA_BYTES = 64 * 1024;

async function readText(body: FetchResponse['body']): Promise<string> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_METADATA_BYTES) throw new Error(`an answer larger than ${MAX_METADATA_BYTES / 1024} KiB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
