import type { Env } from '../deps.js';
import { UsageError } from '../errors.js';
import { isProfileName, validateProfileName } from './keys.js';
import { join } from 'node:path';
import { displayPath, type ConfigPaths } from './paths.js';
import { sdkProfiles } from './sources/sdk-ini.js';
import { tccliProfiles } from './sources/tccli.js';
import type { StoreData } from './store.js';
import type { ConfigFlags } from './types.js';

export const DEFAULT_PROFILE = 'default';

export interface ProfileSelection {
  name: string;
  /** Named by --profile or TAT_PROFILE (rather than the default). */
  explicit: boolean;
  /** `--profile`, `TAT_PROFILE` or `default`. */
  origin: string;
}

export function selectProfile(flags: Pick<ConfigFlags, 'profile'>, env: Env): ProfileSelection {
  if (flags.profile !== undefined)
    return { name: validateProfileName(flags.profile.trim(), '--profile'), explicit: true, origin: '--profile' };
  const fromEnv = env.TAT_PROFILE?.trim();
  if (fromEnv) return { name: validateProfileName(fromEnv, 'TAT_PROFILE'), explicit: true, origin: 'TAT_PROFILE' };
  return { name: DEFAULT_PROFILE, explicit: false, origin: 'default' };
}

/**
 * Every profile name found anywhere, with the files that define it, sorted by code point (names
 * are ASCII; localeCompare would start ICU, a cost every completion key press would pay). A name
 * that cannot be a profile's (a section `[$(touch x)]`, a file `~/.tccli/a b.credential`) is left
 * out with a --debug note: it could not be selected, and listed it would reach shell completion.
 */
export async function knownProfiles(paths: ConfigPaths, store: StoreData): Promise<Map<string, string[]>> {
  const known = new Map<string, string[]>();
  const add = (name: string, where: string): void => {
    if (!isProfileName(name)) {
      paths.note(`config: ignored ${JSON.stringify(name.slice(0, 80))} in ${where}: not a valid profile name`);
      return;
    }
    known.set(name, [...(known.get(name) ?? []), where]);
  };
  for (const name of Object.keys(store.profiles)) add(name, displayPath(paths.configFile, paths.homeDir));
  for (const { path, names } of await sdkProfiles(paths))
    for (const name of names) add(name, displayPath(path, paths.homeDir));
  for (const name of await tccliProfiles(paths))
    add(name, displayPath(join(paths.tccliDir, `${name}.*`), paths.homeDir));
  return new Map([...known.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A profile named on purpose must exist somewhere; `default` may be absent (it means "no profile"). */
export async function checkSelectedProfile(
  selection: ProfileSelection,
  paths: ConfigPaths,
  store: StoreData,
): Promise<boolean> {
  const known = await knownProfiles(paths, store);
  if (known.has(selection.name)) return true;
  if (selection.name === DEFAULT_PROFILE) return false;
  const names = [...known.keys()];
  throw new UsageError(
    `profile "${selection.name}" (from ${selection.origin}) does not exist`,
    names.length > 0
      ? `Existing profiles: ${names.join(', ')}. Create it with \`tat configure --profile ${selection.name}\`.`
      : `No profiles exist yet. Create it with \`tat configure --profile ${selection.name}\`.`,
  );
}
