import { statusCategory } from '../../output/status.js';
import type { LiveLine, Segment } from '../terminal/live-block.js';
import { parseApiTime } from '../../api/time.js';
import { formatElapsed } from '../../output/time.js';
import { plural, statusMark } from './format.js';
import {
  endedBadly,
  instancesOf,
  invocationOf,
  isFinalTaskStatus,
  isPending,
  normalStatus,
  regionOf,
  showsRegions,
  type WaitEntry,
  type WaitState,
} from './state.js';

/**
 * The live view of `wait`, as lines of styled pieces: one per invocation, under it one per
 * instance once the invocation has tasks, and a footer. A pure function of the state, the clock
 * and the number of lines the terminal's live block has room for (src/cli/terminal/live-block.ts
 * fits each line to the width, makes server text visible and paints it).
 *
 * Linear in the number of ids, with lines built only for what is shown: a frame of 40,000 ids
 * reads each entry a few times and builds at most `lines` lines, so a redraw never keeps a
 * signal waiting.
 */

export interface ViewOptions {
  /** The most lines the view may have (at least 1). */
  lines: number;
  now: number;
  /** Set once waiting is over (final footer). */
  done?: boolean;
}

/** Widths shared by every line of a frame, measured once. */
interface Layout {
  state: WaitState;
  now: number;
  idWidth: number;
  /** 0: one region, no REGION column. */
  regionWidth: number;
  statusWidth: number;
}

export function renderLiveView(state: WaitState, options: ViewOptions): LiveLine[] {
  const budget = Math.max(1, Math.floor(options.lines));
  const footer = footerLine(state, options);
  if (budget === 1) return [footer];
  const entries = state.entries;
  const layout: Layout = { state, now: options.now, idWidth: 0, regionWidth: 0, statusWidth: 0 };
  for (const entry of entries) {
    layout.idWidth = Math.max(layout.idWidth, entry.id.length);
    layout.statusWidth = Math.max(layout.statusWidth, statusText(entry).length);
  }
  // Several regions: as wide as the longest region holding an id (not of every region asked).
  if (showsRegions(state))
    for (const entry of entries) layout.regionWidth = Math.max(layout.regionWidth, (regionOf(entry) ?? '').length);

  const room = budget - 1;
  if (entries.length > room) return [...squeezed(entries, layout, room), footer];
  // Every invocation has its line; instances fill what is left, in order. Finished invocations
  // only keep theirs when everything fits.
  let total = entries.length;
  for (const entry of entries) total += instanceCount(entry);
  const everything = total <= room;
  let left = room - entries.length;
  const out: LiveLine[] = [];
  for (const entry of entries) {
    const instances = everything || entry.kind !== 'final' ? instanceCount(entry) : 0;
    out.push(invocationLine(entry, layout));
    if (instances === 0) continue;
    if (instances <= left) {
      out.push(...instanceLines(entry, options.now));
      left -= instances;
    } else if (left >= 2) {
      out.push(...instanceLines(entry, options.now).slice(0, left - 1), [
        [`    … ${plural(instances - left + 1, 'more instance')}`, 'dim'],
      ]);
      left = 0;
    } else if (left === 1) {
      out.push([[`    … ${plural(instances, 'instance')}`, 'dim']]);
      left = 0;
    }
  }
  return [...out, footer];
}

/** Not even one line per invocation fits: the ones still going first, then a line for the rest. */
function squeezed(entries: readonly WaitEntry[], layout: Layout, room: number): LiveLine[] {
  const shown: WaitEntry[] = [];
  for (const entry of entries) if (shown.length < room - 1 && isPending(entry)) shown.push(entry);
  for (const entry of entries) if (shown.length < room - 1 && !isPending(entry)) shown.push(entry);
  const picked = new Set(shown);
  let going = 0;
  let failed = 0;
  for (const entry of entries) {
    if (picked.has(entry)) continue;
    if (isPending(entry)) going++;
    else if (endedBadly(entry) && statusCategory(normalStatus(entry.invocation.InvocationStatus)) !== 'success')
      failed++;
  }
  const hidden = entries.length - shown.length;
  const parts = [`${going} waiting`, `${hidden - going} done${failed ? ` (${failed} not SUCCESS)` : ''}`];
  return [
    ...shown.map((entry) => invocationLine(entry, layout)),
    [[`… ${plural(hidden, 'more invocation')}: ${parts.join(', ')}`, 'dim']],
  ];
}

function instanceCount(entry: WaitEntry): number {
  if (entry.kind !== 'found' && entry.kind !== 'final') return 0;
  const basic = entry.invocation.InvocationTaskBasicInfoSet;
  return Array.isArray(basic) ? basic.length : 0;
}

function invocationLine(entry: WaitEntry, layout: Layout): LiveLine {
  const line = invocationStatusLine(entry, layout);
  if (layout.regionWidth === 0) return line;
  return [
    line[0]!,
    [`${(regionOf(entry) ?? '').padEnd(layout.regionWidth)}  `, entry.kind === 'unreachable' ? 'failure' : 'dim'],
    ...line.slice(1),
  ];
}

/** What the status column says for an invocation. */
function statusText(entry: WaitEntry): string {
  const invocation = invocationOf(entry);
  if (entry.kind === 'missing') return 'NOT FOUND';
  if (entry.kind === 'unreachable') return invocation ? normalStatus(invocation.InvocationStatus) : 'not visible';
  return invocation ? normalStatus(invocation.InvocationStatus) : 'not visible yet';
}

/** `mark id status  details`: the status padded so that the details line up, when there are any. */
function columns(
  mark: Segment,
  id: string,
  status: string,
  width: number,
  style: Segment[1],
  details: string,
  detailStyle: Segment[1] = 'dim',
): Segment[] {
  if (details === '') return [mark, [`${id}  `], [status, style]];
  return [mark, [`${id}  `], [status.padEnd(width), style], [`  ${details}`, detailStyle]];
}

function invocationStatusLine(entry: WaitEntry, layout: Layout): Segment[] {
  // Ids differ in length (inv-q4zp60g0, inv-hc91n6ga8c): padded to the longest, statuses line up.
  const id = entry.id.padEnd(layout.idWidth);
  const { now, state, statusWidth } = layout;
  const text = statusText(entry);
  if (entry.kind === 'missing') return columns(['? ', 'failure'], id, text, statusWidth, 'failure', '');
  const invocation = invocationOf(entry);
  if (entry.kind === 'unreachable')
    return columns(['! ', 'failure'], id, text, statusWidth, 'dim', 'region failed, no longer waited on', 'failure');
  if (!invocation) return columns(['· ', 'dim'], id, text, statusWidth, 'dim', formatElapsed(now - state.startedAt));
  const category = statusCategory(text);
  const instances = instancesOf(entry);
  let done = 0;
  for (const instance of instances) if (isFinalTaskStatus(instance.status)) done++;
  const created = parseApiTime(invocation.CreatedTime);
  const ended = parseApiTime(invocation.EndTime);
  // PENDING has not started anywhere yet: no running time to show.
  const elapsed =
    created === undefined || text === 'PENDING'
      ? ''
      : formatElapsed((entry.kind === 'final' && ended !== undefined ? ended : now) - created);
  const counts = instances.length ? `${done} of ${plural(instances.length, 'instance')} done` : '';
  return columns(
    [`${statusMark(text)} `, category],
    id,
    text,
    statusWidth,
    category,
    [counts, elapsed].filter((part) => part !== '').join('  '),
  );
}

function instanceLines(entry: WaitEntry, now: number): LiveLine[] {
  const instances = instancesOf(entry);
  let idWidth = 0;
  let statusWidth = 0;
  for (const instance of instances) {
    idWidth = Math.max(idWidth, instance.instanceId.length);
    statusWidth = Math.max(statusWidth, instance.status.length);
  }
  return instances.map((instance) => {
    const category = statusCategory(instance.status);
    const exit = instance.exitCode === undefined ? '' : `exit ${instance.exitCode}`;
    const start = instance.startedMs;
    const end = isFinalTaskStatus(instance.status) ? instance.endedMs : now;
    const elapsed = start === undefined || end === undefined ? '' : formatElapsed(end - start);
    const details = [exit, elapsed].filter((part) => part !== '').join('  ');
    return columns(
      [`    ${statusMark(instance.status)} `, category],
      instance.instanceId.padEnd(idWidth),
      instance.status,
      statusWidth,
      category,
      details,
    );
  });
}

function footerLine(state: WaitState, options: ViewOptions): LiveLine {
  const total = state.entries.length;
  let going = 0;
  for (const entry of state.entries) if (isPending(entry)) going++;
  const elapsed = formatElapsed(options.now - state.startedAt);
  if (options.done || going === 0)
    return [[`${total - going} of ${plural(total, 'invocation')} done after ${elapsed}`, 'dim']];
  const next =
    state.nextPollAt === undefined
      ? 'checking now'
      : `next check in ${formatElapsed(state.nextPollAt - options.now + 999)}`;
  const where = showsRegions(state) ? ` in ${plural(state.regions.length - state.failedRegions.size, 'region')}` : '';
  return [
    [
      `Waiting for ${going} of ${plural(total, 'invocation')}${where} · ${elapsed} · ${next} · Ctrl+C stops waiting`,
      'dim',
    ],
  ];
}
