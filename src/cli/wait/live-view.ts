import { displayWidth, truncate } from '../../output/fit.js';
import { statusCategory, type StatusCategory } from '../../output/status.js';
import { parseApiTime } from '../../api/time.js';
import { formatElapsed } from '../../output/time.js';
import { plural, safe, statusMark } from './format.js';
import { endedBadly, instancesOf, invocationOf, isFinalTaskStatus, isPending, normalStatus, regionOf, showsRegions, type WaitEntry, type WaitState } from './state.js';

/**
 * The live view on a terminal, as lines: one per invocation, under it one per instance once
 * the invocation has tasks, and a footer. A pure function of the state, the clock and the
 * terminal size, so every fitting rule is testable. It never draws more lines than the
 * terminal has rows (minus one, for the cursor) nor wider than its columns: the view is redrawn
 * in place, which only works if nothing wraps or scrolls. Sizes of 0 (unknown) get defaults.
 */

export interface ViewOptions {
  columns: number;
  rows: number;
  now: number;
  color: boolean;
  /** Set once waiting is over (final footer). */
  done?: boolean;
}

export const DEFAULT_COLUMNS = 80;
export const DEFAULT_ROWS = 24;

type Segment = [text: string, category?: StatusCategory | 'dim'];
type Line = Segment[];

export function renderLiveView(state: WaitState, options: ViewOptions): string[] {
  const columns = options.columns > 0 ? options.columns : DEFAULT_COLUMNS;
  const rows = options.rows > 0 ? options.rows : DEFAULT_ROWS;
  const budget = Math.max(1, rows - 1);
  const lines = fit(state, options, budget);
  // The last column stays empty: writing into it makes some terminals wrap early.
  const width = Math.max(1, columns - 1);
  return lines.map((line) => paint(line, width, options.color));
}

function fit(state: WaitState, options: ViewOptions, budget: number): Line[] {
  const footer = footerLine(state, options);
  if (budget === 1) return [footer];
  const blocks = state.entries.map((entry) => ({ entry, head: invocationLine(entry, state, options.now), instances: instanceLines(entry, options.now) }));
  const total = (list: typeof blocks): number => list.reduce((sum, block) => sum + 1 + block.instances.length, 0) + 1;
  if (total(blocks) <= budget) return [...blocks.flatMap((block) => [block.head, ...block.instances]), footer];

  // Finished invocations collapse to their own line first.
  const collapsed = blocks.map((block) => (block.entry.kind === 'final' ? { ...block, instances: [] } : block));
  if (blocks.length + 1 <= budget) {
    let room = budget - blocks.length - 1;
    const out: Line[] = [];
    for (const block of collapsed) {
      out.push(block.head);
      if (block.instances.length <= room) {
        out.push(...block.instances);
        room -= block.instances.length;
      } else if (room >= 2) {
        out.push(...block.instances.slice(0, room - 1), [[`    … ${plural(block.instances.length - room + 1, 'more instance')}`, 'dim']]);
        room = 0;
      } else if (block.instances.length > 0 && room === 1) {
        out.push([[`    … ${plural(block.instances.length, 'instance')}`, 'dim']]);
        room = 0;
      }
    }
    return [...out, footer];
  }

  // Not even one line per invocation fits: the ones still going first, then a summary line.
  const ordered = [...blocks.filter((block) => isPending(block.entry)), ...blocks.filter((block) => !isPending(block.entry))];
  const shown = ordered.slice(0, budget - 2);
  const hidden = ordered.slice(budget - 2).map((block) => block.entry);
  return [...shown.map((block) => block.head), summaryLine(hidden), footer];
}

function invocationLine(entry: WaitEntry, state: WaitState, now: number): Line {
  const line = invocationStatusLine(entry, state, now);
  // Several regions: a REGION column after the mark, as wide as the longest region holding an
  // id (not of every region asked: --all-regions would pad to na-siliconvalley for nothing).
  if (!showsRegions(state)) return line;
  const width = Math.max(0, ...state.entries.map((other) => (regionOf(other) ?? '').length));
  return [line[0]!, [`${safe(regionOf(entry) ?? '').padEnd(width)}  `, entry.kind === 'unreachable' ? 'failure' : 'dim'], ...line.slice(1)];
}

function invocationStatusLine(entry: WaitEntry, state: WaitState, now: number): Line {
  // Ids differ in length (inv-q4zp60g0, inv-hc91n6ga8c): padded to the longest, statuses line up.
  const id = entry.id.padEnd(Math.max(...state.entries.map((other) => other.id.length)));
  if (entry.kind === 'missing') return [['? ', 'failure'], [`${id}  `], ['NOT FOUND', 'failure']];
  const invocation = invocationOf(entry);
  if (entry.kind === 'unreachable') return [['! ', 'failure'], [`${id}  `], [invocation ? safe(normalStatus(invocation.InvocationStatus)) : 'not visible', 'dim'], ['  region failed, no longer waited on', 'failure']];
  if (!invocation) return [['· ', 'dim'], [`${id}  `], ['not visible yet', 'dim'], [`  ${formatElapsed(now - state.startedAt)}`, 'dim']];
  const status = normalStatus(invocation.InvocationStatus);
  const category = statusCategory(status);
  const instances = instancesOf(entry);
  const done = instances.filter((instance) => isFinalTaskStatus(instance.status)).length;
  const created = parseApiTime(invocation.CreatedTime);
  const ended = parseApiTime(invocation.EndTime);
  const elapsed = created === undefined ? '' : `  ${formatElapsed((entry.kind === 'final' && ended !== undefined ? ended : now) - created)}`;
  const counts = instances.length ? `  ${done}/${plural(instances.length, 'instance')} done` : '';
  return [[`${statusMark(status)} `, category], [`${id}  `], [safe(status), category], [`${counts}${elapsed}`, 'dim']];
}

function instanceLines(entry: WaitEntry, now: number): Line[] {
  if (entry.kind !== 'found' && entry.kind !== 'final') return [];
  return instancesOf(entry).map((instance) => {
    const category = statusCategory(instance.status);
    const exit = instance.exitCode === undefined ? '' : `  exit ${instance.exitCode}`;
    const start = instance.startedMs;
    const end = isFinalTaskStatus(instance.status) ? instance.endedMs : now;
    const elapsed = start === undefined || end === undefined ? '' : `  ${formatElapsed(end - start)}`;
    return [[`    ${statusMark(instance.status)} `, category], [`${safe(instance.instanceId)}  `], [safe(instance.status), category], [`${exit}${elapsed}`, 'dim']];
  });
}

function summaryLine(hidden: readonly WaitEntry[]): Line {
  const going = hidden.filter(isPending).length;
  const failed = hidden.filter((entry) => endedBadly(entry) && statusCategory(normalStatus(entry.invocation.InvocationStatus)) !== 'success').length;
  const parts = [`${going} waiting`, `${hidden.length - going} done${failed ? ` (${failed} not SUCCESS)` : ''}`];
  return [[`… ${plural(hidden.length, 'more invocation')}: ${parts.join(', ')}`, 'dim']];
}

function footerLine(state: WaitState, options: ViewOptions): Line {
  const total = state.entries.length;
  const going = state.entries.filter(isPending).length;
  const elapsed = formatElapsed(options.now - state.startedAt);
  if (options.done || going === 0) return [[`${total - going} of ${plural(total, 'invocation')} done after ${elapsed}`, 'dim']];
  const next = state.nextPollAt === undefined ? 'checking now' : `next check in ${formatElapsed(state.nextPollAt - options.now + 999)}`;
  const where = showsRegions(state) ? ` in ${plural(state.regions.length - state.failedRegions.size, 'region')}` : '';
  return [[`Waiting for ${going} of ${plural(total, 'invocation')}${where} · ${elapsed} · ${next} · Ctrl+C stops waiting`, 'dim']];
}

const CODES: Record<string, [string, string]> = {
  success: ['\x1b[32m', '\x1b[39m'],
  failure: ['\x1b[31m', '\x1b[39m'],
  progress: ['\x1b[33m', '\x1b[39m'],
  cancelled: ['\x1b[2m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
};

/** Colours only whole lines that fit; a line cut to the width is shown plain. */
function paint(line: Line, width: number, color: boolean): string {
  const plain = line.map(([text]) => text).join('');
  if (displayWidth(plain) > width) return truncate(plain, width);
  if (!color) return plain;
  return line.map(([text, category]) => {
    const codes = category ? CODES[category] : undefined;
    return codes && text ? `${codes[0]}${text}${codes[1]}` : text;
  }).join('');
}
