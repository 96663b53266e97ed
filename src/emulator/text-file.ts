/**
 * Files the emulator is told to read (`--data`, `--secret-key-file`, `--token-file`): opened
 * without blocking (a FIFO would otherwise hang the start until a writer comes), only regular
 * files, never read past a cap (a link to /dev/zero, a 1 GB file), and decoded as UTF-8 (a
 * byte-order mark dropped) or UTF-16 with a byte-order mark, as editors on Windows save it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Reads `path` as text; throws an Error saying what is wrong with the file (never its content). */
export function readTextFile(path: string, maxBytes: number): string {
  // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new Error(`it is ${kindOf(info)}, not a regular file`);
    if (info.size > maxBytes) throw tooLarge(maxBytes, info.size);
    // Read to the end but never past the cap: a file can grow after fstat.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw tooLarge(maxBytes, length);
    return decode(buffer.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** UTF-8 (a byte-order mark dropped), or UTF-16 LE/BE with its byte-order mark; anything else is refused. */
export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return bytes.subarray(2, bytes.length - (bytes.length % 2)).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
      .swap16()
      .toString('utf16le');
  try {
    // fatal: invalid UTF-8 throws instead of turning into U+FFFD; the decoder drops a UTF-8 BOM.
    return UTF8.decode(bytes);
  } catch {
    throw new Error('it is not UTF-8 text (nor UTF-16 with a byte-order mark)');
  }
}

function tooLarge(maxBytes: number, size: number): Error {
  return new Error(`it is larger than ${maxBytes / 1024 / 1024} MiB (${size} bytes or more)`);
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}
