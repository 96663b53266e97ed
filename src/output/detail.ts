/**
 * The detail view of one invocation (`tat invocations get` on a terminal): every field with a
 * readable label, times in local time with the UTC value beside them, parameters pretty-printed,
 * the decoded command content in an indented block, and a table of the per-instance tasks.
 */
import type { Invocation } from '../api/types.js';
import { decodeBase64Strict } from './base64.js';
import { DETAIL_FIELDS, TASK_COLUMNS, succeededCount, taskCount, type DetailField } from './columns.js';
import { escapeForTerminal, escapeInline, escapeJsonText } from './escape.js';
import { renderGrid, type TableCtor } from './grid.js';
import { paintStatus, statusCategory, type Painter } from './status.js';
import { formatDuration, formatLocal, parseApiTime, toUtcIso } from './time.js';

export interface DetailOptions {
  paint: Painter;
  Table: TableCtor;
  /** IANA zone; undefined = the system zone. */
  timeZone?: string;
  /** Terminal width for the task table; 0 = unlimited. */
  width: number;
}

const LABEL_WIDTH = Math.max(...DETAIL_FIELDS.map((f) => f.label.length)) + 2;
const CONTENT_INDENT = '    ';

/** Pretty JSON, `-` when empty, the raw text when it is not JSON. */
export function prettyJson(text: string | null | undefined): string {
  if (text == null || text.trim() === '') return '-';
  try {
    return escapeJsonText(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    return escapeForTerminal(text);
  }
}

function fieldValue(field: DetailField, r: Invocation, o: DetailOptions): string {
  const raw = field.value(r);
  const dash = o.paint.dim('-');
  switch (field.kind) {
    case 'status':
      return paintStatus(o.paint, statusCategory(String(raw ?? '')), escapeInline(String(raw ?? '-')));
    case 'time': {
      if (raw == null || raw === '') return r.EndTime == null && field.label === 'Ended' ? 'running' : dash;
      const ms = parseApiTime(String(raw));
      if (ms === undefined) return escapeInline(String(raw));
      return `${formatLocal(ms, o.timeZone)}  ${o.paint.dim(`(${toUtcIso(String(raw))})`)}`;
    }
    case 'seconds':
      return raw == null ? dash : `${escapeInline(String(raw))}s`;
    case 'duration':
      if (typeof raw === 'number') return formatDuration(raw);
      return r.EndTime == null ? 'running' : dash;
    case 'json':
      return prettyJson(raw == null ? undefined : String(raw));
    default:
      return raw == null || raw === '' ? dash : escapeInline(String(raw));
  }
}

/** The decoded script as display text (escaped for the terminal), or a note when undecodable. */
export function contentText(r: Invocation): string {
  const bytes = decodeBase64Strict(r.CommandContent ?? '');
  if (bytes === undefined) return `(not valid base64) ${escapeInline(r.CommandContent ?? '')}`;
  const text = new TextDecoder('utf-8').decode(bytes).replace(/\r?\n$/, '');
  return text === '' ? '-' : escapeForTerminal(text);
}

export function renderDetail(r: Invocation, o: DetailOptions): string {
  const lines: string[] = [];
  const label = (text: string): string => o.paint.bold(text.padEnd(LABEL_WIDTH));
  const continuation = ' '.repeat(LABEL_WIDTH);
  for (const field of DETAIL_FIELDS) {
    const [first = '', ...rest] = fieldValue(field, r, o).split('\n');
    lines.push(`${label(field.label)}${first}`);
    for (const line of rest) lines.push(`${continuation}${line}`);
  }
  lines.push(o.paint.bold('Command content'));
  for (const line of contentText(r).split('\n')) lines.push(`${CONTENT_INDENT}${line}`.trimEnd());
  const tasks = r.InvocationTaskBasicInfoSet ?? [];
  lines.push(o.paint.bold(`Tasks (${taskCount(r)}, ${succeededCount(r)} ok)`));
  let out = `${lines.join('\n')}\n`;
  if (tasks.length > 0) {
    out += renderGrid({
      Table: o.Table,
      headers: TASK_COLUMNS,
      rows: tasks.map((t) => [t.InvocationTaskId, t.InstanceId, t.TaskStatus]),
      width: o.width,
      indent: '  ',
      paintHeader: (h) => o.paint.bold(h),
      paintCell: (row, column, text) =>
        column === 2 ? paintStatus(o.paint, statusCategory(tasks[row]?.TaskStatus), text) : text,
    });
  }
  return out;
}
