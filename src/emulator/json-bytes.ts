/**
 * Writing JSON straight to UTF-8 bytes. A page of 100 invocations is ~95 KB of JSON holding a
 * few Chinese descriptions; V8 then keeps the whole page as a two-byte string, and encoding that
 * to UTF-8 cost more than building the page (1.8 ms of the 5 ms a Limit-100 page took). Here
 * ASCII text is gathered in a string and written in one call, and text that is not ASCII comes
 * already encoded (each distinct value once), so no page-sized two-byte string is ever made.
 *
 * The server writes each whole response into one buffer taken from a small pool and returns it
 * when the response is handed to the kernel: a fresh 100 KB buffer per page cost page faults
 * (0.5 ms a page while a client paused between pages), twice when a page was copied into its
 * envelope.
 */

/** A value that writes its own JSON into the response (a page of invocations; see successBody). */
export class WrittenJson {
  constructor(readonly write: (out: ByteWriter) => void) {}
}

/** Any string as JSON text; `ascii` tells the writer it may gather it with other ASCII text. */
export interface JsonText {
  text: string;
  ascii: boolean;
  bytes: Buffer;
}

// eslint-disable-next-line no-control-regex -- the test is exactly "only 7-bit characters"
const ASCII = /^[\x00-\x7f]*$/;

export function jsonText(value: unknown): JsonText {
  const text = JSON.stringify(value);
  return { text, ascii: ASCII.test(text), bytes: Buffer.from(text, 'utf8') };
}

export class ByteWriter {
  private at = 0;
  /** ASCII (or any) text not yet written: one native write per run of text, not per field. */
  private pending = '';

  /** `buffer`: where to write (a pooled one); a bigger one replaces it when it is full. */
  constructor(private buffer: Buffer = Buffer.allocUnsafe(64 * 1024)) {}

  /** The buffer written to, for returning to a pool once the bytes are no longer needed. */
  get storage(): Buffer {
    return this.buffer;
  }

  /** Any string: written as UTF-8. Cheapest for ASCII, which is all this is called with on hot paths. */
  text(text: string): void {
    this.pending += text;
  }

  json(value: JsonText): void {
    if (value.ascii) this.pending += value.text;
    else this.bytes(value.bytes);
  }

  bytes(bytes: Buffer): void {
    this.flush();
    this.room(bytes.length);
    bytes.copy(this.buffer, this.at);
    this.at += bytes.length;
  }

  /** The bytes written so far (a view of the writer's buffer: write nothing after taking it). */
  done(): Buffer {
    this.flush();
    return this.buffer.subarray(0, this.at);
  }

  private flush(): void {
    if (this.pending === '') return;
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    this.room(this.pending.length * 3);
    this.at += this.buffer.write(this.pending, this.at, 'utf8');
    this.pending = '';
  }

  private room(size: number): void {
    if (this.at + size <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + size));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }
}

/**
 * Response buffers whose bytes the kernel has taken, for the next responses to write into. At
 * most `keep` buffers of at most `largest` bytes are kept (a task page with outputs can take
 * megabytes once; it is not kept).
 */
export class BufferPool {
  private readonly spare: Buffer[] = [];

  constructor(
    private readonly size = 256 * 1024,
    private readonly keep = 8,
    private readonly largest = 1024 * 1024,
  ) {}

  take(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  give(buffer: Buffer): void {
    if (this.spare.length < this.keep && buffer.length <= this.largest && !this.spare.includes(buffer))
      this.spare.push(buffer);
  }

  get held(): number {
    return this.spare.length;
  }
}
