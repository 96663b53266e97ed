/**
 * A resource is described once: its id, its tsv columns (a documented contract), its table
 * columns and how each gives way on a narrow terminal, its detail view, and what `-o content`
 * prints. Every format reads records only through this description, so a new resource is one
 * file under src/output/resources/ and nothing else (docs/development.md).
 */
import type { StatusCategory, Painter } from './status.js';

export interface TsvColumn<T> {
  /** Name used in docs/output.md. */
  name: string;
  /** API field(s) the value comes from. */
  source: string;
  value(r: T): string;
}

export interface TableColumn<T> {
  header: string;
  value(r: T, now: number): string;
  /**
   * A shorter form (`17m ago` for `17 minutes ago`), used for every row of this column before
   * anything is truncated or dropped when the terminal is narrow.
   */
  short?(r: T, now: number): string;
  /** May be truncated (widest first) to fit the terminal, down to `min` cells (default: the header's width). */
  flexible?: boolean;
  min?: number;
  /** May be hidden on a narrow terminal; lower numbers go first. */
  drop?: number;
  /** Never truncated or hidden (ids, statuses): a very narrow terminal overflows instead. */
  pinned?: boolean;
  /** When set, the cell is coloured by this category. */
  category?(r: T): StatusCategory;
}

/** What a detail view needs besides the record. */
export interface DetailOptions {
  paint: Painter;
  /** IANA zone; undefined = the system zone. */
  timeZone?: string;
  /** Terminal width for tables inside the view; 0 = unlimited. */
  width: number;
  now: number;
  /** With several regions: the record's region, shown as a `Region` line after the id. */
  region?: string;
}

export interface Resource<T> {
  /** Singular and plural nouns for messages: `invocation`, `invocations`. */
  noun: string;
  plural: string;
  id(r: T): string;
  tsv: readonly TsvColumn<T>[];
  table: readonly TableColumn<T>[];
  /** The full view of one record on a terminal; without it, the table shows rows. */
  detail?(r: T, o: DetailOptions): string;
  /**
   * The bytes `-o content` prints for one record (a script, a task's output). Without it,
   * `-o content` is refused before any request. Throws a TatError when the data cannot be decoded.
   */
  content?(r: T): Uint8Array;
  /** What `-o content` prints, for help and errors: `the decoded command`. */
  contentLabel?: string;
}
