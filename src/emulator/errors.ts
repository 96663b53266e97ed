/** The API 3.0 error envelope: every business or protocol error is HTTP 200 with this body. */
import { ByteWriter, WrittenJson } from './json-bytes.js';

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
 * Success envelope as UTF-8 bytes, written into `out`; RequestId first, as in the seed page's
 * example output. The same bytes as JSON.stringify({ Response: { RequestId, ...data } }), where a
 * WrittenJson value (a page of invocations) writes its own JSON.
 */
export function successBody(data: Record<string, unknown>, requestId: string, out = new ByteWriter()): Buffer {
  out.text(`{"Response":{"RequestId":${JSON.stringify(requestId)}`);
  for (const [key, value] of Object.entries(data)) {
    if (value instanceof WrittenJson) {
      out.text(`,${JSON.stringify(key)}:`);
      value.write(out);
      continue;
    }
    // JSON.stringify returns undefined for undefined and functions, though typed as string.
    const json = JSON.stringify(value) as string | undefined;
    // As JSON.stringify leaves out keys whose value has no JSON form (undefined, functions).
    if (json !== undefined) out.text(`,${JSON.stringify(key)}:${json}`);
  }
  out.text('}}');
  return out.done();
}
