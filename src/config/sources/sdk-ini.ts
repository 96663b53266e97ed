import { parseIni, type Ini } from '../ini.js';
import { displayPath, isAbsent, readOnce, unreadable, whyUnreadable, type ConfigPaths } from '../paths.js';
import type { Credentials } from '../../api/credentials.js';
import { fromParts } from './parts.js';

/**
 * One of the official SDKs' INI files, parsed; undefined when it does not exist. One that cannot
 * be read (permissions, a folder at its path) fails when it is consulted for credentials
 * (`strict`: skipping it could sign with another file's keys); when it is only looked at in
 * passing (profile names), it is a --debug note.
 */
export async function readSdkFile(
  path: string,
  paths: ConfigPaths,
  mode: 'strict' | 'lenient',
): Promise<Ini | undefined> {
  try {
    return parseIni(await readOnce(paths, path));
  } catch (error) {
    if (isAbsent(error)) return undefined;
    const shown = displayPath(path, paths.homeDir);
    if (mode === 'lenient') {
      paths.note(`config: skipped ${shown}: ${whyUnreadable(error)}`);
      return undefined;
    }
    throw unreadable(shown, error, "Check the file's permissions, or remove it if it is not yours to use.");
  }
}

export function sdkSource(path: string, homeDir: string, profile: string): string {
  return `${displayPath(path, homeDir)} [${profile}]`;
}

/**
 * `~/.tencentcloud/credentials`, then `/etc/tencentcloud/credentials`: the first file whose
 * `[<profile>]` section holds any of `secret_id`, `secret_key`, `token` answers.
 */
export async function fromSdkFiles(paths: ConfigPaths, profile: string): Promise<Credentials | undefined> {
  for (const path of paths.sdkCredentialFiles) {
    const section = (await readSdkFile(path, paths, 'strict'))?.get(profile);
    if (!section) continue;
    const found = fromParts(
      {
        id: section.get('secret_id'),
        key: section.get('secret_key'),
        token: section.get('token'),
        names: { id: 'secret_id', key: 'secret_key', token: 'token' },
      },
      sdkSource(path, paths.homeDir, profile),
    );
    if (found) return found;
  }
  return undefined;
}

/** Section names per SDK file, for profile listings. */
export async function sdkProfiles(paths: ConfigPaths): Promise<{ path: string; names: string[] }[]> {
  const out: { path: string; names: string[] }[] = [];
  for (const path of paths.sdkCredentialFiles) {
    const ini = await readSdkFile(path, paths, 'lenient');
    if (ini) out.push({ path, names: [...ini.keys()].filter((name) => name !== '') });
  }
  return out;
}
