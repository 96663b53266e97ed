/**
 * `--data` records that say they are finished but give no EndTime (hand-written test data, or a
 * trimmed saved answer) get one a client can rely on: never before the start, the same on every
 * run. Records still going keep EndTime null, as the API answers them.
 */
import { FINAL_INVOCATION_STATUSES, FINAL_TASK_STATUSES } from '../../api/types.js';
import { formatTime } from './model.js';

const FINAL: ReadonlySet<string> = new Set([...FINAL_INVOCATION_STATUSES, ...FINAL_TASK_STATUSES]);
const TIMED_OUT: ReadonlySet<string> = new Set(['TIMEOUT', 'TASK_TIMEOUT']);

export function isFinal(status: string): boolean {
  return FINAL.has(status.toUpperCase());
}

export interface EndInputs {
  status: string;
  /** When it started (StartTime, else CreatedTime): an ISO 8601 time already checked to parse. */
  start: string;
  /** UpdatedTime as given, if it was: a finished record's last change is its end. */
  updated?: string;
  /** The command's Timeout in seconds. */
  timeoutSeconds: number;
}

/**
 * The given EndTime if there is one; else null while not final; else a timed-out record's start
 * plus its Timeout, else its UpdatedTime when that is not before the start, else one second after
 * the start (what the official page's `pwd` example took). Written in the start's own offset style.
 */
export function endTimeOf(given: unknown, e: EndInputs): string | null {
  if (typeof given === 'string') return given;
  if (!isFinal(e.status)) return null;
  const startMs = Date.parse(e.start);
  const updatedMs = e.updated === undefined ? Number.NaN : Date.parse(e.updated);
  const timeoutMs = Number.isFinite(e.timeoutSeconds) && e.timeoutSeconds > 0 ? e.timeoutSeconds * 1000 : 1000;
  const suffix = e.start.endsWith('+00:00') ? '+00:00' : 'Z';
  if (TIMED_OUT.has(e.status.toUpperCase())) return formatTime(startMs + timeoutMs, suffix);
  if (e.updated !== undefined && updatedMs >= startMs) return e.updated;
  return formatTime(startMs + 1000, suffix);
}
