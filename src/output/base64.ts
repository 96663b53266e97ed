/**
 * Strict base64 (RFC 4648 standard alphabet, padded). Node's own decoder silently skips bad
 * characters and accepts missing padding, which would turn a corrupt record into garbage.
 */
import { ExitCode, TatError } from '../errors.js';

const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The decoded bytes, or undefined when `text` is not strictly valid base64. */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!STRICT.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A record's base64 field that is not valid base64, so `-o content` cannot print its bytes. */
export class ContentDecodeError extends TatError {
  constructor(what: string) {
    super(`${what} is not valid base64, so it cannot be decoded`, ExitCode.Failure, 'Use -o json to see the raw value.');
  }
}

/** The decoded bytes of a record's field (empty when absent); throws ContentDecodeError saying `what` (`CommandContent of inv-…`). */
export function decodeField(base64: string | null | undefined, what: string): Uint8Array {
  const bytes = decodeBase64Strict(base64 ?? '');
  if (bytes === undefined) throw new ContentDecodeError(what);
  return bytes;
}
