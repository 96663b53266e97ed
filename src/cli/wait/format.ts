import { escapeInline } from '../../output/escape.js';
import { statusCategory } from '../../output/status.js';

/** Small pieces of text shared by the live view, the change lines and the summary. */

/** `42s`, `3m05s`, `1h02m`: elapsed times, never negative (clocks differ). */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

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
