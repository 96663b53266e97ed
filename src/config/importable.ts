import { UsageError } from '../errors.js';
import type { Credentials } from '../api/credentials.js';
import { validateValue } from './keys.js';
import { displayPath, tccliFile, type ConfigPaths } from './paths.js';
import { fromSdkFiles, sdkSource } from './sources/sdk-ini.js';
import { fromTccli, tccliSettings } from './sources/tccli.js';

export type ImportSource = 'sdk' | 'tccli';

export interface Importable {
  credentials: Credentials;
  /** tccli's region for the profile, when it has one (validated). */
  region?: string;
}

/**
 * What `tat configure import` copies: the profile's keys from the SDKs' INI file or tccli's
 * files (without `from`, the SDK file first, then tccli's). Throws naming every place it looked.
 */
export async function findImportable(
  paths: ConfigPaths,
  name: string,
  from: ImportSource | undefined,
): Promise<Importable> {
  if (from !== 'tccli') {
    const credentials = await fromSdkFiles(paths, name);
    if (credentials) return { credentials };
  }
  if (from !== 'sdk') {
    const credentials = await fromTccli(paths, name);
    if (credentials) {
      const settings = await tccliSettings(paths, name);
      if (!settings?.region) return { credentials };
      return {
        credentials,
        region: validateValue(
          'region',
          settings.region,
          displayPath(tccliFile(paths, name, 'configure'), paths.homeDir),
        ),
      };
    }
  }
  const looked = [
    ...(from === 'tccli' ? [] : paths.sdkCredentialFiles.map((path) => sdkSource(path, paths.homeDir, name))),
    ...(from === 'sdk' ? [] : [displayPath(tccliFile(paths, name, 'credential'), paths.homeDir)]),
  ];
  throw new UsageError(
    `no credentials for profile "${name}" to import (looked in ${looked.join(', ')})`,
    'Name another profile with --profile, or enter keys with `tat configure`.',
  );
}
