/**
 * `-o json`: the API's records unchanged (same keys, same order, nothing added), indented with
 * two spaces, newline at the end. Nothing is written before `end`, so a failure half-way leaves
 * stdout empty. The bytes never depend on the terminal or colour.
 *
 * Memory: each page is serialised as it arrives and kept as UTF-8 bytes, not as parsed records,
 * and `end` writes those bytes slab by slab rather than joining them, so `--all` over a large
 * fleet holds about the output's size once (not its records plus one giant string).
 */
import { escapeJsonText } from './escape.js';
import type { FormatContext, Formatter } from './types.js';

/** One array element: the record's indented text, itself indented one level inside `[ ]`. */
function element(record: unknown): string {
  return `  ${escapeJsonText(JSON.stringify(record, null, 2)).replace(/\n/g, '\n  ')}`;
}

export const streams = false;

/**
 * Text appended into large fixed slabs rather than one Buffer per page: small retained buffers
 * interleaved with each page's short-lived response buffers fragment the C heap, and the process
 * then holds nearly twice what it keeps.
 */
const SLAB_BYTES = 4 * 1024 * 1024;

class Slabs {
  private readonly filled: Buffer[] = [];
  private current = Buffer.allocUnsafeSlow(SLAB_BYTES);
  private used = 0;

  append(text: string): void {
    const length = Buffer.byteLength(text, 'utf8');
    if (this.used + length > this.current.length) {
      if (this.used > 0) this.filled.push(this.current.subarray(0, this.used));
      this.current = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, length));
      this.used = 0;
    }
    this.used += this.current.write(text, this.used, 'utf8');
  }

  /** Every slab in order, handed over: the caller drops each once written. */
  take(): Buffer[] {
    const all = [...this.filled, this.current.subarray(0, this.used)];
    this.filled.length = 0;
    this.current = Buffer.alloc(0);
    this.used = 0;
    return all;
  }
}

export function create<T>(ctx: FormatContext<T>): Formatter<T> {
  // One record asked for: the bare object, so the first record is kept as it is.
  const bare = ctx.cardinality === 'one';
  const slabs = new Slabs();
  let first: T | undefined;
  let count = 0;
  return {
    async write(page) {
      if (page.length === 0) return;
      // Each page carries what goes before it: `[` first, the comma between pages after that.
      slabs.append(`${count === 0 ? '[\n' : ',\n'}${page.map(element).join(',\n')}`);
      if (count === 0) first = page[0];
      count += page.length;
    },
    async end() {
      if (bare) {
        // Nothing found: nothing written (the command reports it).
        if (count === 0) return;
        if (count === 1) return ctx.out.write(`${escapeJsonText(JSON.stringify(first, null, 2))}\n`);
      }
      if (count === 0) return ctx.out.write('[]\n');
      const written = slabs.take();
      for (let index = 0; index < written.length; index++) {
        const slab = written[index]!;
        // Written slabs are dropped as we go, so memory falls while writing.
        written[index] = EMPTY;
        await ctx.out.write(slab);
      }
      await ctx.out.write('\n]\n');
    },
  };
}

const EMPTY = Buffer.alloc(0);
