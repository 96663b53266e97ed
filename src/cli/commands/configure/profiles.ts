import type { Deps } from '../../../deps.js';
import { configPaths, type GlobalFlags, knownProfiles, readStore, selectProfile } from '../../../config/index.js';
import { renderRows } from './render.js';

/** `tat configure profiles`: every profile name found in tat's, the SDKs' and tccli's files. */
export async function profilesCommand(deps: Deps, flags: GlobalFlags): Promise<void> {
  const paths = configPaths(deps);
  const known = await knownProfiles(paths, await readStore(paths));
  const selected = selectProfile(flags, deps.env).name;
  const rows = [...known.entries()].map(([name, files]) => ({
    name,
    active: name === selected ? '*' : '',
    files: [...new Set(files)].join(', '),
  }));
  if (rows.length === 0 && !flags.quiet) await deps.io.stderr.write('No profiles yet. Create one with `tat configure`.\n');
  await renderRows(deps, flags.output, [
    { header: 'PROFILE', key: 'name' },
    { header: 'ACTIVE', key: 'active' },
    { header: 'FILES', key: 'files' },
  ], rows);
}
