import type { Deps } from '../../../deps.js';
import { configPaths, knownProfiles, readStore, selectProfile } from '../../../config/index.js';
import type { GlobalFlags } from '../../flags.js';
import { PROFILE, type ProfileRow } from '../../../output/resources/configure.js';
import { createOutputContext } from '../../context.js';

/** `tat configure profiles`: every profile name found in tat's, the SDKs' and tccli's files. */
export async function profilesCommand(deps: Deps, flags: GlobalFlags): Promise<void> {
  // Not the full settings precedence: listing profiles must work even when TAT_PROFILE names a
  // missing one, so only the flag and the environment choose the format here.
  const ctx = await createOutputContext(deps, flags, flags.output ?? (deps.env.TAT_OUTPUT || undefined));
  const printer = await ctx.printer(PROFILE, { cardinality: 'many', layout: 'rows' });
  // Names that cannot be profiles' are left out of the listing; --debug says which and where.
  const paths = configPaths(deps, ctx.debug);
  const known = await knownProfiles(paths, await readStore(paths));
  const selected = selectProfile(flags, deps.env).name;
  const rows: ProfileRow[] = [...known.entries()].map(([name, files]) => ({
    name,
    active: name === selected ? '*' : '',
    files: [...new Set(files)].join(', '),
  }));
  if (rows.length === 0) ctx.terminal.notice('No profiles yet. Create one with `tat configure`.');
  await printer.write(rows);
  await printer.end();
}
