/**
 * The one reader of times, for everything that compares, orders, filters or shows them: API
 * fields (`CreatedTime`, `StartTime`...), `--since`/`--until`, the wait's clocks. The API
 * documents `2020-11-09T07:21:59Z` and returns `2020-11-09T07:21:59+00:00`; some servers write
 * `2020-11-09 07:21:59`, or `… 15:21:59 +08:00`. A time without a zone is UTC, whatever zone
 * this computer is in (JavaScript's Date.parse reads it as local time), and a date that does not
 * exist (`2026-02-30`) is refused rather than rolled over into March.
 */

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?[ ]?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Milliseconds since the epoch, or undefined when the text is not an ISO 8601 date or date-time
 * (a date alone is its midnight; minutes and seconds may be left out, as in `--since`).
 */
export function parseApiTime(text: string | null | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const fields = [Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)] as const;
  const [y, mo, d, h, mi, s] = fields;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const offset = zoneOffsetMinutes(zone);
  if (offset === undefined) return undefined;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: that one reads years 0-99 as 1900-1999.
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
  return date.getTime() - offset * 60_000;
}

/** `Z` or absent: 0; `+08:00`/`-0530`: signed minutes; an impossible offset: undefined. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  if (hours > 14 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
