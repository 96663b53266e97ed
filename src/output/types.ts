import type { OutputStream } from '../deps.js';

/** 0 none, 1 basic 16 colours, 2 256 colours, 3 truecolor (chalk's levels). Decided once in main. */
export type ColorLevel = 0 | 1 | 2 | 3;

export interface FormatContext {
  /** Where data goes. Formatters write only here; never to stderr. */
  out: OutputStream;
  colorLevel: ColorLevel;
  /** Terminal width for table layout; 0 means unlimited (not a terminal). */
  columns: number;
  /** Milliseconds since the epoch, for relative times ("3 minutes ago"). */
  now(): number;
  /** IANA zone for local times in detail views; undefined uses the system zone. */
  timeZone?: string;
  /**
   * `list`: many records (json prints an array). `get`: records asked for by id; with
   * `single` true exactly one id was asked for (json prints the bare object).
   */
  view: 'list' | 'get';
  single: boolean;
}

/**
 * A formatter receives records page by page, as they arrive, and is ended once. Streaming
 * formats (ndjson, tsv, content) write in `write`; whole-document formats (json, table) buffer
 * and write in `end`, so a failure half-way leaves stdout untouched.
 */
export interface Formatter<T> {
  write(records: readonly T[]): Promise<void>;
  end(): Promise<void>;
}

export type FormatterFactory<T> = (ctx: FormatContext) => Formatter<T> | Promise<Formatter<T>>;
