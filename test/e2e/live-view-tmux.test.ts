import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, ROOT, TAT } from '../helpers/spawn.js';

/**
 * The live view of `wait` in a real terminal emulator (tmux, issue 19.1 and 19.2): what a person
 * sees on the screen and in the scrollback, not bytes counted. Each test runs tat in a detached
 * tmux session of a given size on its own server, waits for it to end, and reads the pane.
 */

let emulator: RunningEmulator | undefined;
let dir: string;
let socket: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tat-tmux-'));
  socket = join(dir, 'tmux.sock');
});

/** An emulator whose 4 live invocations end within seconds (faster with a higher `speed`). */
async function live(speed = 10): Promise<RunningEmulator> {
  emulator = await startEmulator({
    port: 0,
    rateLimit: 0,
    invocations: 20,
    live: 4,
    liveOutcomes: ['SUCCESS', 'SUCCESS'],
    speed,
  });
  return emulator;
}
afterEach(async () => {
  try {
    execFileSync('tmux', ['-S', socket, 'kill-server'], { stdio: 'ignore' });
  } catch {
    // Already gone.
  }
  rmSync(dir, { recursive: true, force: true });
  await emulator?.close();
  emulator = undefined;
});

const tmux = (...args: string[]): string => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });

/** Runs `command` (a shell line) in a `columns`×`rows` pane until it ends; gives the pane's scrollback and screen. */
async function inTmux(
  command: string,
  columns: number,
  rows: number,
  meanwhile?: (screen: () => string[]) => Promise<void>,
): Promise<{ history: string[]; screen: string[]; all: string[] }> {
  const env = { ...emulatorEnv(emulator!.url), TERM: 'xterm-256color' };
  const script = join(dir, 'run.sh');
  const exports = Object.entries(env).map(([name, value]) => `export ${name}='${value.replace(/'/g, `'\\''`)}'`);
  // The shell runs the command as a person at a terminal would: outside CI (CI=true, as the CI
  // run sets it, draws no live view), then tells the test it ended and keeps the pane open to be read.
  writeFileSync(
    script,
    [...exports, 'unset CI', `cd '${ROOT}'`, command, `tmux -S '${socket}' wait-for -S done`, 'sleep 60'].join('\n'),
  );
  writeFileSync(join(dir, 'tmux.conf'), 'set -g history-limit 50000\nset -g status off\n');
  tmux('-f', join(dir, 'tmux.conf'), 'new-session', '-d', '-x', String(columns), '-y', String(rows), `bash ${script}`);
  const capture = (...range: string[]): string[] =>
    tmux('capture-pane', '-p', '-J', ...range)
      .replace(/\n+$/, '')
      .split('\n');
  // Not a synchronous wait: the emulator answering tat runs in this process.
  const ended = promisify(execFile)('tmux', ['-S', socket, 'wait-for', 'done'], { timeout: 60_000 });
  await meanwhile?.(() => capture());
  await ended;
  const size = Number(tmux('display-message', '-p', '#{history_size}').trim());
  return {
    history: size > 0 ? capture('-S', '-', '-E', '-1') : [],
    screen: capture(),
    all: capture('-S', '-', '-E', '-'),
  };
}

describe('the live view of wait in tmux', () => {
  it('with records on the same terminal (-o ndjson): each record stays whole on screen or in the scrollback (issue 19.1)', async () => {
    const ids = (await live()).liveIds.join(' ');
    const pane = await inTmux(`${process.execPath} ${TAT} invocations wait ${ids} --interval 200ms -o ndjson`, 80, 24);
    const records = pane.all.filter((line) => line.startsWith('{'));
    expect(records.map((line) => (JSON.parse(line) as { InvocationId: string }).InvocationId).sort()).toEqual(
      [...emulator!.liveIds].sort(),
    );
    expect(pane.screen.join('\n')).toMatch(/4 of 4 invocations done after/);
  }, 90_000);

  it.each(['cat', "sed -e ''"])(
    'piped to `%s` at the same terminal: records whole, no live view drawn over them (issue 19.1)',
    async (reader) => {
      const ids = (await live()).liveIds.join(' ');
      const pane = await inTmux(
        `${process.execPath} ${TAT} invocations wait ${ids} --interval 200ms -o ndjson | ${reader}`,
        80,
        24,
      );
      const records = pane.all.filter((line) => line.startsWith('{'));
      expect(records).toHaveLength(4);
      for (const line of records) expect(line).toMatch(/^\{"CommandId".*"InvocationId":"inv-/);
      // Change lines instead of a view: nothing erased, nothing redrawn.
      expect(pane.all.some((line) => / inv-\w+ RUNNING → SUCCESS/.test(line))).toBe(true);
    },
    90_000,
  );

  it('many frames on a small terminal leave the scrollback alone (issue 19.2)', async () => {
    const ids = (await live()).liveIds.join(' ');
    // stdout to a file: the view alone is on the terminal, redrawn every 100 ms poll and every second.
    const pane = await inTmux(
      `${process.execPath} ${TAT} invocations wait ${ids} --interval 100ms -o ndjson > ${join(dir, 'out.ndjson')}`,
      80,
      12,
    );
    expect(pane.screen.join('\n')).toMatch(/4 of 4 invocations done after/);
    // No frame was copied into the history: nothing of the view is found there.
    expect(pane.history.filter((line) => /inv-|Waiting for/.test(line))).toEqual([]);
  }, 90_000);

  it.each([
    [50, 20],
    [50, 9],
  ])(
    'a terminal shrunk to %i×%i mid-wait gets whole frames at its new size, not torn ones (issue 23.16)',
    async (columns, rows) => {
      const ids = (await live(4)).liveIds.join(' ');
      const pane = await inTmux(
        `${process.execPath} ${TAT} invocations wait ${ids} --interval 200ms -o ndjson > ${join(dir, 'out.ndjson')}`,
        100,
        20,
        async (screen) => {
          while (!screen().some((line) => line.startsWith('Waiting for')))
            await new Promise((resolve) => setTimeout(resolve, 100));
          tmux('resize-window', '-x', String(columns), '-y', String(rows));
        },
      );
      // On screen, one whole view: each invocation once, one footer. (Rows tmux itself pushed into
      // the scrollback while reflowing the narrowed lines stay there: they are out of reach.)
      const shown = pane.screen.filter((line) => line !== '');
      for (const id of ids.split(' ')) expect(shown.filter((line) => line.includes(id))).toHaveLength(1);
      expect(shown.filter((line) => /invocations done after|^Waiting for/.test(line))).toHaveLength(1);
      for (const line of pane.screen) expect(line.length).toBeLessThanOrEqual(columns);
      // What the resize itself pushed up, at most a screenful; never a copy per frame.
      expect(pane.history.length).toBeLessThanOrEqual(20);
    },
    90_000,
  );
});
