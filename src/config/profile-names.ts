import type { Deps } from '../deps.js';
import { configPaths } from './paths.js';
import { knownProfiles } from './profiles.js';
import { readStore } from './store.js';

/**
 * The profile names shell completion offers (valid names only: knownProfiles drops the others),
 * those starting with `prefix`. A door of its own into config/ (like keys.ts): a Tab press loads
 * this and what it reads, not the credential chain and settings that config/index.ts brings.
 * Never fails: a file that cannot be read or parsed gives fewer names.
 */
export async function profileNames(deps: Pick<Deps, 'env' | 'homeDir'>, prefix: string): Promise<string[]> {
  const paths = configPaths(deps);
  const store = await readStore(paths).catch(() => ({ profiles: {} }));
  const known = await knownProfiles(paths, store).catch(() => new Map<string, string[]>());
  return [...known.keys()].filter((name) => name.startsWith(prefix));
}
