import type { Deps } from '../../../deps.js';
import { profileNames } from '../../../config/profile-names.js';

/**
 * What the completion scripts ask tat for while a person presses Tab: `tat __complete profiles
 * PREFIX` prints the profile names that start with PREFIX, one a line. bin/tat.js answers it
 * without commander, the command tree or even the process's streams (it writes the text itself),
 * so a key press costs little more than starting node. Names are valid profile names only, and
 * the scripts insert them without letting the shell expand them.
 *
 * Returns the text to print (undefined: not a question tat answers). Never fails loudly: a
 * completion must not scribble on the command line being edited.
 */
export async function completeWords(
  argv: readonly string[],
  deps: Pick<Deps, 'env' | 'homeDir'>,
): Promise<string | undefined> {
  const [what, prefix = ''] = argv;
  if (what !== 'profiles') return undefined;
  const names = await profileNames(deps, prefix);
  return names.length === 0 ? '' : `${names.join('\n')}\n`;
}
