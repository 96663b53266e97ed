import { parseApiTime } from '../api/time.js';
import { UsageError } from '../errors.js';
import type { FetchedPage } from '../api/paginate.js';
import { closest } from '../values.js';
import { normalStatus } from '../api/status.js';

/**
 * Filters the API does not have, applied by tat to each page as it arrives: a status set and a
 * creation-time window. The API lists newest first, so the first record older than `--since`
 * means every later page is older too: paging stops there.
 */

export interface ClientFilterOptions {
  /** Wanted statuses (upper case); empty: any. */
  statuses: string[];
  /** Milliseconds since the epoch; records created before are dropped (and paging stops). */
  since?: number;
  /** Milliseconds since the epoch; records created after are dropped. */
  until?: number;
}

export function hasClientFilters(options: ClientFilterOptions): boolean {
  return options.statuses.length > 0 || options.since !== undefined || options.until !== undefined;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * `--since`/`--until`: a duration back from now (`90s`, `30m`, `24h`, `7d`, `2w`) or an ISO 8601
 * date or time (`2026-11-27`, `2026-11-27T08:00:00+08:00`; without a zone it is UTC), read by
 * the same reader as the API's times (api/time.ts), so a bound and a CreatedTime written alike
 * mean the same instant. A date that does not exist (`2026-02-30`) is refused, not rolled over.
 */
export function parseTimeBound(value: string, flag: string, now: number): number {
  const text = value.trim();
  const duration = /^(\d+)\s*(s|m|h|d|w)$/.exec(text);
  if (duration) return now - Number(duration[1]) * UNIT_MS[duration[2]!]!;
  const ms = parseApiTime(text);
  if (ms !== undefined) return ms;
  const shaped = /^\d{4}-\d{2}-\d{2}/.test(text);
  throw new UsageError(
    shaped
      ? `${flag} '${value}' is not a valid time (no such date or time of day)`
      : `${flag} '${value}' is neither a duration nor a time`,
    `Use a duration back from now such as 30m, 24h or 7d, or an ISO time such as 2026-11-27 or 2026-11-27T08:00:00Z.`,
  );
}

/** `--status failed,TIMEOUT --status x` → upper-case, known values only, duplicates dropped. */
export function parseStatuses(values: readonly string[], flag: string, known: readonly string[]): string[] {
  const statuses: string[] = [];
  for (const part of values.flatMap((value) => value.split(','))) {
    const status = part.trim().toUpperCase();
    if (status === '')
      throw new UsageError(
        `${flag} has an empty status`,
        `Separate statuses with commas, e.g. ${flag} FAILED,TIMEOUT.`,
      );
    if (!known.includes(status)) {
      const near = closest(
        status,
        known.map((k) => k.toLowerCase()),
      )?.toUpperCase();
      throw new UsageError(
        `${flag}: '${part.trim()}' is not a status`,
        `${near ? `Did you mean ${near}? ` : ''}Known statuses: ${known.join(', ')}.`,
      );
    }
    if (!statuses.includes(status)) statuses.push(status);
  }
  return statuses;
}

export function checkWindow(options: ClientFilterOptions): void {
  if (options.since !== undefined && options.until !== undefined && options.since >= options.until)
    throw new UsageError(
      '--since is not before --until',
      'Give --since an earlier time than --until, e.g. --since 7d --until 24h.',
    );
}

export interface RecordFields<T> {
  status(record: T): string;
  created(record: T): string;
}

/**
 * How many pages a filtered listing should ask for ahead (paginate's `ahead`), from what the pages
 * read so far say: with `--since`, the pages its time span still needs at the density seen (the
 * API lists newest first, so the cut-off is that far down); with `--limit`, the pages the missing
 * rows need at the rate they matched. Without either (`--status FAILED --all`), the whole window:
 * every page is needed. A guess only bounds the overshoot: paging still stops at the cut-off.
 */
export class Lookahead {
  private pages = 0;
  private seen = 0;
  private matched = 0;
  private newest: number | undefined;
  private oldest: number | undefined;

  constructor(
    private readonly since: number | undefined,
    /** Filtered rows wanted in all (offset + limit); undefined: every one. */
    private readonly wanted: number | undefined,
  ) {}

  /** One page read: its records, how many passed the filters, and their creation times. */
  observe(records: number, matched: number, times: readonly number[]): void {
    this.pages += 1;
    this.seen += records;
    this.matched += matched;
    for (const time of times) {
      this.newest = this.newest === undefined ? time : Math.max(this.newest, time);
      this.oldest = this.oldest === undefined ? time : Math.min(this.oldest, time);
    }
  }

  ahead(): number {
    if (this.pages === 0 || this.seen === 0) return 1;
    const perPage = this.seen / this.pages;
    let pages = Number.POSITIVE_INFINITY;
    const { since, newest, oldest } = this;
    if (since !== undefined && newest !== undefined && oldest !== undefined && newest > oldest)
      pages = Math.min(pages, Math.ceil((this.seen * Math.max(0, (oldest - since) / (newest - oldest))) / perPage));
    if (this.wanted !== undefined && this.matched > 0)
      pages = Math.min(pages, Math.ceil((this.wanted - this.matched) / (this.matched / this.pages)));
    return Math.max(1, pages);
  }
}

/**
 * Applies the filters to each page and ends the stream at the first page that reaches past
 * `--since`. A record whose time cannot be read matches no time window (and stops nothing).
 * `lookahead` is told what each page held.
 */
export async function* filterPages<T>(
  pages: AsyncIterable<FetchedPage<T>>,
  options: ClientFilterOptions,
  fields: RecordFields<T>,
  lookahead?: Lookahead,
): AsyncGenerator<FetchedPage<T>> {
  const windowed = options.since !== undefined || options.until !== undefined;
  for await (const page of pages) {
    let older = false;
    const times: number[] = [];
    const items = page.items.filter((record) => {
      const created = parseApiTime(fields.created(record));
      if (created !== undefined) times.push(created);
      // Statuses compare whatever their case (api/status.ts): `--status SUCCESS` finds `success`.
      if (options.statuses.length && !options.statuses.includes(normalStatus(fields.status(record)))) return false;
      if (!windowed) return true;
      if (created === undefined) return false;
      if (options.since !== undefined && created < options.since) {
        older = true;
        return false;
      }
      return options.until === undefined || created <= options.until;
    });
    lookahead?.observe(page.items.length, items.length, times);
    yield { ...page, items };
    if (older) return;
  }
}
