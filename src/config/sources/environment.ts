import type { Env } from '../../deps.js';
import type { Credentials } from '../../api/credentials.js';
import { fromParts } from './parts.js';

export const ENVIRONMENT = 'environment';

/**
 * `TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY`, with `TENCENTCLOUD_SESSION_TOKEN` (the
 * SDKs) or `TENCENTCLOUD_TOKEN` (tccli). A token alone is not a credential and is ignored.
 */
export function fromEnvironment(env: Env): Credentials | undefined {
  const token = env.TENCENTCLOUD_SESSION_TOKEN?.trim() || env.TENCENTCLOUD_TOKEN?.trim() || undefined;
  const id = env.TENCENTCLOUD_SECRET_ID;
  const key = env.TENCENTCLOUD_SECRET_KEY;
  if (!id?.trim() && !key?.trim()) return undefined;
  return fromParts(
    {
      id,
      key,
      token,
      names: { id: 'TENCENTCLOUD_SECRET_ID', key: 'TENCENTCLOUD_SECRET_KEY', token: 'TENCENTCLOUD_SESSION_TOKEN' },
    },
    ENVIRONMENT,
  );
}
