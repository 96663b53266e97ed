/**
 * Strict base64 (RFC 4648 standard alphabet, padded). Node's own decoder silently skips bad
 * characters and accepts missing padding, which would turn a corrupt record into garbage.
 */
import { ExitCode, TatError } from '../errors.js';

/** The decoded bytes, or undefined when `text` is not strictly valid base64. */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!isStrictBase64(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Whole groups of four alphabet characters, the last one ending in at most two `=`. One pass over
 * the characters, not a regular expression: V8's backtracking over `(?:…{4})*` overflowed the
 * stack from about 4.47 million characters (a task Output of a few megabytes).
 */
export function isStrictBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const data = text.length - padding;
  for (let i = 0; i < data; i++) if (!isAlphabet(text.charCodeAt(i))) return false;
  return true;
}

function isAlphabet(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    (code >= 48 && code <= 57) || // 0-9
    code === 43 || // +
    code === 47 // /
  );
}

/** A record's base64 field that is not valid base64, so `-o content` cannot print its bytes. */
export class ContentDecodeError extends TatError {
  constructor(what: string) {
    super(
      `${what} is not valid base64, so it cannot be decoded`,
      ExitCode.Failure,
      'Use -o json to see the raw value.',
    );
  }
}

/** The decoded bytes of a record's field (empty when absent); throws ContentDecodeError saying `what` (`CommandContent of inv-…`). */
export function decodeField(base64: string | null | undefined, what: string): Uint8Array {
  const bytes = decodeBase64Strict(base64 ?? '');
  if (bytes === undefined) throw new ContentDecodeError(what);
  return bytes;
}
