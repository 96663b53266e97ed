import type { OutputStream } from '../deps.js';
import type { Resource } from './resource.js';

/** 0 none, 1 basic 16 colours, 2 256 colours, 3 truecolor (chalk's levels). Decided once in main. */
export type ColorLevel = 0 | 1 | 2 | 3;

/**
 * What the command prints, said by the command, so that no format asks which command called it.
 * - `one`: exactly one record was asked for (json prints the bare object, content no header).
 *   `many`: any number (json prints an array, content a `==> id <==` header before each).
 * - `detail`: the records were named by id and a terminal shows each in full; `rows`: one line each.
 */
export interface Shape {
  cardinality: 'one' | 'many';
  layout: 'rows' | 'detail';
}

export interface FormatContext<T = unknown> extends Shape {
  /** Where data goes. Formatters write only here; never to stderr. */
  out: OutputStream;
  /** How the records are described: id, columns, detail view, content. */
  resource: Resource<T>;
  colorLevel: ColorLevel;
  /** Terminal width for table layout; 0 means unlimited (not a terminal). */
  columns: number;
  /** Milliseconds since the epoch, for relative times ("3 minutes ago"). */
  now(): number;
  /** IANA zone for local times in detail views; undefined uses the system zone. */
  timeZone?: string;
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

/** What every format module exports. */
export interface FormatModule {
  /** True when records are written as each page arrives (bounded memory; partial output on failure). */
  readonly streams: boolean;
  create<T>(ctx: FormatContext<T>): Formatter<T> | Promise<Formatter<T>>;
}

/** A formatter together with what its format declared, as commands see it. */
export interface Printer<T> extends Formatter<T> {
  readonly streams: boolean;
}
