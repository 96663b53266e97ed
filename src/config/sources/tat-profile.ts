import type { Profile } from '../store.js';
import type { Credentials } from '../../api/credentials.js';
import { displayPath, type ConfigPaths } from '../paths.js';
import { fromParts } from './parts.js';

export function tatProfileSource(paths: ConfigPaths, name: string): string {
  return `profile "${name}" (${displayPath(paths.configFile, paths.homeDir)})`;
}

/** The keys stored by `tat configure` in the named profile. */
export function fromTatProfile(
  profile: Profile | undefined,
  paths: ConfigPaths,
  name: string,
): Credentials | undefined {
  if (!profile) return undefined;
  return fromParts(
    {
      id: profile['secret-id'],
      key: profile['secret-key'],
      token: profile.token,
      names: { id: 'secret-id', key: 'secret-key', token: 'token' },
    },
    tatProfileSource(paths, name),
  );
}
