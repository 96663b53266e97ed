/** The API 3.0 error envelope: every business or protocol error is HTTP 200 with this body. */

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

/** Success envelope; RequestId first, as in the seed page's example output. */
export function successBody(data: Record<string, unknown>, requestId: string): string {
  return JSON.stringify({ Response: { RequestId: requestId, ...data } });
}
