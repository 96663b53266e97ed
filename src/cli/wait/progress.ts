import type { Terminal } from '../terminal/terminal.js';
import type { Change } from './changes.js';
import { formatElapsed } from '../../output/time.js';
import { plural, safe } from './format.js';
import { renderLiveView } from './live-view.js';
import type { PollerHooks } from './poller.js';
import { invocationOf, isFinalTaskStatus, regionOf, showsRegions, type WaitEntry, type WaitState } from './state.js';

/**
 * What a person sees on stderr while `wait` runs: the live view, redrawn in place, where the
 * terminal may draw one (src/cli/terminal/terminal.ts decides); otherwise one line per state
 * change; under --quiet, nothing.
 */

export interface Progress {
  hooks: PollerHooks;
  /** Which invocations' tasks to fetch (the live view only). */
  wantsTasks?(state: WaitState): readonly WaitEntry[];
  tickMs?: number;
  /** True while the live view is drawn (it ends with its last frame on screen, a recap of its own). */
  readonly live: boolean;
  /** Draws the final frame (live) and gives the terminal back. */
  finish(state: WaitState): Promise<void>;
  /** Stops drawing at once (an interrupt, a failure): the cursor comes back, nothing is drawn again. */
  stop(): void;
}

export function createProgress(terminal: Terminal, options: { now(): number; quiet: boolean }): Progress {
  const block = options.quiet ? undefined : terminal.live();
  if (block) {
    let last: WaitState | undefined;
    const draw = (state: WaitState, done = false): Promise<void> => {
      last = state;
      return block.draw(renderLiveView(state, { lines: block.budget(), now: options.now(), done }));
    };
    // A resized terminal gets a frame laid out for its new size at once.
    block.onResize = () => {
      if (last) draw(last).catch(() => undefined);
    };
    return {
      live: true,
      tickMs: 1000,
      hooks: { onPoll: (state) => draw(state), onTick: (state) => draw(state) },
      // Tasks only for what can be on screen: the first rows' worth of invocations.
      wantsTasks: (state) =>
        state.entries.slice(0, block.budget()).filter((entry) => entry.kind === 'found' || entry.kind === 'final'),
      async finish(state) {
        await draw(state, true);
        await block.finish();
      },
      stop: () => block.stop(),
    };
  }
  const stop = (): void => undefined;
  if (options.quiet) return { live: false, hooks: {}, finish: async () => undefined, stop };
  const seen = new Set<string>();
  return {
    live: false,
    hooks: {
      async onPoll(state, changes) {
        const lines = changeLines(state, changes, seen, options.now());
        if (lines.length) await terminal.write(lines.map((line) => `${line}\n`).join(''));
      },
    },
    finish: async () => undefined,
    stop,
  };
}

/**
 * One line per change: `12s inv-x RUNNING → SUCCESS`, `12s inv-x ins-y RUNNING → FAILED`.
 * An invocation's first sighting gives one line for it, not one per instance.
 */
export function changeLines(state: WaitState, changes: readonly Change[], seen: Set<string>, now: number): string[] {
  const at = formatElapsed(now - state.startedAt).padStart(6);
  // Looked up by id once per round, not searched for per change (a first round changes every id).
  const byId = changes.length ? new Map(state.entries.map((entry) => [entry.id, entry])) : undefined;
  // Several regions: each line names the invocation's region before its id.
  const regions = showsRegions(state);
  const who = (id: string): string => {
    const entry = byId?.get(id);
    return regions ? `${safe((entry && regionOf(entry)) ?? '?')} ${id}` : id;
  };
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
      lines.push(
        `${at} ${who(change.id)} ${change.from === undefined ? '' : `${safe(change.from)} → `}${safe(change.to)}${instanceCount(byId?.get(change.id))}`,
      );
      continue;
    }
    if (firstSeen.has(change.id) && change.from === undefined) continue;
    lines.push(
      `${at} ${who(change.id)} ${safe(change.instanceId)} ${change.from === undefined ? '' : `${safe(change.from)} → `}${safe(change.to)}`,
    );
  }
  return lines;
}

function instanceCount(entry: WaitEntry | undefined): string {
  const basic = entry ? invocationOf(entry)?.InvocationTaskBasicInfoSet : undefined;
  if (!Array.isArray(basic) || basic.length === 0) return '';
  const done = basic.filter((task) => isFinalTaskStatus(task.TaskStatus)).length;
  return ` (${done} of ${plural(basic.length, 'instance')} done)`;
}
