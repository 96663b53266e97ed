import { CredentialsError } from '../../errors.js';
import type { Credentials } from '../../api/credentials.js';

/** Raw values found in one source, with the names that source uses for them (for messages). */
export interface Parts {
  id?: string;
  key?: string;
  token?: string;
  names: { id: string; key: string; token: string };
}

/**
 * Nothing set → undefined (the chain moves on). Everything needed set → credentials. Anything
 * in between is an error naming the source: falling through would sign with someone else's key.
 */
export function fromParts(parts: Parts, source: string): Credentials | undefined {
  const id = clean(parts.id);
  const key = clean(parts.key);
  const token = clean(parts.token);
  if (!id && !key && !token) return undefined;
  if (!id || !key) {
    const missing = [!id && parts.names.id, !key && parts.names.key].filter(Boolean).join(' and ');
    const present = [id && parts.names.id, key && parts.names.key, token && parts.names.token].filter(Boolean).join(' and ');
    throw new CredentialsError(
      `incomplete credentials in ${source}: ${present} ${present.includes(' and ') ? 'are' : 'is'} set but ${missing} ${missing.includes(' and ') ? 'are' : 'is'} not`,
      `Set both ${parts.names.id} and ${parts.names.key} there, or remove the rest.`,
    );
  }
  return token ? { secretId: id, secretKey: key, token, source } : { secretId: id, secretKey: key, source };
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
