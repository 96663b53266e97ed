import type { Deps } from '../../../deps.js';
import type { GlobalFlags } from '../../../config/index.js';

/** A confirmation on stderr (never stdout, which carries data only); silent under --quiet. */
export async function notice(deps: Pick<Deps, 'io'>, flags: Pick<GlobalFlags, 'quiet'>, line: string): Promise<void> {
  if (!flags.quiet) await deps.io.stderr.write(`${line}\n`);
}
