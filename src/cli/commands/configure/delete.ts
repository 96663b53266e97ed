import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import { configPaths, displayPath, updateStore, validateProfileName } from '../../../config/index.js';
import type { GlobalFlags } from '../../flags.js';
import { notice } from './common.js';

/** `tat configure delete --profile p`: removes a tat profile (never the SDKs' or tccli's files). */
export async function deleteCommand(deps: Deps, flags: GlobalFlags): Promise<void> {
  if (flags.profile === undefined)
    throw new UsageError(
      'name the profile to delete with --profile',
      'e.g. tat configure delete --profile staging (see `tat configure profiles`)',
    );
  const name = validateProfileName(flags.profile.trim(), '--profile');
  const paths = configPaths(deps);
  const shown = displayPath(paths.configFile, paths.homeDir);
  await updateStore(
    paths,
    (data) => {
      if (!Object.hasOwn(data.profiles, name)) {
        const names = Object.keys(data.profiles);
        throw new UsageError(
          `profile "${name}" does not exist in ${shown}`,
          names.length > 0
            ? `Profiles there: ${names.join(', ')}. tat never deletes the SDKs' or tccli's files.`
            : 'There are no tat profiles.',
        );
      }
      delete data.profiles[name];
    },
    deps,
  );
  await notice(deps, flags, `Deleted profile "${name}" from ${shown}.`);
}
