import { readdir } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { describeJsonError } from '../json-error.js';
import { displayPath, isAbsent, readOnce, tccliFile, unreadable, type ConfigPaths } from '../paths.js';
import type { Credentials } from '../../api/credentials.js';
import { fromParts } from './parts.js';

/** What tat takes from `~/.tccli/<profile>.configure`. `output` is left out on purpose: tccli's
 * formats (json/text/table) are not tat's, and tccli writes `json` by default. */
export interface TccliSettings {
  region?: string;
  endpoint?: string;
  language?: string;
}

/**
 * A tccli JSON file; undefined when it does not exist. One that cannot be read or parsed fails
 * when it is the source consulted (`strict`, the credential file); read only for settings
 * (`lenient`), it is a --debug note and counts as absent.
 */
async function readJson(
  path: string,
  paths: ConfigPaths,
  mode: 'strict' | 'lenient',
): Promise<Record<string, unknown> | undefined> {
  const shown = displayPath(path, paths.homeDir);
  const problem = (error: UsageError): undefined => {
    if (mode === 'strict') throw error;
    paths.note(`config: skipped ${shown}: ${error.message}`);
    return undefined;
  };
  let text: string;
  try {
    text = await readOnce(paths, path);
  } catch (error) {
    if (isAbsent(error)) return undefined;
    return problem(unreadable(shown, error, "Check the file's permissions."));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    data = error;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || data instanceof Error)
    return problem(
      new UsageError(
        `the tccli file ${shown} is not a JSON object${data instanceof Error ? ` (${describeJsonError(data, text)})` : ''}`,
        'Fix it by hand or recreate it with `tccli configure`; tat leaves it untouched.',
      ),
    );
  // Checked above to be a plain JSON object; its values stay unknown.
  return data as Record<string, unknown>;
}

export function tccliSource(paths: ConfigPaths, profile: string): string {
  return displayPath(tccliFile(paths, profile, 'credential'), paths.homeDir);
}

/** `~/.tccli/<profile>.credential`: `{"secretId", "secretKey", "token"}`. */
export async function fromTccli(paths: ConfigPaths, profile: string): Promise<Credentials | undefined> {
  const data = await readJson(tccliFile(paths, profile, 'credential'), paths, 'strict');
  if (!data) return undefined;
  return fromParts(
    {
      id: str(data.secretId),
      key: str(data.secretKey),
      token: str(data.token),
      names: { id: 'secretId', key: 'secretKey', token: 'token' },
    },
    tccliSource(paths, profile),
  );
}

/** `~/.tccli/<profile>.configure`: `{"_sys_param": {"region", "language"}, "tat": {"endpoint"}}`. */
export async function tccliSettings(paths: ConfigPaths, profile: string): Promise<TccliSettings | undefined> {
  const data = await readJson(tccliFile(paths, profile, 'configure'), paths, 'lenient');
  if (!data) return undefined;
  const sys = obj(data._sys_param);
  const tat = obj(data.tat);
  return { region: str(sys.region), endpoint: str(tat.endpoint), language: str(sys.language) };
}

export function tccliConfigureSource(paths: ConfigPaths, profile: string): string {
  return displayPath(tccliFile(paths, profile, 'configure'), paths.homeDir);
}

/** Profile names that have a `.credential` or `.configure` file. */
export async function tccliProfiles(paths: ConfigPaths): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(paths.tccliDir);
  } catch {
    return [];
  }
  const names = new Set<string>();
  for (const entry of entries) {
    const match = /^(.+)\.(credential|configure)$/.exec(entry);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function obj(value: unknown): Record<string, unknown> {
  // A non-null, non-array object from JSON.parse: a record whose values stay unknown.
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
