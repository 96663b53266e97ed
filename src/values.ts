import { UsageError } from './errors.js';

/**
 * Parsers of the values a person gives, on the command line, in the environment or in a profile:
 * endpoints, durations, whole numbers. Neutral ground: cli/ and config/ both use them, and each
 * refuses bad input with a UsageError that names where the value came from and the fix.
 */

export const DEFAULT_ENDPOINT = 'https://tat.tencentcloudapi.com';

/**
 * Accepts a bare host (`tat.ap-shanghai.tencentcloudapi.com`, https implied), a host with a
 * port, or a full URL (`http://127.0.0.1:9000`). Returns the URL requests are POSTed to.
 */
export function parseEndpoint(value: string, flag = '--endpoint'): URL {
  const text = value.trim();
  if (text === '')
    throw new UsageError(
      `${flag} is empty`,
      'Give a host such as tat.tencentcloudapi.com or a URL such as http://127.0.0.1:9000.',
    );
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(
      `${flag} '${value}' is not a host or URL`,
      'Give a host such as tat.tencentcloudapi.com or a URL such as http://127.0.0.1:9000.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(
      `${flag} '${value}' must use http or https, not ${url.protocol.slice(0, -1)}`,
      `Use https://${url.host || 'tat.tencentcloudapi.com'} (or http:// for a local emulator).`,
    );
  if (url.username || url.password)
    throw new UsageError(
      `${flag} must not contain credentials`,
      'Drop the user:password@ part; credentials come from the environment or `tat configure`.',
    );
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw new UsageError(
      `${flag} '${value}' has a path or query; TAT requests always go to '/'`,
      `Use ${url.protocol}//${url.host}`,
    );
  url.pathname = '/';
  return url;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `10s`, `2m`, `1h`, or a bare number of seconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  const amount = match ? Number(match[1]) * DURATION_UNITS[match[2] ?? 's']! : NaN;
  const hint = 'Use a positive duration such as 500ms, 10s or 2m (at least 1ms, at most 24h).';
  if (!match || !Number.isFinite(amount)) throw new UsageError(`${flag} '${value}' is not a duration`, hint);
  if (amount <= 0) throw new UsageError(`${flag} '${value}' must be positive`, hint);
  // Rounded to whole milliseconds: 0.4ms would silently become 0, so anything under 1ms is refused.
  if (amount < 1) throw new UsageError(`${flag} '${value}' is shorter than 1ms`, hint);
  if (amount > 24 * 3_600_000) throw new UsageError(`${flag} '${value}' is longer than 24h`, hint);
  return Math.round(amount);
}

export function parseInteger(value: string, flag: string, { min, max }: { min: number; max: number }): number {
  if (
    !/^\s*\d+\s*$/.test(value) ||
    !Number.isSafeInteger(Number(value)) ||
    Number(value) < min ||
    Number(value) > max
  ) {
    const range = max >= Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(
      `${flag} '${value}' is not a whole number ${range}`,
      `Give ${flag} a whole number ${range}, e.g. ${flag} ${Math.min(max, Math.max(min, 10))}.`,
    );
  }
  return Number(value);
}

/**
 * The output format names: the one list the `-o` help, the `-o`/`TAT_OUTPUT` check, the `output`
 * setting and the `tat configure` prompt all derive from. src/output/registry.ts maps each name to
 * its module (its type demands exactly these), so a name cannot exist without a format.
 */
export const OUTPUT_FORMATS = ['table', 'tsv', 'json', 'ndjson', 'content'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(value: unknown): value is OutputFormat {
  return isOneOf(OUTPUT_FORMATS, value);
}

/** `value` is one of `list`'s members: `includes` on a literal tuple, without widening it by a cast. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return list.some((member) => member === value);
}

/** `table, tsv, json, ndjson, content`, for messages, help and prompts. */
export function outputFormatList(): string {
  return OUTPUT_FORMATS.join(', ');
}

// "Did you mean …?" for mistyped names (filter names, statuses, configuration keys): one rule everywhere.

/** The candidate nearest to `word`, when it is near enough to be a likely typo; else undefined. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

/** `Did you mean output? ` (with the trailing space) or '' when nothing is near. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  return near === undefined ? '' : `Did you mean ${near}? `;
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
