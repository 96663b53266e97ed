/**
 * API 3.0 common parameters, in the order the checks run: action, version, region, signature,
 * rate limit, body. Returns the action's data or throws EmulatorApiError.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { API_VERSION } from '../api/types.js';
import { type AuthConfig, header, verifyRequest } from './auth.js';
import { TAT_REGIONS } from './constants.js';
import type { DataStore } from './data/store.js';
import { documentedCode } from './error-codes.js';
import { EmulatorApiError } from './errors.js';
import { parseBody } from './params.js';
import { ACTIONS } from './query.js';
import type { SecretIdRateLimiter } from './rate-limit.js';

export interface ProtocolContext {
  auth: AuthConfig;
  store: DataStore;
  limiter: SecretIdRateLimiter;
  strictFilters: boolean;
  nowMs: number;
  /** New invocations created in the region before each answer (--arrival-rate). */
  arrivalsPerRequest?: number;
}

const missing = (name: string): EmulatorApiError => new EmulatorApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);

export function handleApiRequest(headers: IncomingHttpHeaders, body: Buffer, ctx: ProtocolContext): Record<string, unknown> {
  const action = header(headers, 'x-tc-action');
  if (action === undefined || action === '') throw missing('X-TC-Action');
  try {
    return serve(action, headers, body, ctx);
  } catch (error) {
    throw asDocumented(action, error);
  }
}

/** An error whose code `action` does not document answers its nearest documented code instead (error-codes.ts), with the same message. */
function asDocumented(action: string, error: unknown): unknown {
  if (!(error instanceof EmulatorApiError)) return error;
  const code = documentedCode(action, error.code);
  return code === error.code ? error : new EmulatorApiError(code, error.message);
}

function serve(action: string, headers: IncomingHttpHeaders, body: Buffer, ctx: ProtocolContext): Record<string, unknown> {
  const version = header(headers, 'x-tc-version');
  if (version === undefined || version === '') throw missing('X-TC-Version');
  if (version !== API_VERSION) {
    throw new EmulatorApiError('NoSuchVersion', `The requested version \`${version}\` of service \`tat\` does not exist; use ${API_VERSION}.`);
  }
  const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!handler) throw new EmulatorApiError('InvalidAction', `The requested action \`${action}\` does not exist (this emulator serves ${Object.keys(ACTIONS).join(', ')}).`);
  const region = header(headers, 'x-tc-region');
  if (region === undefined || region === '') throw missing('X-TC-Region');
  if (!TAT_REGIONS.includes(region)) throw new EmulatorApiError('UnsupportedRegion', `The action \`${action}\` is not supported in region \`${region}\`.`);

  const secretId = verifyRequest(headers, body, ctx.auth, Math.floor(ctx.nowMs / 1000));
  // TAT's request limit is counted per account and per region: a client querying several
  // regions at once gets each region's full rate.
  if (!ctx.limiter.take(`${secretId} ${region}`, ctx.nowMs)) {
    throw new EmulatorApiError('RequestLimitExceeded', 'Your current request times equals to `limit` in a second, please retry later.');
  }
  const contentType = (header(headers, 'content-type') ?? '').toLowerCase();
  if (!contentType.startsWith('application/json')) {
    throw new EmulatorApiError('InvalidParameter', `Content-Type \`${contentType}\` is not supported here: send application/json.`);
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
  });
}
