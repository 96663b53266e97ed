import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import {
  configPaths,
  displayPath,
  findImportable,
  type Profile,
  selectProfile,
  updateStore,
} from '../../../config/index.js';
import type { GlobalFlags } from '../../flags.js';
import { notice } from './common.js';

export interface ImportOptions {
  from?: string;
  force?: boolean;
}

/**
 * `tat configure import [--from sdk|tccli]`: copies the profile's keys from the SDKs' INI file or
 * tccli's files (and tccli's region, when the tat profile has none) into the tat profile.
 */
export async function importCommand(deps: Deps, flags: GlobalFlags, options: ImportOptions): Promise<void> {
  if (options.from !== undefined && options.from !== 'sdk' && options.from !== 'tccli')
    throw new UsageError(
      `--from '${options.from}' is not a source`,
      'Use --from sdk (~/.tencentcloud/credentials) or --from tccli (~/.tccli/).',
    );
  const paths = configPaths(deps);
  const { name } = selectProfile(flags, deps.env);
  const { credentials, region } = await findImportable(paths, name, options.from);
  await updateStore(
    paths,
    (data) => {
      const current = data.profiles[name] ?? {};
      if (current['secret-id'] !== undefined && current['secret-id'] !== credentials.secretId && !options.force)
        throw new UsageError(
          `profile "${name}" already holds other keys`,
          `Add --force to replace them with the ones from ${credentials.source}.`,
        );
      const next: Profile = { ...current, 'secret-id': credentials.secretId, 'secret-key': credentials.secretKey };
      if (credentials.token) next.token = credentials.token;
      else delete next.token;
      if (region && !next.region) next.region = region;
      data.profiles[name] = next;
    },
    deps,
  );
  await notice(
    deps,
    flags,
    `Imported credentials from ${credentials.source} into profile "${name}" (${displayPath(paths.configFile, paths.homeDir)}).`,
  );
}
