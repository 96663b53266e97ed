/**
 * API 3.0 common parameters, in the order the checks run: action, version, region, timestamp,
 * Authorization, SecretId (all from the headers, before the body is read: admitRequest), then
 * the signature over the body, rate limit, body (handleApiRequest). Returns the action's data or
 * throws EmulatorApiError, with a code the action documents.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { API_VERSION } from '../api/types.js';
import { type AuthConfig, checkAuthorization, checkSignature, header, type PendingSignature } from './auth.js';
import { TAT_REGIONS } from './constants.js';
import type { DataStore } from './data/store.js';
import { documentedCode } from './error-codes.js';
import { EmulatorApiError } from './errors.js';
import { parseBody } from './params.js';
import { ACTIONS } from './query.js';
import { rateKey, type SecretIdRateLimiter } from './rate-limit.js';
import type { WriteSettings } from './write/create.js';

export interface ProtocolContext {
  auth: AuthConfig;
  store: DataStore;
  limiter: SecretIdRateLimiter;
  strictFilters: boolean;
  nowMs: number;
  /** New invocations created in the region before each answer (--arrival-rate). */
  arrivalsPerRequest?: number;
  /** How the tasks of RunCommand and InvokeCommand happen. */
  writes: WriteSettings;
}

/** A request whose headers passed every check they allow: only then is its body read. */
export interface Admitted {
  action: string;
  region: string;
  signature: PendingSignature;
  /** The signature and token were checked already: with UNSIGNED-PAYLOAD they do not need the body. */
  verified: boolean;
}

const missing = (name: string): EmulatorApiError =>
  new EmulatorApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);

/** The checks the headers allow on their own; throws the first that fails. */
export function admitRequest(headers: IncomingHttpHeaders, ctx: Pick<ProtocolContext, 'auth' | 'nowMs'>): Admitted {
  const action = header(headers, 'x-tc-action');
  if (action === undefined || action === '') throw missing('X-TC-Action');
  return documented(action, () => {
    const version = header(headers, 'x-tc-version');
    if (version === undefined || version === '') throw missing('X-TC-Version');
    if (version !== API_VERSION) {
      throw new EmulatorApiError(
        'NoSuchVersion',
        `The requested version \`${version}\` of service \`tat\` does not exist; use ${API_VERSION}.`,
      );
    }
    if (!Object.hasOwn(ACTIONS, action))
      throw new EmulatorApiError(
        'InvalidAction',
        `The requested action \`${action}\` does not exist (this emulator serves ${Object.keys(ACTIONS).join(', ')}).`,
      );
    const region = header(headers, 'x-tc-region');
    if (region === undefined || region === '') throw missing('X-TC-Region');
    if (!TAT_REGIONS.includes(region))
      throw new EmulatorApiError(
        'UnsupportedRegion',
        `The action \`${action}\` is not supported in region \`${region}\`.`,
      );
    const signature = checkAuthorization(headers, ctx.auth, Math.floor(ctx.nowMs / 1000));
    if (signature.unsignedPayload) checkSignature(signature, headers, ctx.auth, '');
    return { action, region, signature, verified: signature.unsignedPayload };
  });
}

/** The rest, once the body (and its SHA-256) arrived: signature, token, rate limit, body, the action. */
export function handleApiRequest(
  admitted: Admitted,
  headers: IncomingHttpHeaders,
  body: Buffer,
  bodySha256Hex: string,
  ctx: ProtocolContext,
): Record<string, unknown> {
  return documented(admitted.action, () => serve(admitted, headers, body, bodySha256Hex, ctx));
}

/** Runs `step`; an error whose code `action` does not document answers its nearest documented code instead (error-codes.ts), with the same message. */
function documented<T>(action: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof EmulatorApiError)) throw error;
    const code = documentedCode(action, error.code);
    throw code === error.code ? error : new EmulatorApiError(code, error.message);
  }
}

function serve(
  { action, region, signature, verified }: Admitted,
  headers: IncomingHttpHeaders,
  body: Buffer,
  bodySha256Hex: string,
  ctx: ProtocolContext,
): Record<string, unknown> {
  // Checked in admitRequest: the action is one of ACTIONS.
  const handler = ACTIONS[action]!;
  if (!verified) checkSignature(signature, headers, ctx.auth, bodySha256Hex);
  const { secretId } = signature;
  if (!ctx.limiter.take(rateKey(secretId, region, action), ctx.nowMs)) {
    throw new EmulatorApiError(
      'RequestLimitExceeded',
      'Your current request times equals to `limit` in a second, please retry later.',
    );
  }
  const contentType = (header(headers, 'content-type') ?? '').toLowerCase();
  if (!contentType.startsWith('application/json')) {
    throw new EmulatorApiError(
      'InvalidParameter',
      `Content-Type \`${contentType}\` is not supported here: send application/json.`,
    );
  }
  const params = parseBody(body);
  if (ctx.arrivalsPerRequest) ctx.store.arrive(region, ctx.arrivalsPerRequest, ctx.nowMs);
  const { store } = ctx;
  return handler(params, {
    get records() {
      return store.forRegion(region);
    },
    region,
    store,
    nowMs: ctx.nowMs,
    strictFilters: ctx.strictFilters,
    writes: ctx.writes,
  });
}
