/**
 * The two kinds of row `tat configure` prints: a setting (`configure list`) and a profile
 * (`configure profiles`). json/ndjson give the rows as objects; an unset value is `null` there
 * and `<not set>` in the table and tsv.
 */
import type { Resource } from '../resource.js';

export interface SettingRow {
  key: string;
  /** null when nothing sets it. */
  value: string | null;
  /** Where the value came from (`--region`, `TAT_OUTPUT`, `profile "x" (...)`), or why it is missing. */
  source: string;
}

export interface ProfileRow {
  name: string;
  /** `*` for the profile in use, else empty. */
  active: string;
  /** The files that define it, comma-separated. */
  files: string;
}

export const NOT_SET = '<not set>';

const shown = (r: SettingRow): string => r.value ?? NOT_SET;

export const SETTING: Resource<SettingRow> = {
  noun: 'setting',
  plural: 'settings',
  id: (r) => r.key,
  tsv: [
    { name: 'key', source: 'key', value: (r) => r.key },
    { name: 'value', source: 'value (<not set> when null)', value: shown },
    { name: 'source', source: 'source', value: (r) => r.source },
  ],
  table: [
    { header: 'KEY', pinned: true, value: (r) => r.key },
    { header: 'VALUE', flexible: true, min: 12, value: shown },
    { header: 'SOURCE', flexible: true, min: 10, value: (r) => r.source },
  ],
};

export const PROFILE: Resource<ProfileRow> = {
  noun: 'profile',
  plural: 'profiles',
  id: (r) => r.name,
  tsv: [
    { name: 'name', source: 'name', value: (r) => r.name },
    { name: 'active', source: 'active (* or empty)', value: (r) => r.active },
    { name: 'files', source: 'files', value: (r) => r.files },
  ],
  table: [
    { header: 'PROFILE', pinned: true, value: (r) => r.name },
    { header: 'ACTIVE', value: (r) => r.active },
    { header: 'FILES', flexible: true, min: 10, value: (r) => r.files },
  ],
};
