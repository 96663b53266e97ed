/**
 * Configuration: settings precedence, the credential chain and the tat profiles; see
 * docs/configuration.md. This file is config/'s one interface: nothing outside src/config/
 * imports any other file of it (test/architecture/layers.test.ts checks). Commands use the three
 * functions below; `tat configure` also uses the profile store and keys re-exported at the end.
 */
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { chooseProvider } from './chain.js';
import { configPaths, type ConfigPaths } from './paths.js';
import { resolveSettingsReport } from './settings.js';
import type { CredentialProvider } from '../api/credentials.js';
import type { ConfigFlags, DebugLog, Settings } from './types.js';

/**
 * Settings precedence: flag → environment → profile (tat, then tccli) → default. Pass the same
 * `paths` (configPaths) to credentialProvider and each file is read once per run.
 */
export async function resolveSettings(
  flags: ConfigFlags,
  deps: Pick<Deps, 'env' | 'homeDir'>,
  paths: ConfigPaths = configPaths(deps),
): Promise<Settings> {
  return (await resolveSettingsReport(flags, deps, paths)).settings;
}

/**
 * The credential chain (see chain.ts). Nothing is read until the first call; the chosen source
 * is then kept for the run, and temporary (CVM role) credentials are refreshed before they expire.
 * `debug` receives one line naming the source (never a secret). Every key and token handed out
 * joins the run's secrets (deps.secrets), which stderr never shows, whichever source it came from.
 */
export function credentialProvider(
  flags: ConfigFlags,
  deps: Pick<Deps, 'env' | 'homeDir' | 'fetch' | 'now' | 'signal' | 'secrets'>,
  debug?: DebugLog,
  paths: ConfigPaths = configPaths(deps),
): CredentialProvider {
  let chosen: Promise<CredentialProvider> | undefined;
  return async () => {
    chosen ??= chooseProvider(flags, deps, paths, debug);
    const credentials = await (await chosen)();
    deps.secrets?.add(credentials.secretKey, credentials.token);
    return credentials;
  };
}

export function requireRegion(settings: Settings): string {
  if (!settings.region)
    throw new UsageError(
      'no region set',
      'Pass --region (e.g. --region ap-guangzhou), set TENCENTCLOUD_REGION, or save one: tat configure set region ap-guangzhou.',
    );
  return settings.region;
}

// For `tat configure`: the tat profile store, its keys, and where settings come from.
export type { ConfigFlags, DebugLog, Settings } from './types.js';
export { chooseProvider } from './chain.js';
export { findImportable, type ImportSource } from './importable.js';
export {
  isUnknownRegion,
  KNOWN_REGIONS,
  MASKED_KEYS,
  SECRET_KEYS,
  parseKey,
  validateProfileName,
  validateValue,
  type Key,
} from './keys.js';
export { configPaths, displayPath } from './paths.js';
export { knownProfiles, selectProfile } from './profiles.js';
export { LISTED_SETTINGS, resolveSettingsReport, type ListedSetting } from './settings.js';
export { tatProfileSource } from './sources/tat-profile.js';
export { readStore, updateStore, type Profile } from './store.js';
