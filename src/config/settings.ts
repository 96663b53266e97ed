import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { parseDuration } from '../values.js';
import {
  isProfileSetting,
  SETTING_NAMES,
  SETTINGS,
  type SettingName,
  type SettingSource,
  validateValue,
} from './keys.js';
import { configPaths, type ConfigPaths } from './paths.js';
import { checkSelectedProfile, selectProfile, type ProfileSelection } from './profiles.js';
import { tatProfileSource } from './sources/tat-profile.js';
import { tccliConfigureSource, tccliSettings } from './sources/tccli.js';
import { readStore, type StoreData } from './store.js';
import type { ConfigFlags, Settings } from './types.js';

/** A value and where it came from: `--region`, `TENCENTCLOUD_REGION`, `profile "x" (...)`, `default`. */
export interface Sourced {
  value: string | undefined;
  origin: string;
}

/**
 * What `tat configure list` shows with its origin: the profile, and every setting the
 * environment or a profile can give (a per-run flag alone says where it came from).
 */
export const LISTED_SETTINGS = [
  'profile',
  ...SETTING_NAMES.filter((name) => 'env' in SETTINGS[name] || SETTINGS[name].profile),
] as const;
export type ListedSetting = 'profile' | SettingName;

export interface SettingsReport {
  settings: Settings;
  /** Every setting with its origin, for `tat configure list`. */
  sourced(name: ListedSetting): Sourced;
  selection: ProfileSelection;
  /** The selected profile exists somewhere (tat, SDK or tccli files). */
  profileExists: boolean;
  store: StoreData;
  paths: ConfigPaths;
}

/**
 * Settings precedence, for each setting of keys.ts's SETTINGS: flag → environment → profile (the
 * tat profile, then tccli's `<profile>.configure`) → default. Every value is validated where it is
 * found, so a bad one is reported with its origin. A profile named with --profile / TAT_PROFILE
 * must exist.
 */
export async function resolveSettingsReport(
  flags: ConfigFlags,
  deps: Pick<Deps, 'env' | 'homeDir'>,
  paths = configPaths(deps),
): Promise<SettingsReport> {
  const env = deps.env;
  const selection = selectProfile(flags, env);
  const store = await readStore(paths);
  const profileExists = await checkSelectedProfile(selection, paths, store);
  const profile = store.profiles[selection.name] ?? {};
  const tccli = await tccliSettings(paths, selection.name);
  const tatOrigin = tatProfileSource(paths, selection.name);
  const tccliOrigin = tccliConfigureSource(paths, selection.name);

  const resolve = (name: SettingName): Sourced => {
    const source: SettingSource = SETTINGS[name];
    const flagValue = source.flag === undefined ? undefined : flags[source.flag];
    // An empty flag (`--endpoint "$UNSET"`) is a mistake, never "use the default": it once sent
    // signed requests to the production endpoint. Empty environment variables still mean unset.
    if (typeof flagValue === 'string' && flagValue.trim() === '')
      throw new UsageError(
        `--${name} is empty`,
        `Give --${name} a value, or leave it out to use the environment or the profile (\`tat configure list\` shows them).`,
      );
    const candidates: [unknown, string][] = [[flagValue, `--${name}`]];
    if (source.env !== undefined) candidates.push([env[source.env], source.env]);
    if (isProfileSetting(name)) candidates.push([profile[name], tatOrigin]);
    if (source.tccli !== undefined) candidates.push([tccli?.[source.tccli], tccliOrigin]);
    for (const [value, origin] of candidates)
      if (typeof value === 'string' && value.trim() !== '')
        return { value: validateValue(name, value, origin), origin };
    return { value: source.default, origin: source.default === undefined ? 'not set' : 'default' };
  };
  const sourced: Partial<Record<ListedSetting, Sourced>> = {
    profile: { value: selection.name, origin: selection.origin },
  };
  for (const name of SETTING_NAMES) sourced[name] = resolve(name);
  const all = (name: ListedSetting): Sourced => sourced[name] ?? { value: undefined, origin: 'not set' };

  // Each value was validated where it was found (validateValue), the defaults are valid.
  const number = (name: 'max-attempts' | 'rate-limit'): number => Number(all(name).value ?? SETTINGS[name].default);
  const settings: Settings = {
    profile: selection.name,
    endpoint: all('endpoint').value ?? SETTINGS.endpoint.default,
    timeoutMs: parseDuration(all('timeout').value ?? SETTINGS.timeout.default, all('timeout').origin),
    maxAttempts: number('max-attempts'),
    rateLimit: number('rate-limit'),
  };
  const region = all('region').value;
  const output = all('output').value;
  const language = all('language').value;
  if (region !== undefined) settings.region = region;
  if (output !== undefined) settings.output = output;
  if (language !== undefined) settings.language = language;
  return { settings, sourced: all, selection, profileExists, store, paths };
}
