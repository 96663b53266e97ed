import type { Deps } from '../../../deps.js';
import { CredentialsError } from '../../../errors.js';
import { mask, maskSecret } from '../../../redact.js';
import { chooseProvider, LISTED_SETTINGS, resolveSettingsReport, tatProfileSource } from '../../../config/index.js';
import type { GlobalFlags } from '../../flags.js';
import { SETTING, type SettingRow } from '../../../output/resources/configure.js';
import { createOutputContext } from '../../context.js';

/**
 * `tat configure list`: every setting with its value and origin after precedence, and the
 * credentials the chain would use (masked) with their source.
 */
export async function configureListCommand(deps: Deps, flags: GlobalFlags): Promise<void> {
  const report = await resolveSettingsReport(flags, deps);
  const ctx = await createOutputContext(deps, flags, report.settings.output);
  const printer = await ctx.printer(SETTING, { cardinality: 'many', layout: 'rows' });
  const rows: SettingRow[] = [];
  const row = (key: string, value: string | undefined, source: string): void => {
    rows.push({ key, value: value ?? null, source: value === undefined ? '' : source });
  };
  for (const name of LISTED_SETTINGS) row(name, report.sourced(name).value, report.sourced(name).origin);

  const configured = report.store.profiles[report.selection.name]?.['credential-source'];
  if (flags.useCvmRole) row('credential-source', 'cvm-role', '--use-cvm-role');
  else row('credential-source', configured, tatProfileSource(report.paths, report.selection.name));

  try {
    const credentials = await (await chooseProvider(flags, deps, report.paths))();
    row('secret-id', mask(credentials.secretId), credentials.source);
    row('secret-key', maskSecret(credentials.secretKey), credentials.source);
    row('token', credentials.token === undefined ? undefined : maskSecret(credentials.token), credentials.source);
    row(
      'credentials',
      credentials.source,
      credentials.expiresAt === undefined ? '' : `expires ${new Date(credentials.expiresAt).toISOString()}`,
    );
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error;
    for (const key of ['secret-id', 'secret-key', 'token']) row(key, undefined, '');
    rows.push({ key: 'credentials', value: '<none>', source: error.message });
  }
  await printer.write(rows);
  await printer.end();
}
