import { docPath, type Deps } from '../deps.js';
import { CredentialsError } from '../errors.js';
import { validateValue } from './keys.js';
import { displayPath, type ConfigPaths } from './paths.js';
import { DEFAULT_PROFILE, knownProfiles, selectProfile } from './profiles.js';
import { cvmRoleProvider, type CvmRoleOptions } from './sources/cvm-role.js';
import { fromEnvironment } from './sources/environment.js';
import { fromSdkFiles } from './sources/sdk-ini.js';
import { fromTatProfile, tatProfileSource } from './sources/tat-profile.js';
import { fromTccli, tccliSource } from './sources/tccli.js';
import { readStore } from './store.js';
import type { CredentialProvider, Credentials } from '../api/credentials.js';
import type { ConfigFlags, DebugLog } from './types.js';

export type ChainDeps = Pick<Deps, 'env' | 'homeDir' | 'fetch' | 'now' | 'signal' | 'docsDir'>;

/**
 * Picks the one provider a run uses. First match wins:
 *
 * 1. `--use-cvm-role`, or the profile's `credential-source` (`cvm-role`, `env`, `profile`).
 * 2. A profile named with --profile / TAT_PROFILE that exists: its own credentials only (tat
 *    profile → SDK INI section → tccli file). The environment's keys are not consulted, as with
 *    `aws --profile`; a named profile without keys is an error, not a fall-through.
 * 3. Otherwise: environment → tat profile "default" → SDK INI `[default]` (home, then /etc) →
 *    `~/.tccli/default.credential`.
 *
 * The CVM role is never contacted unless chosen in step 1.
 */
export async function chooseProvider(
  flags: Pick<ConfigFlags, 'profile' | 'useCvmRole'>,
  deps: ChainDeps,
  paths: ConfigPaths,
  debug: DebugLog = () => undefined,
  cvmOptions: CvmRoleOptions = {},
): Promise<CredentialProvider> {
  const selection = selectProfile(flags, deps.env);
  const name = selection.name;
  const store = await readStore(paths);
  const profile = store.profiles[name];
  const cvm = (): CredentialProvider => cvmRoleProvider(deps, { debug, ...cvmOptions });
  const fixed = (found: Credentials): CredentialProvider => {
    debug(`credentials: ${found.source}`);
    return () => Promise.resolve(found);
  };

  if (flags.useCvmRole) {
    debug('credentials: --use-cvm-role: asking the CVM metadata service');
    return cvm();
  }
  const configured = profile?.['credential-source'];
  const source =
    configured === undefined
      ? undefined
      : validateValue('credential-source', configured, tatProfileSource(paths, name));
  if (source === 'cvm-role') {
    debug(`credentials: ${tatProfileSource(paths, name)} has credential-source cvm-role`);
    return cvm();
  }
  if (source === 'env') {
    const found = fromEnvironment(deps.env);
    if (!found)
      throw new CredentialsError(
        `${tatProfileSource(paths, name)} has credential-source env, but TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set`,
        'Export both variables, or change the source: tat configure set credential-source profile.',
      );
    return fixed(found);
  }

  // `--profile default` when no default profile exists anywhere means the same as no --profile.
  const explicit = selection.explicit && (name !== DEFAULT_PROFILE || (await knownProfiles(paths, store)).has(name));
  const profileOnly = source === 'profile' || explicit;
  if (profileOnly) {
    const found = await fromProfileFiles(paths, name, profile);
    if (found) return fixed(found);
    throw new CredentialsError(
      `profile "${name}" has no credentials (looked in ${profileFiles(paths, name).join(', ')})`,
      `Add them with \`tat configure --profile ${name}\`, or, to use the environment's keys with this profile, \`tat configure set credential-source env --profile ${name}\`.`,
    );
  }

  const fromEnv = fromEnvironment(deps.env);
  if (fromEnv) return fixed(fromEnv);
  if (deps.env.TENCENTCLOUD_SESSION_TOKEN || deps.env.TENCENTCLOUD_TOKEN)
    debug('credentials: a token is set in the environment without keys; ignored');
  const found = await fromProfileFiles(paths, name, profile);
  if (found) return fixed(found);
  throw new CredentialsError('no credentials found', noCredentialsHint(paths, deps.docsDir));
}

async function fromProfileFiles(
  paths: ConfigPaths,
  name: string,
  profile: Parameters<typeof fromTatProfile>[0],
): Promise<Credentials | undefined> {
  return fromTatProfile(profile, paths, name) ?? (await fromSdkFiles(paths, name)) ?? (await fromTccli(paths, name));
}

function profileFiles(paths: ConfigPaths, name: string): string[] {
  return [
    tatProfileSource(paths, name),
    ...paths.sdkCredentialFiles.map((path) => `${displayPath(path, paths.homeDir)} [${name}]`),
    tccliSource(paths, name),
  ];
}

export function noCredentialsHint(paths: ConfigPaths, docsDir?: string): string {
  return [
    'Provide credentials in one of these ways:',
    '  tat configure                                   (asks for a SecretId and SecretKey and saves them)',
    '  export TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=...',
    `  ${displayPath(paths.sdkCredentialFiles[0] ?? '', paths.homeDir)} with a [default] section (secret_id, secret_key), as the SDKs use`,
    '  ~/.tccli/default.credential, as written by `tccli configure`',
    '  --use-cvm-role on a CVM instance with a CAM role',
    `See ${docPath(docsDir, 'configuration.md')}.`,
  ].join('\n');
}
