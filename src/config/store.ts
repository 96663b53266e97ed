import { constants } from 'node:fs';
import { chmod, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Deps } from '../deps.js';
import { codeOf, TatError, UsageError } from '../errors.js';
import { readConfigText } from './file.js';
import { describeJsonError } from './json-error.js';
import { KEYS, isKey, type Key } from './keys.js';
import { didYouMean } from '../values.js';
import { withLock, type LockDeps } from './lock.js';
import { checkOwner } from './owner.js';
import { displayPath, readOnce, unreadable, type ConfigPaths } from './paths.js';

/**
 * The tat profiles: `{ "profiles": { "<name>": { "<key>": "<value>" } } }` in
 * `<configDir>/config.json`.
 *
 * Written atomically: the new text goes to a temporary file created beside it (mode 0600,
 * exclusively), is flushed to disk, and is renamed over the old file, in a folder this module
 * keeps at 0700. A file that cannot be parsed is reported with its path and never replaced:
 * writes read it first, and fail the same way.
 *
 * Writers hold `config.json.lock` from reading to writing (lock.ts), so concurrent
 * `tat configure set` runs all keep their change; readers take no lock and, thanks to the
 * rename, see the old file or the new one, never half of one. Nothing is written into a folder
 * or file that belongs to another user, a symbolic link's target included (owner.ts).
 */
export type Profile = Partial<Record<Key, string>>;

export interface StoreData {
  profiles: Record<string, Profile>;
}

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** The profiles, read once per run; `fresh` reads the file again (writers, under the lock). */
export async function readStore(paths: ConfigPaths, options: { fresh?: boolean } = {}): Promise<StoreData> {
  let text: string;
  try {
    text = options.fresh ? await readConfigText(paths.configFile) : await readOnce(paths, paths.configFile);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return { profiles: {} };
    throw unreadable(
      displayPath(paths.configFile, paths.homeDir),
      error,
      "Check the file's permissions (it should be yours, mode 600).",
    );
  }
  return parseStore(text, paths);
}

export function parseStore(text: string, paths: ConfigPaths): StoreData {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw corrupt(paths, `is not valid JSON (${describeJsonError(error, text)})`);
  }
  if (!isObject(data)) throw corrupt(paths, 'does not hold a JSON object');
  const profiles = data.profiles ?? {};
  if (!isObject(profiles)) throw corrupt(paths, '"profiles" is not an object');
  const out: StoreData = { profiles: {} };
  for (const [name, profile] of Object.entries(profiles)) {
    if (!isObject(profile)) throw corrupt(paths, `profile "${name}" is not an object`);
    const clean: Profile = {};
    for (const [key, value] of Object.entries(profile)) {
      // A key name is quoted only when it looks like one: a pasted secret in its place is not shown.
      if (!isKey(key)) {
        const looksLikeKey = /^[A-Za-z_-]{1,32}$/.test(key);
        throw corrupt(
          paths,
          `profile "${name}" has an unknown key${looksLikeKey ? ` "${key}"` : ''}`,
          looksLikeKey ? didYouMean(key, KEYS) : '',
        );
      }
      if (typeof value !== 'string') throw corrupt(paths, `profile "${name}": "${key}" is not a string`);
      clean[key] = value;
    }
    out.profiles[name] = clean;
  }
  return out;
}

export type StoreDeps = LockDeps & Pick<Deps, 'uid'>;

/**
 * Under the lock: reads the store, lets `change` edit it, and writes it back (writeAtomically).
 * Refuses (like `readStore`) when the file is corrupt, so a broken file is never silently
 * replaced; refuses a folder or file owned by another user; file-system refusals (a read-only
 * disk, a folder that cannot be created) are exit 2 naming the path.
 */
export async function updateStore(
  paths: ConfigPaths,
  change: (data: StoreData) => void,
  deps: StoreDeps,
): Promise<StoreData> {
  const shownDir = displayPath(paths.configDir, paths.homeDir);
  try {
    await checkOwner(paths.configDir, shownDir, deps.uid);
    await mkdir(paths.configDir, { recursive: true, mode: DIR_MODE });
    // The folder holds secrets: tighten it even when it already existed.
    await chmod(paths.configDir, DIR_MODE);
    const lock = `${paths.configFile}.lock`;
    return await withLock(lock, displayPath(lock, paths.homeDir), deps, async () => {
      const target =
        (await checkOwner(paths.configFile, displayPath(paths.configFile, paths.homeDir), deps.uid)) ??
        paths.configFile;
      const data = await readStore(paths, { fresh: true });
      change(data);
      await writeAtomically(target, `${JSON.stringify({ profiles: data.profiles }, undefined, '\t')}\n`, deps.random);
      paths.reads.delete(paths.configFile);
      return data;
    });
  } catch (error) {
    if (error instanceof TatError) throw error;
    const code = codeOf(error);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST')
      throw new UsageError(
        `cannot write the tat configuration in ${shownDir} (${code})`,
        'Check that the folder and its parents are yours and writable, or point XDG_CONFIG_HOME at a folder of yours.',
      );
    throw error;
  }
}

/**
 * `text` into `path` all at once: a temporary file beside it (created exclusively, 0600, never
 * through a link), flushed, then renamed over `path`. A failure removes the temporary file.
 */
async function writeAtomically(path: string, text: string, random: () => number): Promise<void> {
  // A name no other writer picks (and O_EXCL refuses one that exists): node:crypto would cost
  // every command's start-up for it, since completion and commands share this module.
  const temporary = join(dirname(path), `.${basename(path)}.${Math.floor(random() * 2 ** 48).toString(36)}.tmp`);
  const handle = await open(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    FILE_MODE,
  );
  try {
    try {
      // The umask cannot widen the mode, but a file system may ignore it: make sure of it.
      await handle.chmod(FILE_MODE);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** `suggestion` ("Did you mean output? ") leads the hint when the fix is a likely typo. */
function corrupt(paths: ConfigPaths, what: string, suggestion = ''): UsageError {
  const shown = displayPath(paths.configFile, paths.homeDir);
  return new UsageError(
    `the tat configuration file ${shown} ${what}`,
    `${suggestion}Fix it by hand, or move it away (mv ${shown} ${shown}.broken) and run \`tat configure\` again. It was left untouched.`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
