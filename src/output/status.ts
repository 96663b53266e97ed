/**
 * Invocation and task statuses mapped to how they are shown. Compared case-insensitively
 * (one API example returns lower-case values). Unknown statuses (servers add them) are shown
 * plainly.
 */

import { normalStatus } from '../api/status.js';

export type StatusCategory = 'success' | 'failure' | 'progress' | 'cancelled' | 'unknown';

const CATEGORIES: Readonly<Record<string, StatusCategory>> = {
  SUCCESS: 'success',
  FAILED: 'failure',
  TIMEOUT: 'failure',
  PARTIAL_FAILED: 'failure',
  TASK_TIMEOUT: 'failure',
  DELIVER_FAILED: 'failure',
  START_FAILED: 'failure',
  TERMINATED: 'failure',
  PENDING: 'progress',
  RUNNING: 'progress',
  CANCELLING: 'progress',
  DELIVERING: 'progress',
  DELIVER_DELAYED: 'progress',
  CANCELLED: 'cancelled',
  PARTIAL_CANCELLED: 'cancelled',
};

export function statusCategory(status: string | null | undefined): StatusCategory {
  return CATEGORIES[normalStatus(status)] ?? 'unknown';
}

/** The subset of chalk the formatters use, so helpers stay testable without chalk. */
export interface Painter {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** Colours a status (or any text) by its category: green, red, yellow, dim. */
export function paintStatus(painter: Painter, category: StatusCategory, text: string): string {
  switch (category) {
    case 'success':
      return painter.green(text);
    case 'failure':
      return painter.red(text);
    case 'progress':
      return painter.yellow(text);
    case 'cancelled':
      return painter.dim(text);
    default:
      return text;
  }
}
