import { ApiError, TransportError } from '../errors.js';
import type { HttpResponse } from './transport.js';

/**
 * API 3.0 answers with HTTP 200 and `{"Response": {...}}`; errors live in `Response.Error`.
 * Anything else is a transport or gateway failure, quoted so the user can see what came back.
 */

export function snippet(body: string, max = 200): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

export function parseEnvelope(action: string, host: string, response: HttpResponse): Record<string, unknown> {
  if (response.status !== 200) {
    throw new TransportError(
      `${host} answered HTTP ${response.status} to ${action}: ${snippet(response.body)}`,
      response.status >= 500 || response.status === 429,
      undefined,
      undefined,
      { status: response.status },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    // An HTML gateway page, an empty or a truncated body: usually passing, so worth a retry.
    throw new TransportError(
      `${host} answered ${action} with a body that is not JSON: ${snippet(response.body)}`,
      true,
    );
  }
  const envelope = isObject(parsed) ? parsed.Response : undefined;
  if (!isObject(envelope))
    throw new TransportError(
      `${host} answered ${action} without a "Response" object: ${snippet(response.body)}`,
      false,
    );
  const requestId = typeof envelope.RequestId === 'string' ? envelope.RequestId : undefined;
  if (envelope.Error !== undefined) {
    const error = envelope.Error;
    if (!isObject(error) || typeof error.Code !== 'string')
      throw new TransportError(`${host} answered ${action} with a malformed error: ${snippet(response.body)}`, false);
    throw new ApiError(error.Code, typeof error.Message === 'string' ? error.Message : '', requestId, action);
  }
  return envelope;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
