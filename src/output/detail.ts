/**
 * Building blocks of detail views (`get` on a terminal): labelled fields with times in local
 * time and the UTC value beside them, pretty-printed JSON, and indented blocks of decoded text.
 * Each resource lists its own fields (src/output/resources/); the layout is shared.
 */
import { decodeBase64Strict } from './base64.js';
import { escapeForTerminal, escapeInline, escapeJsonText } from './escape.js';
import type { DetailOptions } from './resource.js';
import { paintStatus, statusCategory } from './status.js';
import { parseApiTime } from '../api/time.js';
import { formatDuration, formatLocal, toUtcIso } from './time.js';

export type DetailKind = 'text' | 'status' | 'time' | 'json' | 'seconds' | 'duration';

export interface DetailField<T> {
  label: string;
  kind: DetailKind;
  value(r: T): string | number | null | undefined;
  /**
   * Shown instead of `-` when the value is empty (`running for 2m05s` for an end time not yet
   * reached); `now` is the clock of the view, so elapsed time needs no clock of its own.
   */
  empty?(r: T, now: number): string | undefined;
}

const BLOCK_INDENT = '    ';

/** Pretty JSON, `-` when empty, the raw text when it is not JSON. */
export function prettyJson(text: string | null | undefined): string {
  if (text == null || text.trim() === '') return '-';
  try {
    return escapeJsonText(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    return escapeForTerminal(text);
  }
}

/**
 * `valueWidth` is the room left of the terminal after the label (0 = unlimited): a time whose
 * local and UTC forms do not both fit puts the UTC form on its own line instead of letting the
 * terminal break `07:21:59` in two.
 */
function fieldValue<T>(field: DetailField<T>, r: T, o: DetailOptions, valueWidth: number): string {
  const raw = field.value(r);
  const empty = raw == null || raw === '';
  const dash = field.empty?.(r, o.now) ?? o.paint.dim('-');
  switch (field.kind) {
    case 'status':
      return empty ? dash : paintStatus(o.paint, statusCategory(String(raw)), escapeInline(String(raw)));
    case 'time': {
      if (empty) return dash;
      const ms = parseApiTime(String(raw));
      if (ms === undefined) return escapeInline(String(raw));
      const local = formatLocal(ms, o.timeZone);
      const utc = `(${toUtcIso(String(raw))})`;
      const fits = valueWidth <= 0 || local.length + 2 + utc.length <= valueWidth;
      return `${local}${fits ? '  ' : '\n'}${o.paint.dim(utc)}`;
    }
    case 'seconds':
      // A whole number of seconds reads as a duration (`1h00m`, `1h30m`); anything else is shown as given.
      if (empty) return dash;
      return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0
        ? formatDuration(raw)
        : `${escapeInline(String(raw))}s`;
    case 'duration':
      return typeof raw === 'number' ? formatDuration(raw) : dash;
    case 'json':
      return prettyJson(empty ? undefined : String(raw));
    default:
      return empty ? dash : escapeInline(String(raw));
  }
}

/** `Label        value` lines (continuation lines aligned under the value), each ending in a newline. */
export function renderFields<T>(given: readonly DetailField<T>[], r: T, o: DetailOptions): string {
  // Records from several regions say where they are, right under the id (as the table's REGION column).
  const fields =
    o.region === undefined
      ? given
      : [...given.slice(0, 1), { label: 'Region', kind: 'text' as const, value: () => o.region }, ...given.slice(1)];
  let labelWidth = 0;
  for (const field of fields) labelWidth = Math.max(labelWidth, field.label.length + 2);
  const continuation = ' '.repeat(labelWidth);
  const lines: string[] = [];
  for (const field of fields) {
    const [first = '', ...rest] = fieldValue(field, r, o, o.width > 0 ? o.width - labelWidth : 0).split('\n');
    lines.push(`${o.paint.bold(field.label.padEnd(labelWidth))}${first}`);
    for (const line of rest) lines.push(`${continuation}${line}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Base64 text decoded for display (escaped for the terminal), `-` when empty, a note when undecodable. */
export function decodedText(base64: string | null | undefined): string {
  const bytes = decodeBase64Strict(base64 ?? '');
  if (bytes === undefined) return `(not valid base64) ${escapeInline(base64 ?? '')}`;
  const text = new TextDecoder('utf-8').decode(bytes).replace(/\r?\n$/, '');
  return text === '' ? '-' : escapeForTerminal(text);
}

/** A bold title and an indented block of text. */
export function renderBlock(title: string, text: string, o: DetailOptions): string {
  const lines = [o.paint.bold(title)];
  for (const line of text.split('\n')) lines.push(`${BLOCK_INDENT}${line}`.trimEnd());
  return `${lines.join('\n')}\n`;
}
