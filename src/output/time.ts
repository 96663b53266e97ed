import { parseApiTime } from '../api/time.js';

/**
 * Time helpers for the formatters. Times are read by api/time.ts (the one reader); durations are
 * written by formatDuration below (the one writer). Every function is pure: the current time and
 * the zone are parameters.
 */

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

/**
 * The one way tat writes a duration, everywhere (tables, detail views, the wait's live view,
 * summaries): the two largest units, the second always two digits: `9s`, `1m27s`, `2m00s`,
 * `2h05m`, `3d04h`. Whole seconds, rounded down (a clock never shows a second not yet passed);
 * never negative (clocks differ).
 */
export function formatDuration(totalSeconds: number): string {
  const s = Number.isFinite(totalSeconds) ? Math.max(0, Math.floor(totalSeconds)) : 0;
  if (s < 60) return `${s}s`;
  const [big, bigUnit, small, smallUnit] =
    s < 3600
      ? [Math.floor(s / 60), 'm', s % 60, 's']
      : s < 86400
        ? [Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'm']
        : [Math.floor(s / 86400), 'd', Math.floor((s % 86400) / 3600), 'h'];
  return `${big}${bigUnit}${String(small).padStart(2, '0')}${smallUnit}`;
}

/** formatDuration of a span in milliseconds (the wait's clocks). */
export function formatElapsed(ms: number): string {
  return formatDuration(ms / 1000);
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
