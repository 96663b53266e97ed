import type { Deps } from '../deps.js';
import { CredentialsError, UsageError } from '../errors.js';
import { DEFAULT_ENDPOINT } from '../api/endpoint.js';
import { parseDuration } from '../cli/parse.js';
import type { CredentialProvider, GlobalFlags, Settings } from './types.js';

/** Settings precedence: flag → environment → default. */
export async function resolveSettings(flags: GlobalFlags, deps: Pick<Deps, 'env'>): Promise<Settings> {
  const env = deps.env;
  return {
    profile: flags.profile ?? env.TAT_PROFILE ?? 'default',
    region: flags.region ?? nonEmpty(env.TENCENTCLOUD_REGION),
    endpoint: flags.endpoint ?? nonEmpty(env.TAT_ENDPOINT) ?? DEFAULT_ENDPOINT,
    output: flags.output ?? nonEmpty(env.TAT_OUTPUT),
    language: nonEmpty(env.TAT_LANGUAGE),
    timeoutMs: parseDuration(flags.timeout ?? env.TAT_TIMEOUT ?? '30s', flags.timeout ? '--timeout' : 'TAT_TIMEOUT'),
  };
}

/** Credentials from the environment, the way the official SDKs read them. */
export function credentialProvider(_flags: GlobalFlags, _settings: Settings, deps: Pick<Deps, 'env'>): CredentialProvider {
  return async () => {
    const env = deps.env;
    const secretId = nonEmpty(env.TENCENTCLOUD_SECRET_ID);
    const secretKey = nonEmpty(env.TENCENTCLOUD_SECRET_KEY);
    if (!secretId && !secretKey)
      throw new CredentialsError(
        'no credentials found',
        'Set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (keys from the CAM console, API keys page).',
      );
    if (!secretId || !secretKey)
      throw new CredentialsError(
        `environment: ${secretId ? 'TENCENTCLOUD_SECRET_KEY' : 'TENCENTCLOUD_SECRET_ID'} is not set, but ${secretId ? 'TENCENTCLOUD_SECRET_ID' : 'TENCENTCLOUD_SECRET_KEY'} is`,
        'Set both, or neither.',
      );
    const token = nonEmpty(env.TENCENTCLOUD_SESSION_TOKEN) ?? nonEmpty(env.TENCENTCLOUD_TOKEN);
    return { secretId, secretKey, token, source: 'environment' };
  };
}

export function requireRegion(settings: Settings): string {
  if (!settings.region)
    throw new UsageError('no region set', 'Pass --region (e.g. --region ap-guangzhou) or set TENCENTCLOUD_REGION.');
  return settings.region;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
