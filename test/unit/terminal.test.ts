import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { Terminal, withSpinner } from '../../src/cli/terminal/terminal.js';
import type { Deps, OutputStream } from '../../src/deps.js';

/** A terminal stderr (and stdout) recording everything written to it, in order. */
function terminal(columns = 80, stdoutTTY = true) {
  const written: string[] = [];
  const stderr: OutputStream = {
    isTTY: true,
    columns,
    raw: new PassThrough(),
    write: async (c) => void written.push(String(c)),
  };
  const stdout: OutputStream = { isTTY: stdoutTTY, columns, write: async () => undefined };
  return { written, stderr, stdout, text: () => written.join('') };
}

const never = () => new Promise<void>(() => undefined);
const atOnce = async () => undefined;
const tick = () => new Promise((resolve) => setImmediate(resolve));

function ui(
  t: ReturnType<typeof terminal>,
  sleep: Deps['sleep'],
  env: Deps['env'] = {},
  quiet = false,
  signal = new AbortController().signal,
) {
  const io = {
    stdout: t.stdout,
    stderr: t.stderr,
    stdin: { isTTY: false, raw: new PassThrough() },
  } as unknown as Deps['io'];
  const subject = new Terminal({ io, env, sleep, signal });
  subject.configure({ quiet });
  return subject;
}

describe('spinner and notices', () => {
  it('shows the spinner on a terminal once the delay has passed', async () => {
    const t = terminal();
    const result = await ui(t, atOnce).spin('Fetching', async () => {
      for (let i = 0; i < 5 && !t.text().includes('Fetching'); i++) await tick();
      return 'done';
    });
    expect(result).toBe('done');
    expect(t.text()).toContain('Fetching');
    // Stopped: the line is erased, and nothing but \r and "erase to end of line" is ever used.
    expect(t.written.at(-1)).toBe('\r\u001b[K');
    // eslint-disable-next-line no-control-regex
    expect(t.text()).not.toMatch(new RegExp('\u001b\\[\\d*[ABF]')); // never a cursor-up
  });

  it('never flashes for work that ends before the delay', async () => {
    const t = terminal();
    await ui(t, never).spin('Fetching', async () => 'fast');
    await tick();
    expect(t.written).toEqual([]);
  });

  it('is never drawn when stdout is not the terminal (a pager owns the screen)', async () => {
    const t = terminal(80, false);
    await ui(t, atOnce).spin('Fetching', async () => {
      for (let i = 0; i < 5; i++) await tick();
    });
    expect(t.written).toEqual([]);
  });

  it.each([0, -1, Number.NaN, 1])('draws one bounded line on a terminal %p columns wide', async (columns) => {
    const t = terminal(columns);
    await ui(t, atOnce).spin('Fetching a great many invocations from a slow endpoint', async () => {
      for (let i = 0; i < 20; i++) await tick();
    });
    expect(t.written.length).toBeGreaterThan(1);
    expect(t.written.length).toBeLessThan(100);
    for (const chunk of t.written) expect(chunk.length).toBeLessThan(200);
  });

  it('clears itself at once when tat is interrupted, and never draws again', async () => {
    const t = terminal();
    const interrupt = new AbortController();
    const subject = ui(t, atOnce, {}, false, interrupt.signal);
    const spinner = subject.spinner('Fetching');
    for (let i = 0; i < 5 && !t.text().includes('Fetching'); i++) await tick();
    interrupt.abort('SIGINT');
    expect(t.written.at(-1)).toBe('\r\u001b[K');
    const count = t.written.length;
    spinner.update('Fetching: 10 of 20');
    subject.status('throttled');
    for (let i = 0; i < 5; i++) await tick();
    expect(t.written.length).toBe(count);
  });

  it('one spinner for a whole listing, with progress, cleared while each page is written', async () => {
    const t = terminal();
    const subject = ui(t, atOnce);
    async function* pages() {
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) await tick();
        yield i;
      }
    }
    const seen: string[] = [];
    for await (const page of withSpinner(
      subject,
      'Fetching invocations',
      pages(),
      (p) => `${(p + 1) * 1000} of 3,000`,
    )) {
      await subject.stdout.write(`page ${page}\n`);
      seen.push(`${page}:${t.written.at(-1)}`);
    }
    // Before each page reaches stdout the line has just been erased.
    expect(seen.every((s) => s.endsWith('\r\u001b[K'))).toBe(true);
    expect(t.text()).toContain('Fetching invocations: 1000 of 3,000');
    expect(t.written.at(-1)).toBe('\r\u001b[K');
  });

  it('retry statuses replace each other on one line', () => {
    const t = terminal();
    const subject = ui(t, never);
    subject.status('throttled, retrying in 0.2 s (attempt 2 of 5)');
    subject.status('throttled, retrying in 0.4 s (attempt 3 of 5)');
    subject.status(undefined);
    expect(t.text()).not.toContain('\n');
    expect(t.written).toEqual([
      '\rthrottled, retrying in 0.2 s (attempt 2 of 5)\u001b[K',
      '\rthrottled, retrying in 0.4 s (attempt 3 of 5)\u001b[K',
      '\r\u001b[K',
    ]);
  });

  it('retry statuses are not drawn when stdout is not the terminal (a pager owns the screen), as the spinner; notices still are', () => {
    const t = terminal(80, false);
    const subject = ui(t, never);
    subject.status('throttled, retrying in 0.2 s (attempt 2 of 5)');
    subject.status(undefined);
    expect(t.written).toEqual([]);
    subject.notice('Throttled once; next time try --rate-limit 9 to avoid the retries.');
    expect(t.written).toEqual(['Throttled once; next time try --rate-limit 9 to avoid the retries.\n']);
  });

  it.each([
    ['--quiet', {}, true],
    ['CI', { CI: 'true' }, false],
  ])('is silent under %s, notices included', async (_name, env, quiet) => {
    const t = terminal();
    const subject = ui(t, atOnce, env, quiet);
    expect(subject.interactive).toBe(false);
    await subject.spin('Fetching', async () => new Promise((resolve) => setTimeout(resolve, 20)));
    subject.notice('throttled, retrying in 0.1 s');
    subject.status('throttled');
    expect(t.written).toEqual([]);
  });

  it('is silent when stderr is piped', async () => {
    const t = terminal();
    const subject = ui({ ...t, stderr: { ...t.stderr, isTTY: false } }, atOnce);
    expect(subject.interactive).toBe(false);
    subject.notice('hello');
    expect(t.written).toEqual([]);
  });

  it('prints notices on a terminal', () => {
    const t = terminal();
    ui(t, never).notice('throttled, retrying in 0.1 s');
    expect(t.written).toEqual(['throttled, retrying in 0.1 s\n']);
  });
});
