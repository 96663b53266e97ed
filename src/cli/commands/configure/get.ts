import type { Deps } from '../../../deps.js';
import { terminalOf } from '../../terminal/terminal.js';
import { KeyNotSetError, UsageError } from '../../../errors.js';
import { mask, maskSecret } from '../../../redact.js';
import { configPaths, displayPath, MASKED_KEYS, parseKey, readStore, selectProfile } from '../../../config/index.js';
import type { GlobalFlags } from '../../flags.js';

/** `tat configure get <key>`: the value stored in the tat profile (secrets masked); exit 1 (KeyNotSetError) when unset. */
export async function configureGetCommand(deps: Deps, flags: GlobalFlags, keyName: string): Promise<void> {
  const key = parseKey(keyName);
  const paths = configPaths(deps);
  const { name } = selectProfile(flags, deps.env);
  const store = await readStore(paths);
  const profile = store.profiles[name];
  if (!profile) {
    const names = Object.keys(store.profiles);
    throw new UsageError(
      `profile "${name}" does not exist in ${displayPath(paths.configFile, paths.homeDir)}`,
      names.length > 0
        ? `Profiles there: ${names.join(', ')}. \`tat configure list\` shows values from every source.`
        : 'Create it with `tat configure`.',
    );
  }
  const value = profile[key];
  if (value === undefined) throw new KeyNotSetError(key, name);
  await terminalOf(deps).stdout.write(
    `${key === 'secret-id' ? mask(value) : MASKED_KEYS.includes(key) ? maskSecret(value) : value}\n`,
  );
}
