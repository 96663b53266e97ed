import { escapeInline } from '../../output/escape.js';
import { statusCategory } from '../../output/status.js';

/** Small pieces of text shared by the live view, the change lines and the summary. */

/** A one-character mark for a status: ✓ success, ✗ failure, – cancelled, · still going. */
export function statusMark(status: string): string {
  switch (statusCategory(status)) {
    case 'success':
      return '✓';
    case 'failure':
      return '✗';
    case 'cancelled':
      return '–';
    default:
      return '·';
  }
}

/** Text from the server, made safe for one terminal line. */
export function safe(text: unknown): string {
  return escapeInline(typeof text === 'string' ? text : String(text ?? ''));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
