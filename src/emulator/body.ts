/**
 * Request bodies, read only once the headers have passed (protocol.ts admitRequest), hashed as
 * they arrive, and held within one budget of bytes shared by every connection: clients that
 * upload large bodies at once wait their turn instead of growing the process without bound.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A claim on the budget: `ready` once granted; `release()` gives it back (or leaves the queue). */
export interface Lease {
  readonly bytes: number;
  readonly ready: Promise<void>;
  release(): void;
}

/** Bytes of request bodies the server may hold at once, granted first come, first served. */
export class BodyBudget {
  private used = 0;
  private highest = 0;
  private readonly queue: Array<{ bytes: number; grant: () => void }> = [];

  constructor(readonly limit: number) {}

  /** Bytes held now. */
  get inFlight(): number {
    return this.used;
  }

  /** Claims waiting for room. */
  get waiting(): number {
    return this.queue.length;
  }

  /** The most bytes held at once since start. */
  get peak(): number {
    return this.highest;
  }

  /** Claims `bytes` (at most `limit`): granted at once when they fit and nobody waits, else in turn. */
  acquire(bytes: number): Lease {
    const wanted = Math.min(bytes, this.limit);
    let state: 'waiting' | 'granted' | 'released' = 'waiting';
    let grant = (): void => {};
    const ready = new Promise<void>((resolve) => {
      grant = () => {
        state = 'granted';
        this.take(wanted);
        resolve();
      };
    });
    const entry = { bytes: wanted, grant };
    if (this.queue.length === 0 && this.used + wanted <= this.limit) grant();
    else this.queue.push(entry);
    return {
      bytes: wanted,
      ready,
      release: () => {
        if (state === 'granted') {
          this.used -= wanted;
          this.pump();
        } else if (state === 'waiting') {
          this.queue.splice(this.queue.indexOf(entry), 1);
          // A large claim leaving the head may let smaller ones behind it in.
          this.pump();
        }
        state = 'released';
      },
    };
  }

  private take(bytes: number): void {
    this.used += bytes;
    this.highest = Math.max(this.highest, this.used);
  }

  private pump(): void {
    while (this.queue.length > 0 && this.used + this.queue[0]!.bytes <= this.limit) this.queue.shift()!.grant();
  }
}

/** Content-Length as a number; undefined when the body is chunked (or the header is odd). */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length'];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

export type Received = { bytes: Buffer; sha256Hex: string } | 'too large' | 'aborted';

/**
 * Waits for `lease`, then reads the body, hashing each chunk as it comes (so the signature check
 * needs no second pass). `'too large'` as soon as more than `max` bytes arrive (the rest is not
 * kept); `'aborted'` when the client goes away first, waiting included.
 */
export async function readBody(req: IncomingMessage, lease: Lease, max: number): Promise<Received> {
  // A client that disconnects mid-upload (or while waiting) is normal traffic for a server, not an error to log.
  const gone = new Promise<'aborted'>((resolve) => {
    req.on('error', () => resolve('aborted'));
    req.on('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
  if ((await Promise.race([lease.ready, gone])) === 'aborted') return 'aborted';
  const read = new Promise<Received>((resolve) => {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    let cut = false;
    req.on('data', (chunk: Buffer) => {
      if (cut) return;
      size += chunk.length;
      if (size > max || size > lease.bytes) {
        // The rest is read and dropped, not kept.
        cut = true;
        chunks.length = 0;
        resolve('too large');
        return;
      }
      hash.update(chunk);
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!cut) resolve({ bytes: Buffer.concat(chunks, size), sha256Hex: hash.digest('hex') });
    });
  });
  return Promise.race([read, gone]);
}
