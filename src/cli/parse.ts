import { UsageError } from '../errors.js';
import type { Filter } from '../api/types.js';
import { MAX_FILTERS, MAX_FILTER_VALUES } from '../api/types.js';

/** Option parsers: each refuses bad input with a UsageError that names the flag and the fix. */

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `10s`, `2m`, `1h`, or a bare number of seconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  const amount = match ? Number(match[1]) * DURATION_UNITS[match[2] ?? 's']! : NaN;
  if (!match || !Number.isFinite(amount) || amount <= 0 || amount > 24 * 3_600_000)
    throw new UsageError(`${flag} '${value}' is not a duration`, `Use a positive duration such as 500ms, 10s or 2m (at most 24h).`);
  return Math.round(amount);
}

export function parseInteger(value: string, flag: string, { min, max }: { min: number; max: number }): number {
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min || Number(value) > max)
    throw new UsageError(`${flag} '${value}' is not a whole number from ${min} to ${max}`);
  return Number(value);
}

const INVOCATION_ID = /^inv-[0-9a-z]+$/;

/** `--id a,b --id c` → [a, b, c], trimmed, duplicates removed, order kept. */
export function parseInvocationIds(values: readonly string[], flag: string): string[] {
  const ids: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const id = part.trim();
      if (id === '') throw new UsageError(`${flag} has an empty id in '${value}'`, 'Separate ids with commas, e.g. --id inv-q4zp60g0,inv-hc91n6ga8c.');
      if (!INVOCATION_ID.test(id))
        throw new UsageError(`${flag}: '${id}' is not an invocation id`, 'Invocation ids look like inv-q4zp60g0 (lower-case letters and digits after inv-).');
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** `--filter name=v1,v2` (repeatable): values are ORed, filters ANDed; the same name twice merges. */
export function parseFilters(values: readonly string[]): Filter[] {
  const filters: Filter[] = [];
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0) throw new UsageError(`--filter '${value}' has no '='`, 'Write filters as name=value[,value...], e.g. --filter instance-id=ins-zj0f57ew.');
    const name = value.slice(0, eq).trim();
    if (name === '') throw new UsageError(`--filter '${value}' has an empty name`, 'Write filters as name=value, e.g. --filter command-id=cmd-9dxzty3m.');
    const parts = value.slice(eq + 1).split(',').map((v) => v.trim());
    if (parts.some((v) => v === ''))
      throw new UsageError(`--filter '${value}' has an empty value`, `Give at least one value, e.g. --filter ${name}=VALUE; separate several with commas.`);
    const existing = filters.find((f) => f.Name === name);
    const target = existing ?? { Name: name, Values: [] };
    for (const part of parts) if (!target.Values.includes(part)) target.Values.push(part);
    if (target.Values.length > MAX_FILTER_VALUES)
      throw new UsageError(`--filter ${name} has ${target.Values.length} values; the API allows at most ${MAX_FILTER_VALUES} per filter`, 'Split the query into several runs.');
    if (!existing) filters.push(target);
  }
  if (filters.length > MAX_FILTERS)
    throw new UsageError(`${filters.length} different --filter names given; the API allows at most ${MAX_FILTERS}`);
  return filters;
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
