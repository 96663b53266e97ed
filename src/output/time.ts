/**
 * Time helpers for the formatters. The API documents `2020-11-09T07:21:59Z` but returns
 * `2020-11-09T07:21:59+00:00`; any offset is accepted. Every function is pure: the current
 * time and the zone are parameters.
 */

const API_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch, or undefined when the text is not an ISO 8601 date-time. */
export function parseApiTime(text: string | null | undefined): number | undefined {
  if (text == null) return undefined;
  const match = API_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, date, clock, zone] = match;
  let offset = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${date}T${clock}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `2020-11-09T07:21:59Z` (milliseconds kept only when not zero). */
export function isoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * An API time as ISO 8601 UTC with `Z`. Empty for null/absent; text that is not a date-time is
 * returned unchanged rather than lost.
 */
export function toUtcIso(text: string | null | undefined): string {
  if (text == null || text === '') return '';
  const ms = parseApiTime(text);
  return ms === undefined ? text : isoUtc(ms);
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** `just now`, `3 minutes ago`, `2 days ago`; future times (clock skew) read `in 3 minutes`. */
export function relativeTime(ms: number, now: number): string {
  const seconds = Math.round((now - ms) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const phrase = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return seconds >= 0 ? `${phrase} ago` : `in ${phrase}`;
    }
  }
  return 'just now';
}

/** `9s`, `2m 5s`, `1h 3m`, `2d 4h`: the two largest units, the second omitted when zero. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return '0s';
  // findIndex found it, so parts[first] exists.
  const [n1, u1] = parts[first] as [number, string];
  const next = parts[first + 1];
  return next && next[0] > 0 ? `${n1}${u1} ${next[0]}${next[1]}` : `${n1}${u1}`;
}

/** Seconds from start to end; undefined while running (end null) or when a time is unreadable. */
export function durationSeconds(start: string | null | undefined, end: string | null | undefined): number | undefined {
  const a = parseApiTime(start);
  const b = parseApiTime(end);
  if (a === undefined || b === undefined) return undefined;
  return Math.max(0, Math.round((b - a) / 1000));
}

/**
 * Local wall-clock time in `timeZone` (undefined: the system zone) with its UTC offset, e.g.
 * `2020-11-09 15:21:59 +08:00`. The offset is computed, not taken from ICU's zone names, so the
 * text is the same on every Node build.
 */
export function formatLocal(ms: number, timeZone?: string): string {
  const parts = zonedFormat(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offsetMinutes = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const date = `${pad(get('year'), 4)}-${pad(get('month'))}-${pad(get('day'))}`;
  const clock = `${pad(get('hour'))}:${pad(get('minute'))}:${pad(get('second'))}`;
  return `${date} ${clock} ${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A formatter for `timeZone`; a zone Intl does not know (e.g. `TZ=:/etc/localtime`) falls back to the system's. */
function zonedFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat('en-US', options);
  }
}

const SHORT_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 86400],
  ['mo', 30 * 86400],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
];

/** The narrow form of relativeTime for tight tables: `now`, `17m ago`, `2d ago`, `in 3m`. */
export function shortRelativeTime(ms: number, now: number): string {
  const seconds = Math.round((now - ms) / 1000);
  const abs = Math.abs(seconds);
  for (const [unit, size] of SHORT_UNITS) {
    if (abs >= size) {
      const phrase = `${Math.floor(abs / size)}${unit}`;
      return seconds >= 0 ? `${phrase} ago` : `in ${phrase}`;
    }
  }
  return 'now';
}
