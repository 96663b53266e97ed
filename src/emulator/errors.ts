/** The API 3.0 error envelope: every business or protocol error is HTTP 200 with this body. */
import { RawJson } from './json-bytes.js';

export class EmulatorApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorApiError';
  }
}

export function errorBody(code: string, message: string, requestId: string): string {
  return JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
}

/**
 * Success envelope as UTF-8 bytes; RequestId first, as in the seed page's example output. The
 * same bytes as JSON.stringify({ Response: { RequestId, ...data } }), except that a RawJson
 * value (a page already written as JSON bytes) is spliced in as it is.
 */
export function successBody(data: Record<string, unknown>, requestId: string): Buffer {
  const parts: Buffer[] = [];
  let text = `{"Response":{"RequestId":${JSON.stringify(requestId)}`;
  for (const [key, value] of Object.entries(data)) {
    if (value instanceof RawJson) {
      parts.push(Buffer.from(`${text},${JSON.stringify(key)}:`, 'utf8'), value.bytes);
      text = '';
      continue;
    }
    // JSON.stringify returns undefined for undefined and functions, though typed as string.
    const json = JSON.stringify(value) as string | undefined;
    // As JSON.stringify leaves out keys whose value has no JSON form (undefined, functions).
    if (json !== undefined) text += `,${JSON.stringify(key)}:${json}`;
  }
  parts.push(Buffer.from(`${text}}}`, 'utf8'));
  return Buffer.concat(parts);
}
