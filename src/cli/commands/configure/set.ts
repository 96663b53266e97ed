import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import {
  configPaths,
  displayPath,
  isUnknownRegion,
  type Key,
  parseKey,
  SECRET_KEYS,
  selectProfile,
  updateStore,
  validateValue,
} from '../../../config/index.js';
import type { GlobalFlags } from '../../flags.js';
import { notice, unknownRegionWarning } from './common.js';
import { terminalOf } from '../../terminal/terminal.js';
import { readSecretInput } from './secret-input.js';

export interface SetOptions {
  secretKeyStdin?: boolean;
  tokenStdin?: boolean;
}

const STDIN_FLAG: Partial<Record<Key, { flag: string; option: keyof SetOptions; label: string }>> = {
  'secret-key': { flag: '--secret-key-stdin', option: 'secretKeyStdin', label: 'SecretKey' },
  token: { flag: '--token-stdin', option: 'tokenStdin', label: 'session token' },
};

/** `tat configure set <key> [value]`: secrets only from stdin, never from argv. */
export async function setCommand(
  deps: Deps,
  flags: GlobalFlags,
  keyName: string,
  value: string | undefined,
  options: SetOptions,
): Promise<void> {
  const key = parseKey(keyName);
  const stdin = STDIN_FLAG[key];
  for (const [other, spec] of Object.entries(STDIN_FLAG))
    if (spec && other !== key && options[spec.option])
      throw new UsageError(`${spec.flag} only goes with \`tat configure set ${other}\``);
  let raw: string;
  if (SECRET_KEYS.includes(key) && stdin) {
    if (value !== undefined)
      throw new UsageError(
        `refusing to take ${key} from the command line: it would stay in your shell history and show in the process list`,
        `Pass it on stdin: tat configure set ${key} ${stdin.flag} < file (or type it when asked), or run \`tat configure\`.`,
      );
    if (!options[stdin.option])
      throw new UsageError(
        `${key} is read from stdin: add ${stdin.flag}`,
        `e.g. tat configure set ${key} ${stdin.flag} < file`,
      );
    raw = await readSecretInput(deps, stdin.label, stdin.flag);
  } else {
    if (value === undefined)
      throw new UsageError(`no value given for ${key}`, `e.g. tat configure set ${key} ${example(key)}`);
    raw = value;
  }
  const paths = configPaths(deps);
  const { name } = selectProfile(flags, deps.env);
  const checked = validateValue(key, raw, `tat configure set ${key}`);
  if (key === 'region' && isUnknownRegion(checked)) await terminalOf(deps).write(`${unknownRegionWarning(checked)}\n`);
  await updateStore(
    paths,
    (data) => {
      data.profiles[name] = { ...(data.profiles[name] ?? {}), [key]: checked };
    },
    deps,
  );
  await notice(deps, flags, `Set ${key} in profile "${name}" (${displayPath(paths.configFile, paths.homeDir)}).`);
}

/** `tat configure unset <key>`. */
export async function unsetCommand(deps: Deps, flags: GlobalFlags, keyName: string): Promise<void> {
  const key = parseKey(keyName);
  const paths = configPaths(deps);
  const { name } = selectProfile(flags, deps.env);
  let had = false;
  await updateStore(
    paths,
    (data) => {
      const profile = data.profiles[name];
      if (!profile)
        throw new UsageError(`profile "${name}" does not exist in ${displayPath(paths.configFile, paths.homeDir)}`);
      had = profile[key] !== undefined;
      delete profile[key];
    },
    deps,
  );
  await notice(
    deps,
    flags,
    had ? `Removed ${key} from profile "${name}".` : `${key} was not set in profile "${name}".`,
  );
}

function example(key: Key): string {
  switch (key) {
    case 'secret-id':
      return 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
    case 'region':
      return 'ap-guangzhou';
    case 'endpoint':
      return 'tat.ap-shanghai.tencentcloudapi.com';
    case 'output':
      return 'json';
    case 'language':
      return 'en-US';
    case 'timeout':
      return '10s';
    case 'credential-source':
      return 'cvm-role';
    default:
      return 'VALUE';
  }
}
