import type { OutputStream } from '../../deps.js';
import type { Change } from './changes.js';
import { formatElapsed } from '../../output/time.js';
import { safe } from './format.js';
import { DEFAULT_ROWS, renderLiveView } from './live-view.js';
import type { PollerHooks } from './poller.js';
import { invocationOf, isFinalTaskStatus, regionOf, showsRegions, type WaitEntry, type WaitState } from './state.js';
import { TerminalBlock } from './terminal-block.js';

/**
 * What a person sees on stderr while `wait` runs: on a terminal, the live view redrawn in
 * place; piped (or in CI), one line per state change; under --quiet, nothing.
 */

export type ProgressMode = 'live' | 'lines' | 'quiet';

export interface Progress {
  hooks: PollerHooks;
  /** Which invocations' tasks to fetch (the live view only). */
  wantsTasks?(state: WaitState): readonly WaitEntry[];
  tickMs?: number;
  /** The stream other writers should use while waiting (the live view keeps them above it). */
  stderr: OutputStream;
  /** Draws the final frame (live) and gives the terminal back. */
  finish(state: WaitState): Promise<void>;
  /** Ctrl+C: stop drawing now and say so, synchronously. */
  interrupt(text: string): void;
}

export interface ProgressOptions {
  stderr: OutputStream;
  now(): number;
  color: boolean;
}

export function createProgress(mode: ProgressMode, options: ProgressOptions): Progress {
  if (mode === 'live') return liveProgress(options);
  const { stderr } = options;
  const interrupt = (text: string): void => void stderr.write(text).catch(() => undefined);
  if (mode === 'quiet') return { hooks: {}, stderr, finish: async () => undefined, interrupt };
  const seen = new Set<string>();
  return {
    stderr,
    hooks: {
      async onPoll(state, changes) {
        const lines = changeLines(state, changes, seen, options.now());
        if (lines.length) await stderr.write(lines.map((line) => `${line}\n`).join(''));
      },
    },
    finish: async () => undefined,
    interrupt,
  };
}

function liveProgress(options: ProgressOptions): Progress {
  const block = new TerminalBlock(options.stderr);
  const draw = (state: WaitState, done = false): Promise<void> =>
    block.draw(renderLiveView(state, { columns: options.stderr.columns, rows: options.stderr.rows ?? 0, now: options.now(), color: options.color, done }));
  return {
    stderr: block.stream(),
    tickMs: 1000,
    hooks: { onPoll: (state) => draw(state), onTick: (state) => draw(state) },
    // Tasks only for what can be on screen: the first rows' worth of invocations.
    wantsTasks: (state) => state.entries.slice(0, Math.max(1, (options.stderr.rows || DEFAULT_ROWS) - 2)).filter((entry) => entry.kind === 'found' || entry.kind === 'final'),
    async finish(state) {
      await draw(state, true);
      await block.finish();
    },
    interrupt: (text) => block.stopNow(text),
  };
}

/**
 * One line per change: `12s inv-x RUNNING → SUCCESS`, `12s inv-x ins-y RUNNING → FAILED`.
 * An invocation's first sighting gives one line for it, not one per instance.
 */
export function changeLines(state: WaitState, changes: readonly Change[], seen: Set<string>, now: number): string[] {
  const at = formatElapsed(now - state.startedAt).padStart(6);
  // Several regions: each line names the invocation's region before its id.
  const regions = showsRegions(state) ? new Map(state.entries.map((entry) => [entry.id, regionOf(entry)])) : undefined;
  const who = (id: string): string => (regions ? `${safe(regions.get(id) ?? '?')} ${id}` : id);
  const firstSeen = new Set<string>();
  const lines: string[] = [];
  for (const change of changes) {
    if (change.kind === 'missing') {
      lines.push(`${at} ${change.id} not found${regions ? ' in any region' : ''}`);
      continue;
    }
    if (change.kind === 'invocation') {
      if (!seen.has(change.id)) {
        seen.add(change.id);
        firstSeen.add(change.id);
      }
      lines.push(`${at} ${who(change.id)} ${change.from === undefined ? '' : `${safe(change.from)} → `}${safe(change.to)}${instanceCount(state, change.id)}`);
      continue;
    }
    if (firstSeen.has(change.id) && change.from === undefined) continue;
    lines.push(`${at} ${who(change.id)} ${safe(change.instanceId)} ${change.from === undefined ? '' : `${safe(change.from)} → `}${safe(change.to)}`);
  }
  return lines;
}

function instanceCount(state: WaitState, id: string): string {
  const entry = state.entries.find((candidate) => candidate.id === id);
  const basic = entry ? invocationOf(entry)?.InvocationTaskBasicInfoSet : undefined;
  if (!Array.isArray(basic) || basic.length === 0) return '';
  const done = basic.filter((task) => isFinalTaskStatus(task.TaskStatus)).length;
  return ` (${done}/${basic.length} instances done)`;
}
