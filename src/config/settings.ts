import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { DEFAULT_ENDPOINT, parseDuration } from '../values.js';
import { validateValue, type Key } from './keys.js';
import { configPaths, type ConfigPaths } from './paths.js';
import { checkSelectedProfile, selectProfile, type ProfileSelection } from './profiles.js';
import { tatProfileSource } from './sources/tat-profile.js';
import { tccliConfigureSource, tccliSettings } from './sources/tccli.js';
import { readStore, type StoreData } from './store.js';
import type { GlobalFlags, Settings } from './types.js';

export const DEFAULT_TIMEOUT = '30s';

export type SettingName = 'profile' | 'region' | 'endpoint' | 'output' | 'language' | 'timeout';

/** A value and where it came from: `--region`, `TENCENTCLOUD_REGION`, `profile "x" (...)`, `default`. */
export interface Sourced {
  value: string | undefined;
  origin: string;
}

export interface SettingsReport {
  settings: Settings;
  /** Every setting with its origin, for `tat configure list`. */
  sourced: Record<SettingName, Sourced>;
  selection: ProfileSelection;
  /** The selected profile exists somewhere (tat, SDK or tccli files). */
  profileExists: boolean;
  store: StoreData;
  paths: ConfigPaths;
}

/**
 * Settings precedence: flag → environment → profile (the tat profile, then tccli's
 * `<profile>.configure`) → default. Every value is validated where it is found, so a bad one is
 * reported with its origin. A profile named with --profile / TAT_PROFILE must exist.
 */
export async function resolveSettingsReport(flags: GlobalFlags, deps: Pick<Deps, 'env' | 'homeDir'>, paths = configPaths(deps)): Promise<SettingsReport> {
  const env = deps.env;
  const selection = selectProfile(flags, env);
  const store = await readStore(paths);
  const profileExists = await checkSelectedProfile(selection, paths, store);
  const profile = store.profiles[selection.name] ?? {};
  const tccli = await tccliSettings(paths, selection.name);
  const tatOrigin = tatProfileSource(paths, selection.name);
  const tccliOrigin = tccliConfigureSource(paths, selection.name);

  const pick = (key: Key, candidates: [string | undefined, string][], fallback?: string): Sourced => {
    // An empty flag (`--endpoint "$UNSET"`) is a mistake, never "use the default": it once sent
    // signed requests to the production endpoint. Empty environment variables still mean unset.
    const [flagValue, flagName] = candidates[0]!;
    if (flagName.startsWith('--') && flagValue !== undefined && flagValue.trim() === '')
      throw new UsageError(`${flagName} is empty`, `Give ${flagName} a value, or leave it out to use the environment or the profile (\`tat configure list\` shows them).`);
    for (const [value, origin] of candidates)
      if (value !== undefined && value.trim() !== '') return { value: validateValue(key, value, origin), origin };
    return { value: fallback, origin: fallback === undefined ? 'not set' : 'default' };
  };

  const region = pick('region', [[flags.region, '--region'], [env.TENCENTCLOUD_REGION, 'TENCENTCLOUD_REGION'], [profile.region, tatOrigin], [tccli?.region, tccliOrigin]]);
  const endpoint = pick('endpoint', [[flags.endpoint, '--endpoint'], [env.TAT_ENDPOINT, 'TAT_ENDPOINT'], [profile.endpoint, tatOrigin], [tccli?.endpoint, tccliOrigin]], DEFAULT_ENDPOINT);
  const output = pick('output', [[flags.output, '--output'], [env.TAT_OUTPUT, 'TAT_OUTPUT'], [profile.output, tatOrigin]]);
  const language = pick('language', [[env.TAT_LANGUAGE, 'TAT_LANGUAGE'], [profile.language, tatOrigin], [tccli?.language, tccliOrigin]]);
  const timeout = pick('timeout', [[flags.timeout, '--timeout'], [env.TAT_TIMEOUT, 'TAT_TIMEOUT'], [profile.timeout, tatOrigin]], DEFAULT_TIMEOUT);

  const settings: Settings = {
    profile: selection.name,
    endpoint: endpoint.value ?? DEFAULT_ENDPOINT,
    timeoutMs: parseDuration(timeout.value ?? DEFAULT_TIMEOUT, timeout.origin),
  };
  if (region.value !== undefined) settings.region = region.value;
  if (output.value !== undefined) settings.output = output.value;
  if (language.value !== undefined) settings.language = language.value;
  return {
    settings,
    sourced: { profile: { value: selection.name, origin: selection.origin }, region, endpoint, output, language, timeout },
    selection,
    profileExists,
    store,
    paths,
  };
}
