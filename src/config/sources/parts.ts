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
  for (const [value, name] of [
    [id, parts.names.id],
    [key, parts.names.key],
    [token, parts.names.token],
  ] as const)
    if (value !== undefined && !PRINTABLE.test(value))
      // Such a value cannot go into an HTTP header; left in, the request fails with an error that
      // may quote the whole signed header. Named, never quoted.
      throw new CredentialsError(
        `${name} in ${source} contains a character that is not printable ASCII (a control character, a space, or non-ASCII)`,
        `Copy the value again from the CAM console (API keys page) and set ${name} anew.`,
      );
  if (!id || !key) {
    const missing = [!id && parts.names.id, !key && parts.names.key].filter(Boolean).join(' and ');
    const present = [id && parts.names.id, key && parts.names.key, token && parts.names.token]
      .filter(Boolean)
      .join(' and ');
    throw new CredentialsError(
      `incomplete credentials in ${source}: ${present} ${present.includes(' and ') ? 'are' : 'is'} set but ${missing} ${missing.includes(' and ') ? 'are' : 'is'} not`,
      `Set both ${parts.names.id} and ${parts.names.key} there, or remove the rest.`,
    );
  }
  return token ? { secretId: id, secretKey: key, token, source } : { secretId: id, secretKey: key, source };
}

/** Keys, ids and tokens are printable ASCII without spaces. */
const PRINTABLE = /^[\x21-\x7e]+$/;

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
