import type { TableColumn } from './resource.js';
import { parseApiTime } from '../api/time.js';
import { relativeTime, shortRelativeTime } from './time.js';

/**
 * A table column of a record's time as `3 minutes ago`, shortened to `3m ago` on a narrow
 * terminal; a time that cannot be read is shown as given.
 */
export function timeAgoColumn<T>(
  header: string,
  time: (r: T) => string | null | undefined,
  drop?: number,
): TableColumn<T> {
  const show = (r: T, now: number, format: (ms: number, now: number) => string): string => {
    const text = time(r) ?? '';
    const ms = parseApiTime(text);
    return ms === undefined ? text : format(ms, now);
  };
  return {
    header,
    drop,
    value: (r, now) => show(r, now, relativeTime),
    short: (r, now) => show(r, now, shortRelativeTime),
  };
}
