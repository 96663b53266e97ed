import { isAbsolute, join, sep } from 'node:path';
import type { Deps } from '../deps.js';

/** Every file the configuration is read from or written to, computed once from the injected deps. */
export interface ConfigPaths {
  homeDir: string;
  /** `<XDG_CONFIG_HOME or ~/.config>/tat`: created 0700. */
  configDir: string;
  /** `<configDir>/config.json`: the tat profiles, written 0600 through conf. */
  configFile: string;
  /** The official SDKs' INI files, in the order they are consulted. */
  sdkCredentialFiles: string[];
  /** tccli's folder: `<profile>.credential` and `<profile>.configure`. */
  tccliDir: string;
}

export const SYSTEM_SDK_CREDENTIALS = '/etc/tencentcloud/credentials';

export function configPaths(deps: Pick<Deps, 'env' | 'homeDir'>): ConfigPaths {
  const home = deps.homeDir;
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = deps.env.XDG_CONFIG_HOME?.trim();
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
  const configDir = join(base, 'tat');
  return {
    homeDir: home,
    configDir,
    configFile: join(configDir, 'config.json'),
    sdkCredentialFiles: [join(home, '.tencentcloud', 'credentials'), SYSTEM_SDK_CREDENTIALS],
    tccliDir: join(home, '.tccli'),
  };
}

export function tccliFile(paths: ConfigPaths, profile: string, kind: 'credential' | 'configure'): string {
  return join(paths.tccliDir, `${profile}.${kind}`);
}

/** `/home/me/.config/tat/config.json` → `~/.config/tat/config.json`, for messages. */
export function displayPath(path: string, homeDir: string): string {
  if (homeDir && (path === homeDir || path.startsWith(homeDir.endsWith(sep) ? homeDir : homeDir + sep)))
    return `~${path.slice(homeDir.length)}`;
  return path;
}
