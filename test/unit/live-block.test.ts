import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { LiveLine } from '../../src/cli/terminal/live-block.js';
import { Terminal } from '../../src/cli/terminal/terminal.js';
import type { Deps, OutputStream } from '../../src/deps.js';
import { displayWidth } from '../../src/output/fit.js';
import { frames, redrawsInPlace, Screen } from '../helpers/frames.js';

/**
 * The live block of the terminal object, played on a virtual terminal that stdout and stderr
 * share (as at a real one): what a person sees, what goes to the scrollback, what is drawn over.
 */

interface Setup {
  stdoutTTY?: boolean;
  stdoutPipe?: boolean;
  columns?: number;
  rows?: number;
  env?: Deps['env'];
  flags?: { quiet?: boolean; debug?: boolean };
}

function setup(options: Setup = {}) {
  const screen = new Screen(options.columns ?? 80, options.rows ?? 24);
  const size = { columns: options.columns ?? 80, rows: options.rows ?? 24 };
  const stderrWrites: string[] = [];
  const raw = Object.assign(new PassThrough(), new EventEmitter());
  const stderr: OutputStream = {
    isTTY: true,
    get columns() {
      return size.columns;
    },
    get rows() {
      return size.rows;
    },
    raw,
    write: async (chunk) => {
      stderrWrites.push(String(chunk));
      screen.write(String(chunk));
    },
  };
  const stdout: OutputStream = {
    isTTY: options.stdoutTTY ?? true,
    columns: options.stdoutTTY === false ? 0 : size.columns,
    pipe: options.stdoutPipe,
    write: async (chunk) => {
      if (options.stdoutTTY !== false)
        screen.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    },
  };
  const io = { stdout, stderr, stdin: { isTTY: false, raw: new PassThrough() } } as Deps['io'];
  const interrupt = new AbortController();
  const terminal = new Terminal({ io, env: options.env ?? {}, sleep: async () => undefined, signal: interrupt.signal });
  terminal.configure(options.flags ?? {});
  return { screen, size, terminal, stderrWrites, raw, interrupt, stderrText: () => stderrWrites.join('') };
}

const line = (text: string): LiveLine => [[text]];
const view = (n: number, label = 'line'): LiveLine[] => Array.from({ length: n }, (_, i) => line(`${label} ${i + 1}`));

describe('where a live block may be drawn', () => {
  it.each([
    ['stdout is the same terminal', { stdoutTTY: true }, true],
    ['stdout is a file', { stdoutTTY: false, stdoutPipe: false }, true],
    ['stdout is a pipe (its reader may print to this terminal)', { stdoutTTY: false, stdoutPipe: true }, false],
    ['--quiet', { flags: { quiet: true } }, false],
    ['--debug (many lines: the block would redraw under each)', { flags: { debug: true } }, false],
    ['CI', { env: { CI: 'true' } }, false],
  ] as const)('%s: %p', (_name, options, drawn) => {
    expect(setup(options).terminal.live() !== undefined).toBe(drawn);
  });
});

describe('the live block', () => {
  it('redraws line by line in place and never erases below: a long wait leaves the scrollback alone', async () => {
    const { screen, terminal, stderrText } = setup({ columns: 80, rows: 12 });
    const block = terminal.live()!;
    for (let frame = 0; frame < 300; frame++) await block.draw(view(1 + (frame % block.budget()), `frame ${frame}`));
    await block.finish();
    expect(stderrText()).not.toContain('\x1b[J');
    expect(screen.clearsFromHome).toBe(0);
    expect(screen.history).toEqual([]);
    expect(redrawsInPlace(frames(stderrText()))).toBe(true);
    // The last frame is what is left, with nothing of the taller frames before it.
    expect(screen.all()).toEqual(view(1 + (299 % 10), 'frame 299').map((text) => text[0]![0]));
    expect(screen.cursorHidden).toBe(false);
  });

  it('is at most rows − 2 lines, each one column narrower than the terminal, whatever it is given', async () => {
    const { terminal, stderrText } = setup({ columns: 30, rows: 8 });
    const block = terminal.live()!;
    expect(block.budget()).toBe(6);
    await block.draw(Array.from({ length: 40 }, (_, i) => line(`${i} ${'x'.repeat(100)}`)));
    const [frame] = frames(stderrText());
    expect(frame!.lines).toHaveLength(6);
    for (const text of frame!.lines) expect(displayWidth(text)).toBeLessThanOrEqual(29);
  });

  it.each([
    [0, 0],
    [1, 1],
    [2, 3],
  ])('on a %i×%i terminal it still draws at least one line, within bounds', async (columns, rows) => {
    const { terminal, stderrText } = setup({ columns, rows });
    const block = terminal.live()!;
    await block.draw(view(5));
    const [frame] = frames(stderrText());
    expect(frame!.lines.length).toBeGreaterThanOrEqual(1);
    expect(frame!.lines.length).toBeLessThanOrEqual(22);
  });

  it('records written to stdout on the same terminal go above the block, whole, and are never drawn over', async () => {
    const { screen, terminal } = setup({ columns: 40, rows: 10 });
    const block = terminal.live()!;
    const record = (n: number): string =>
      `{"InvocationId":"inv-${n}","InvocationStatus":"SUCCESS","Padding":"${'p'.repeat(30)}"}`;
    for (let n = 1; n <= 5; n++) {
      await block.draw(view(3, `after ${n - 1}`));
      // A record longer than the terminal is wide, written in two pieces, as a formatter may.
      const text = `${record(n)}\n`;
      await terminal.stdout.write(text.slice(0, 25));
      await terminal.stdout.write(text.slice(25));
    }
    await block.draw(view(3, 'last'));
    await block.finish();
    const shown = screen.all().join('\n').replace(/\n/g, '');
    // Every record is there in full (wrapped over rows), in order, and the final frame under them.
    for (let n = 1; n <= 5; n++) expect(shown).toContain(record(n));
    expect(screen.all().slice(-3)).toEqual(['last 1', 'last 2', 'last 3']);
    expect(shown).not.toContain('after');
  });

  it('stderr text printed meanwhile (a retry notice) goes above it the same way, made visible', async () => {
    const { screen, terminal } = setup();
    const block = terminal.live()!;
    await block.draw(view(2));
    await terminal.write('error: region ap-x: \x1b]0;pwned\x07\x1b[2Jbroken\n');
    await block.draw(view(2, 'next'));
    await block.finish();
    expect(screen.all()).toEqual(['error: region ap-x: \\x1b]0;pwned\\x07\\x1b[2Jbroken', 'next 1', 'next 2']);
  });

  it('makes server text in its lines visible and colours whole lines only', async () => {
    const { stderrText, terminal } = setup({ env: { FORCE_COLOR: '1' } });
    const block = terminal.live()!;
    await block.draw([[['✗ ', 'failure'], ['ins-\x1b[2Jevil\u009b31m  '], ['FAILED', 'failure']]]);
    const text = stderrText();
    expect(text).toContain('ins-\\x1b[2Jevil\\u009b31m');
    expect(text).not.toContain('\u009b');
    expect(text).toContain('\x1b[31mFAILED\x1b[39m');
  });

  it('a partial stdout line waits for its newline; at the end it is written below the last frame', async () => {
    const { screen, terminal } = setup();
    const block = terminal.live()!;
    await block.draw(view(1));
    await terminal.stdout.write('no newline yet');
    expect(screen.all()).toEqual(['line 1']);
    await block.finish();
    expect(screen.all()).toEqual(['line 1', 'no newline yet']);
  });

  it('stops at once on an interrupt: the cursor comes back and nothing is drawn again', async () => {
    const { screen, terminal, interrupt, stderrText } = setup();
    const block = terminal.live()!;
    await block.draw(view(2));
    expect(screen.cursorHidden).toBe(true);
    interrupt.abort('SIGHUP');
    expect(screen.cursorHidden).toBe(false);
    const before = stderrText();
    await block.draw(view(2, 'later'));
    expect(stderrText()).toBe(before);
    block.stop('Stopped waiting.\n');
    expect(screen.all()).toEqual(['line 1', 'line 2', 'Stopped waiting.']);
  });

  it('after the terminal narrows, the next frame goes up over the rows the old lines now wrap to', async () => {
    const { size, terminal, raw, stderrText, screen } = setup({ columns: 80, rows: 20 });
    const block = terminal.live()!;
    let redrawn = 0;
    block.onResize = () => {
      redrawn++;
      block.draw(view(3, 'narrow')).catch(() => undefined);
    };
    await block.draw(view(3, 'x'.repeat(70)));
    size.columns = 40;
    raw.emit('resize');
    await block.draw(view(3, 'narrow'));
    expect(redrawn).toBe(1);
    // Three lines of 77 cells on a 40-column terminal that reflows: two rows each.
    expect(frames(stderrText())[1]!.up).toBe(6);
    expect(screen.cursorHidden).toBe(true);
  });
});
