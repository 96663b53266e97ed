import { chmod, mkdir, readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { isKey, type Key } from './keys.js';
import { displayPath, type ConfigPaths } from './paths.js';

/**
 * The tat profiles: `{ "profiles": { "<name>": { "<key>": "<value>" } } }` in
 * `<configDir>/config.json`.
 *
 * Reading parses the file directly (no conf), so every command's start-up stays light; writing
 * goes through conf, which writes atomically (temporary file + rename, via `atomically`) with
 * mode 0600, into a folder this module keeps at 0700. A file that cannot be parsed is reported
 * with its path and never replaced: writes read it first, and fail the same way.
 */
export type Profile = Partial<Record<Key, string>>;

export interface StoreData {
  profiles: Record<string, Profile>;
}

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export async function readStore(paths: ConfigPaths): Promise<StoreData> {
  let text: string;
  try {
    text = await readFile(paths.configFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new UsageError(`cannot read ${displayPath(paths.configFile, paths.homeDir)}: ${(error as Error).message}`, 'Check the file\'s permissions (it should be yours, mode 600).');
  }
  return parseStore(text, paths);
}

export function parseStore(text: string, paths: ConfigPaths): StoreData {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw corrupt(paths, `is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(data)) throw corrupt(paths, 'does not hold a JSON object');
  const profiles = data.profiles ?? {};
  if (!isObject(profiles)) throw corrupt(paths, '"profiles" is not an object');
  const out: StoreData = { profiles: {} };
  for (const [name, profile] of Object.entries(profiles)) {
    if (!isObject(profile)) throw corrupt(paths, `profile "${name}" is not an object`);
    const clean: Profile = {};
    for (const [key, value] of Object.entries(profile)) {
      if (!isKey(key)) throw corrupt(paths, `profile "${name}" has an unknown key "${key}"`);
      if (typeof value !== 'string') throw corrupt(paths, `profile "${name}": "${key}" is not a string`);
      clean[key] = value;
    }
    out.profiles[name] = clean;
  }
  return out;
}

/**
 * Reads the store, lets `change` edit it, and writes it back through conf. Refuses (like
 * `readStore`) when the file is corrupt, so a broken file is never silently replaced.
 */
export async function updateStore(paths: ConfigPaths, change: (data: StoreData) => void): Promise<StoreData> {
  const data = await readStore(paths);
  change(data);
  await mkdir(paths.configDir, { recursive: true, mode: DIR_MODE });
  // The folder holds secrets: tighten it even when it already existed.
  await chmod(paths.configDir, DIR_MODE);
  const { default: Conf } = await import('conf');
  const conf = new Conf<{ profiles: Record<string, Profile> }>({
    cwd: paths.configDir,
    configName: 'config',
    projectSuffix: '',
    configFileMode: FILE_MODE,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
  });
  conf.store = { profiles: data.profiles };
  // conf only applies the mode when it creates the temporary file; make sure of it.
  await chmod(conf.path, FILE_MODE);
  return data;
}

function corrupt(paths: ConfigPaths, what: string): UsageError {
  const shown = displayPath(paths.configFile, paths.homeDir);
  return new UsageError(
    `the tat configuration file ${shown} ${what}`,
    `Fix it by hand, or move it away (mv ${shown} ${shown}.broken) and run \`tat configure\` again. It was left untouched.`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
