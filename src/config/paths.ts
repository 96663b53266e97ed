import { isAbsolute, join, sep } from 'node:path';
import type { Deps } from '../deps.js';
import type { DebugLog } from './types.js';
import { codeOf, messageOf, UsageError } from '../errors.js';
import { readConfigText, UnusableFile } from './file.js';

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
  /**
   * What was read so far, by path (text or the read's failure): a run that builds one
   * ConfigPaths reads each file once, for settings and credentials alike.
   */
  reads: Map<string, Promise<string>>;
  /** Receives a --debug note for each source skipped because it cannot be read. */
  note: DebugLog;
}

export const SYSTEM_SDK_CREDENTIALS = '/etc/tencentcloud/credentials';

export function configPaths(deps: Pick<Deps, 'env' | 'homeDir'>, note: DebugLog = () => undefined): ConfigPaths {
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
    reads: new Map(),
    note,
  };
}

/** The file's text (see file.ts), read at most once per ConfigPaths (a failure is remembered too). */
export function readOnce(paths: ConfigPaths, path: string): Promise<string> {
  let read = paths.reads.get(path);
  if (!read) {
    read = readConfigText(path);
    read.catch(() => undefined); // remembered for the next caller, not an unhandled rejection
    paths.reads.set(path, read);
  }
  return read;
}

/**
 * Why a file that exists could not be read, for --debug notes: `cannot read it (EACCES)`, or
 * what makes it unusable (`it is a FIFO (named pipe), not a regular file`).
 */
export function whyUnreadable(error: unknown): string {
  return error instanceof UnusableFile ? error.message : `cannot read it (${codeOf(error) ?? messageOf(error)})`;
}

/** The error for a file that is the source consulted and cannot be read: exit 2 naming it. */
export function unreadable(shown: string, error: unknown, hint: string): UsageError {
  if (error instanceof UnusableFile) return new UsageError(`cannot use ${shown}: ${error.message}`, error.hint);
  return new UsageError(`cannot read ${shown} (${codeOf(error) ?? messageOf(error)})`, hint);
}

/** A read failure that means "this source is simply not there". */
export function isAbsent(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
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
