import { UsageError } from '../errors.js';
import { TAT_REGIONS } from '../api/types.js';
import {
  DEFAULT_ENDPOINT,
  didYouMean,
  editDistance,
  isOneOf,
  isOutputFormat,
  outputFormatList,
  parseDuration,
  parseEndpoint,
  parseInteger,
} from '../values.js';
import type { ConfigFlags } from './types.js';

/** Where a setting may come from besides its default, after its flag (the first that is set wins). */
export interface SettingSource {
  /** Its flag, as config receives it (ConfigFlags); the flag itself is `--<setting name>`. */
  flag?: keyof ConfigFlags;
  /** Its environment variable. */
  env?: string;
  /** Whether a tat profile may hold it (then it is a key of `tat configure set`). */
  profile: boolean;
  /** Its field in tccli's `<profile>.configure`. */
  tccli?: 'region' | 'endpoint' | 'language';
  default?: string;
}

/**
 * Every setting and its sources, in precedence order: flag → environment → tat profile → tccli's
 * file → default. The one place that decides what a profile may hold: the per-attempt timeout
 * may be a profile's; the attempts and the request rate are given per run (a flag) only.
 */
export const SETTINGS = {
  region: { flag: 'region', env: 'TENCENTCLOUD_REGION', profile: true, tccli: 'region' },
  endpoint: { flag: 'endpoint', env: 'TAT_ENDPOINT', profile: true, tccli: 'endpoint', default: DEFAULT_ENDPOINT },
  output: { flag: 'output', env: 'TAT_OUTPUT', profile: true },
  language: { env: 'TAT_LANGUAGE', profile: true, tccli: 'language' },
  timeout: { flag: 'timeout', env: 'TAT_TIMEOUT', profile: true, default: '30s' },
  'max-attempts': { flag: 'maxAttempts', profile: false, default: '5' },
  'rate-limit': { flag: 'rateLimit', profile: false, default: '20' },
} as const satisfies Record<string, SettingSource>;

export type SettingName = keyof typeof SETTINGS;
/** The settings a profile may hold. */
export type ProfileSetting = {
  [K in SettingName]: (typeof SETTINGS)[K]['profile'] extends true ? K : never;
}[SettingName];

// Object.keys of the literal object just above: exactly its keys, in their order.
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

export function isProfileSetting(name: SettingName): name is ProfileSetting {
  return SETTINGS[name].profile;
}

/** The keys a tat profile can hold, in the order `tat configure list` shows them. */
export type Key = 'secret-id' | 'secret-key' | 'token' | ProfileSetting | 'credential-source';
export const KEYS: readonly Key[] = [
  'secret-id',
  'secret-key',
  'token',
  ...SETTING_NAMES.filter(isProfileSetting),
  'credential-source',
];

/** Values that must never be printed in full, nor passed on the command line. */
export const SECRET_KEYS: readonly Key[] = ['secret-key', 'token'];
/** Printed masked (`AKID****1234`): enough to tell keys apart. */
export const MASKED_KEYS: readonly Key[] = ['secret-id', 'secret-key', 'token'];

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export const CREDENTIAL_SOURCES = ['env', 'profile', 'cvm-role'] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

/**
 * Regions offered by `tat configure`. Any well-formed region name is accepted (TAT opens regions
 * before tat knows them), except one a letter or two off a known one: that is a typo
 * (`ap-shanghia`), which the API would only answer with UnsupportedRegion.
 */
export const KNOWN_REGIONS = TAT_REGIONS;

/** The known region `name` is a likely typo of, if it is not known itself. */
export function regionTypo(name: string): string | undefined {
  if (isOneOf(KNOWN_REGIONS, name)) return undefined;
  let best: { region: string; distance: number } | undefined;
  for (const region of KNOWN_REGIONS) {
    const distance = editDistance(name, region);
    if (!best || distance < best.distance) best = { region, distance };
  }
  return best && best.distance <= 2 ? best.region : undefined;
}

/** A region tat does not know (and is no typo of one it knows): accepted, but worth a warning where it is saved. */
export function isUnknownRegion(name: string): boolean {
  return !isOneOf(KNOWN_REGIONS, name);
}

/** `ap-guangzhou`, `na-siliconvalley`, `ap-shanghai-fsi`. */
const REGION = /^[a-z]{2,4}-[a-z]+(?:-[a-z0-9]+)*$/;
/** Profile names become file names (`~/.tccli/<name>.credential`): no separators, no leading dot. */
const PROFILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export const KEY_HELP: Record<Key, string> = {
  'secret-id': 'API key id from the CAM console (AKID...)',
  'secret-key': 'API key secret (only through `--secret-key-stdin` or the prompt)',
  token: 'session token of temporary credentials (only through `--token-stdin`)',
  region: 'TAT region, e.g. ap-guangzhou',
  endpoint: 'API host or URL, e.g. tat.ap-shanghai.tencentcloudapi.com',
  output: `default output format: ${outputFormatList()}`,
  language: `language of API messages: ${LANGUAGES.join(', ')}`,
  timeout: 'per-attempt timeout, e.g. 10s, 500ms, 2m',
  'credential-source': `where this profile's credentials come from: ${CREDENTIAL_SOURCES.join(', ')}`,
};

export function isKey(name: string): name is Key {
  return isOneOf(KEYS, name);
}

export function parseKey(name: string): Key {
  if (!isKey(name))
    throw new UsageError(
      `'${name}' is not a configuration key`,
      `${didYouMean(name, KEYS)}Use one of: ${KEYS.join(', ')}.`,
    );
  return name;
}

/**
 * A name that can be a profile's. Names read from files (INI sections, tccli file names, keys of
 * config.json) are checked with it before they are listed anywhere: shell completion offers them,
 * and a name like `$(…)` would run as code where a shell expands it.
 */
export function isProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

export function validateProfileName(name: string, origin: string): string {
  if (!isProfileName(name))
    throw new UsageError(
      `${origin} '${name}' is not a valid profile name`,
      'Use letters, digits, dots, dashes and underscores (not starting with a dot or dash), at most 64 characters.',
    );
  return name;
}

/**
 * Checks one value and returns it normalised; `origin` names where it came from (`--region`,
 * `TAT_OUTPUT`, `profile "prod" (~/.config/tat/config.json)`) so the message says what to fix.
 */
export function validateValue(key: Key | SettingName, raw: string, origin: string): string {
  const value = raw.trim();
  const bad = (what: string, hint: string): never => {
    throw new UsageError(`${origin}: ${key} ${what}`, hint);
  };
  if (value === '') bad('is empty', `Give a value, or remove it (tat configure unset ${key}).`);
  switch (key) {
    case 'secret-id':
    case 'secret-key':
    case 'token':
      if (/\s/.test(value)) bad('contains white space', 'Copy the value again from the CAM console (API keys page).');
      return value;
    case 'region': {
      if (!REGION.test(value))
        bad(`'${value}' is not a region name`, `Use a region such as ${KNOWN_REGIONS.slice(0, 3).join(', ')}.`);
      const meant = regionTypo(value);
      if (meant !== undefined)
        bad(
          `'${value}' is not a region tat knows (a typo?)`,
          `Did you mean ${meant}? Known regions: ${KNOWN_REGIONS.join(', ')}.`,
        );
      return value;
    }
    case 'endpoint':
      parseEndpoint(value, `${origin}: endpoint`);
      return value;
    case 'output': {
      // Format names are case-insensitive (-o JSON), as in most CLIs.
      const format = value.trim().toLowerCase();
      if (!isOutputFormat(format)) bad(`'${value}' is not an output format`, `Use one of: ${outputFormatList()}.`);
      return format;
    }
    case 'language':
      if (!isOneOf(LANGUAGES, value)) bad(`'${value}' is not a language`, `Use one of: ${LANGUAGES.join(', ')}.`);
      return value;
    case 'timeout':
      parseDuration(value, `${origin}: timeout`);
      return value;
    case 'max-attempts':
      return String(parseInteger(value, origin, { min: 1, max: 20 }));
    case 'rate-limit':
      return String(parseInteger(value, origin, { min: 0, max: 1000 }));
    case 'credential-source':
      if (!isOneOf(CREDENTIAL_SOURCES, value))
        bad(`'${value}' is not a credential source`, `Use one of: ${CREDENTIAL_SOURCES.join(', ')}.`);
      return value;
  }
}
