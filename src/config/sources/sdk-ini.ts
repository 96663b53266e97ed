import { readFile } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { parseIni, type Ini } from '../ini.js';
import { displayPath, type ConfigPaths } from '../paths.js';
import type { Credentials } from '../../api/credentials.js';
import { fromParts } from './parts.js';

/** One of the official SDKs' INI files, parsed; undefined when it does not exist. */
export async function readSdkFile(path: string, homeDir: string): Promise<Ini | undefined> {
  try {
    return parseIni(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UsageError(`cannot read ${displayPath(path, homeDir)}: ${(error as Error).message}`, 'Check the file\'s permissions.');
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
    const section = (await readSdkFile(path, paths.homeDir))?.get(profile);
    if (!section) continue;
    const found = fromParts(
      { id: section.get('secret_id'), key: section.get('secret_key'), token: section.get('token'), names: { id: 'secret_id', key: 'secret_key', token: 'token' } },
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
    const ini = await readSdkFile(path, paths.homeDir);
    if (ini) out.push({ path, names: [...ini.keys()].filter((name) => name !== '') });
  }
  return out;
}
