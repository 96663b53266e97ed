/**
 * Strict base64 (RFC 4648 standard alphabet, padded). Node's own decoder silently skips bad
 * characters and accepts missing padding, which would turn a corrupt record into garbage.
 */

const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The decoded bytes, or undefined when `text` is not strictly valid base64. */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!STRICT.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
