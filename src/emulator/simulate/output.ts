/**
 * What a simulated task prints, when, and what the agent keeps of it: the first 24,576 bytes (a
 * multi-byte character may be split), the rest only counted. Large outputs are never built:
 * a generator is asked only for the bytes still kept.
 */
import { MAX_OUTPUT_BYTES } from '../constants.js';

/** Output printed at one moment of the run: the bytes kept, and how many beyond the cut were printed then. */
export interface OutputChunk {
  /** Milliseconds after the command started. */
  atMs: number;
  bytes: Buffer;
  dropped: number;
}

export class OutputSink {
  readonly chunks: OutputChunk[] = [];
  private kept = 0;

  /** `size` bytes printed at `atMs`; `first(n)` gives the first n of them (called only for what is kept). */
  print(atMs: number, size: number, first: (n: number) => Buffer): void {
    if (size <= 0) return;
    const keep = Math.min(size, MAX_OUTPUT_BYTES - this.kept);
    const bytes = keep > 0 ? first(keep).subarray(0, keep) : Buffer.alloc(0);
    this.kept += bytes.length;
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.atMs === atMs) {
      last.bytes = Buffer.concat([last.bytes, bytes]);
      last.dropped += size - bytes.length;
    } else this.chunks.push({ atMs, bytes, dropped: size - bytes.length });
  }

  text(atMs: number, text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.print(atMs, bytes.length, () => bytes);
  }

  get output(): Buffer {
    return Buffer.concat(this.chunks.map((chunk) => chunk.bytes));
  }

  get dropped(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.dropped, 0);
  }
}
