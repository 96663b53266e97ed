import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { docPath } from '../../../deps.js';
import { KEY_HELP, KEYS } from '../../../config/keys.js';
import { exactFlags, type ProgramHooks } from '../../hooks.js';
import type { ImportOptions } from './import.js';
import type { SetOptions } from './set.js';

/**
 * `tat configure` and its subcommands. Only the definitions live here; each action imports its
 * implementation (and conf, through src/config/store.ts) when it runs.
 */

/** `docsDir`: the installed copy's docs/ folder (Deps.docsDir), so the pointer names a file that exists. */
const configureExamples = (docsDir: string | undefined): string => `
Asks for SecretId, SecretKey (input hidden), region and default output on a terminal, showing
current values masked; Enter keeps them. Saved to $XDG_CONFIG_HOME/tat/config.json
(~/.config/tat/config.json), mode 600. Use --profile NAME for another profile.

Examples:
  $ tat configure
  $ tat configure --profile staging
  $ tat configure set region ap-shanghai
  $ tat configure list

Credentials are also read, with no setup, from TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY,
~/.tencentcloud/credentials and ~/.tccli/default.credential. See ${docPath(docsDir, 'configuration.md')}.`;

const SET_EXAMPLES = `
Keys:
${KEYS.map((key) => `  ${key.padEnd(18)} ${KEY_HELP[key]}`).join('\n')}
secret-key and token are never taken from the command line: they are read from stdin.

Examples:
  $ tat configure set region ap-guangzhou
  $ tat configure set secret-id AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE --profile staging
  $ tat configure set secret-key --secret-key-stdin < ~/keys/tat-secret-key
  $ printf '%s' "$KEY" | tat configure set secret-key --secret-key-stdin --profile ci
  $ tat configure set credential-source cvm-role --profile on-cvm
  $ tat configure set timeout 10s`;

const UNSET_EXAMPLES = `
Examples:
  $ tat configure unset output
  $ tat configure unset token --profile staging`;

const GET_EXAMPLES = `
Prints the value stored in the tat profile (secret-id, secret-key and token masked).
Exit status 1 when the key is not set.

Examples:
  $ tat configure get region
  $ tat configure get secret-id --profile staging`;

const LIST_EXAMPLES = `
Shows every setting after precedence (flag, environment, profile, default) with where it came
from, and the credentials that would be used (masked) with their source.

Examples:
  $ tat configure list
  $ tat configure list --profile staging
  $ TENCENTCLOUD_REGION=ap-tokyo tat configure list -o json`;

const PROFILES_EXAMPLES = `
Lists profiles from ~/.config/tat/config.json, ~/.tencentcloud/credentials and ~/.tccli/;
ACTIVE marks the one in use (--profile, TAT_PROFILE, or default).

Examples:
  $ tat configure profiles
  $ tat configure profiles -o json`;

const DELETE_EXAMPLES = `
Deletes a profile from tat's own file; the SDKs' and tccli's files are never touched.

Examples:
  $ tat configure delete --profile staging`;

const IMPORT_EXAMPLES = `
Copies the keys of the profile (default: "default") from ~/.tencentcloud/credentials
(or /etc/tencentcloud/credentials) or ~/.tccli/<profile>.credential into tat's profile.
Without --from, the SDK file is tried first, then tccli's.

Examples:
  $ tat configure import
  $ tat configure import --from tccli --profile staging
  $ tat configure import --from sdk --force`;

export function registerConfigure(program: CommandUnknownOpts, hooks: ProgramHooks): void {
  const configure = program
    .command('configure')
    .description('set up credentials and defaults (interactive on a terminal; subcommands for scripts)')
    .addHelpText('after', configureExamples(hooks.deps.docsDir))
    .action((_options, command) =>
      hooks.run(async (flags) => (await import('./interactive.js')).configureInteractive(hooks.deps, flags), command),
    );

  configure
    .command('set')
    .description('set one key in a profile')
    .argument('<key>', 'configuration key, e.g. region')
    .argument('[value]', 'the value (not for secret-key or token: use the stdin flags)')
    .option('--secret-key-stdin', 'read the secret key from stdin (asked with input hidden on a terminal)')
    .option('--token-stdin', 'read the session token from stdin')
    .addHelpText('after', SET_EXAMPLES)
    .action((key, value, options, command) =>
      hooks.run(
        async (flags) =>
          (await import('./set.js')).setCommand(hooks.deps, flags, key, value, exactFlags<SetOptions>()(options)),
        command,
      ),
    );

  configure
    .command('unset')
    .description('remove one key from a profile')
    .argument('<key>', 'configuration key, e.g. output')
    .addHelpText('after', UNSET_EXAMPLES)
    .action((key, _options, command) =>
      hooks.run(async (flags) => (await import('./set.js')).unsetCommand(hooks.deps, flags, key), command),
    );

  configure
    .command('get')
    .description('print one key stored in a profile (secrets masked)')
    .argument('<key>', 'configuration key, e.g. region')
    .addHelpText('after', GET_EXAMPLES)
    .action((key, _options, command) =>
      hooks.run(async (flags) => (await import('./get.js')).configureGetCommand(hooks.deps, flags, key), command),
    );

  configure
    .command('list')
    .alias('ls')
    .description('show every setting, its value and where it came from, and the credential source')
    .addHelpText('after', LIST_EXAMPLES)
    .action((_options, command) =>
      hooks.run(async (flags) => (await import('./list.js')).configureListCommand(hooks.deps, flags), command),
    );

  configure
    .command('profiles')
    .description('list the profiles found in tat, SDK and tccli files')
    .addHelpText('after', PROFILES_EXAMPLES)
    .action((_options, command) =>
      hooks.run(async (flags) => (await import('./profiles.js')).profilesCommand(hooks.deps, flags), command),
    );

  configure
    .command('delete')
    .description('delete a tat profile (needs --profile)')
    .addHelpText('after', DELETE_EXAMPLES)
    .action((_options, command) =>
      hooks.run(async (flags) => (await import('./delete.js')).deleteCommand(hooks.deps, flags), command),
    );

  configure
    .command('import')
    .description('copy credentials from the SDK INI file or tccli into a tat profile')
    .option('--from <source>', 'sdk (~/.tencentcloud/credentials) or tccli (~/.tccli/)')
    .option('--force', 'replace keys the tat profile already holds')
    .addHelpText('after', IMPORT_EXAMPLES)
    .action((options, command) =>
      hooks.run(
        async (flags) =>
          (await import('./import.js')).importCommand(hooks.deps, flags, exactFlags<ImportOptions>()(options)),
        command,
      ),
    );
}
