import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import { configPaths, displayPath, tccliFile } from '../../../config/paths.js';
import { selectProfile } from '../../../config/profiles.js';
import { fromSdkFiles, sdkSource } from '../../../config/sources/sdk-ini.js';
import { fromTccli, tccliSettings } from '../../../config/sources/tccli.js';
import { validateValue } from '../../../config/keys.js';
import { updateStore, type Profile } from '../../../config/store.js';
import type { Credentials, GlobalFlags } from '../../../config/types.js';
import { notice } from './common.js';

export interface ImportOptions {
  from?: string;
  force?: boolean;
}

/**
 * `tat configure import [--from sdk|tccli]`: copies the profile's keys from the SDKs' INI file or
 * tccli's files (and tccli's region, when the tat profile has none) into the tat profile.
 */
export async function importCommand(deps: Deps, flags: GlobalFlags, options: ImportOptions): Promise<number> {
  if (options.from !== undefined && options.from !== 'sdk' && options.from !== 'tccli')
    throw new UsageError(`--from '${options.from}' is not a source`, 'Use --from sdk (~/.tencentcloud/credentials) or --from tccli (~/.tccli/).');
  const paths = configPaths(deps);
  const { name } = selectProfile(flags, deps.env);
  let found: Credentials | undefined;
  let extra: Profile = {};
  if (options.from !== 'tccli') found = await fromSdkFiles(paths, name);
  if (!found && options.from !== 'sdk') {
    found = await fromTccli(paths, name);
    const settings = found ? await tccliSettings(paths, name) : undefined;
    if (settings?.region) extra = { region: validateValue('region', settings.region, displayPath(tccliFile(paths, name, 'configure'), paths.homeDir)) };
  }
  if (!found) {
    const looked = [
      ...(options.from === 'tccli' ? [] : paths.sdkCredentialFiles.map((path) => sdkSource(path, paths.homeDir, name))),
      ...(options.from === 'sdk' ? [] : [displayPath(tccliFile(paths, name, 'credential'), paths.homeDir)]),
    ];
    throw new UsageError(`no credentials for profile "${name}" to import (looked in ${looked.join(', ')})`, 'Name another profile with --profile, or enter keys with `tat configure`.');
  }
  const credentials = found;
  await updateStore(paths, (data) => {
    const current = data.profiles[name] ?? {};
    if (current['secret-id'] !== undefined && current['secret-id'] !== credentials.secretId && !options.force)
      throw new UsageError(`profile "${name}" already holds other keys`, `Add --force to replace them with the ones from ${credentials.source}.`);
    const next: Profile = { ...current, 'secret-id': credentials.secretId, 'secret-key': credentials.secretKey };
    if (credentials.token) next.token = credentials.token;
    else delete next.token;
    if (extra.region && !next.region) next.region = extra.region;
    data.profiles[name] = next;
  });
  await notice(deps, flags, `Imported credentials from ${credentials.source} into profile "${name}" (${displayPath(paths.configFile, paths.homeDir)}).`);
  return 0;
}
