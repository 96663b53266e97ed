import type { Deps } from '../../../deps.js';
import { configPaths, knownProfiles, readStore } from '../../../config/index.js';

/**
 * What the completion scripts ask tat for while a person presses Tab: `tat __complete profiles
 * PREFIX` prints the profile names that start with PREFIX, one a line. bin/tat.js answers it
 * without loading commander or the command tree (a key press pays only for reading the
 * configuration files). Names are valid profile names only (knownProfiles drops the others), and
 * the scripts insert them without letting the shell expand them.
 *
 * Never fails loudly: a corrupt or unreadable file yields fewer names, exit 0, and nothing on
 * stderr (a completion must not scribble on the command line being edited).
 */
export async function completeWords(argv: readonly string[], deps: Pick<Deps, 'io' | 'env' | 'homeDir'>): Promise<number> {
  const [what, prefix = ''] = argv;
  if (what !== 'profiles') return 2;
  const paths = configPaths(deps);
  const store = await readStore(paths).catch(() => ({ profiles: {} }));
  const names = [...(await knownProfiles(paths, store)).keys()].filter((name) => name.startsWith(prefix));
  if (names.length > 0) await deps.io.stdout.write(`${names.join('\n')}\n`).catch(() => undefined);
  return 0;
}
