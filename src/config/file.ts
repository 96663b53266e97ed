import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * How every configuration file is read (tat's, the SDKs', tccli's): they sit at paths other tools
 * and other users can put anything at. A FIFO there once hung every command (opening it waits for
 * a writer, in a thread no Ctrl+C reaches), and a link to /dev/zero or a 1 GB file was read whole.
 * So a file is opened without blocking, must be a regular file, and is read up to a cap; its text
 * is UTF-8, or UTF-16 with a byte-order mark (Windows editors save that), and anything else that
 * holds NUL bytes is refused rather than parsed into nothing, which would let the credential
 * chain move on to another account's keys.
 */

/** Configuration files are a few KB; a megabyte is hundreds of profiles. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** A file that exists but cannot be used as configuration; `message` says why (never its content). */
export class UnusableFile extends Error {
  constructor(
    message: string,
    /** What to do about it. */
    readonly hint: string,
  ) {
    super(message);
    this.name = 'UnusableFile';
  }
}

/** The file's text. Rejects with the system's error (ENOENT, EACCES...) or an UnusableFile. */
export async function readConfigText(path: string): Promise<string> {
  // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    // A folder keeps the system's own error, as every other read failure does.
    if (info.isDirectory())
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    if (!info.isFile())
      throw new UnusableFile(
        `it is ${kindOf(info)}, not a regular file`,
        'Replace it with a regular file, or remove it.',
      );
    if (info.size > MAX_CONFIG_BYTES) throw tooLarge(info.size);
    // Read to the end but never past the cap: a file can grow after fstat.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_CONFIG_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_CONFIG_BYTES) throw tooLarge(length);
        break;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return decode(buffer.subarray(0, length));
  } finally {
    await handle.close();
  }
}

/** UTF-8 (a byte-order mark dropped), or UTF-16 LE/BE with its byte-order mark. */
export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return bytes.subarray(2, bytes.length - (bytes.length % 2)).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
      .swap16()
      .toString('utf16le');
  if (bytes.includes(0))
    throw new UnusableFile(
      'it holds NUL bytes (UTF-16 without a byte-order mark, or not text)',
      'Save it as UTF-8 (or UTF-16 with a byte-order mark).',
    );
  return bytes.toString('utf8');
}

function tooLarge(size: number): UnusableFile {
  return new UnusableFile(
    `it is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB (${size} bytes or more)`,
    'A configuration file is a few KB: check that the path names the right file.',
  );
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}
