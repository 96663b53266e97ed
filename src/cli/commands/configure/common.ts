import type { Deps } from '../../../deps.js';
import { terminalOf } from '../../terminal/terminal.js';
import type { GlobalFlags } from '../../flags.js';

/** A confirmation on stderr (never stdout, which carries data only); silent under --quiet. */
export async function notice(
  deps: Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>,
  flags: Pick<GlobalFlags, 'quiet'>,
  line: string,
): Promise<void> {
  if (!flags.quiet) await terminalOf(deps).write(`${line}\n`);
}

/** Said before an unknown region (well-formed, and no typo of a known one) is saved; shown even under --quiet. */
export function unknownRegionWarning(region: string): string {
  return `warning: '${region}' is not a region tat knows; saving it anyway (TAT may have opened it since). If TAT has no such region, every request will fail with UnsupportedRegion.`;
}
