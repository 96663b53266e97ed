import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { createUi } from '../../src/cli/ui.js';
import type { Deps } from '../../src/deps.js';

/** A stderr that looks like a terminal to ora, recording what is written to it. */
function terminal() {
  const raw = Object.assign(new PassThrough(), { isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  const written: string[] = [];
  raw.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  const notices: string[] = [];
  const stderr = { isTTY: true, columns: 80, raw: raw as unknown as NodeJS.WritableStream, write: async (c: string | Uint8Array) => void notices.push(String(c)) };
  return { raw, written, notices, stderr };
}

const never = () => new Promise<void>(() => undefined);
const atOnce = async () => undefined;

function ui(stderr: ReturnType<typeof terminal>['stderr'], sleep: Deps['sleep'], env: Deps['env'] = {}, quiet = false) {
  const io = { stdout: stderr, stderr, stdin: { isTTY: false, raw: new PassThrough() } } as unknown as Deps['io'];
  return createUi({ io, env, sleep }, quiet);
}

describe('spinner and notices', () => {
  it('shows the spinner on a terminal once the delay has passed', async () => {
    const t = terminal();
    const result = await ui(t.stderr, atOnce).spin('Fetching', () => new Promise((resolve) => t.raw.once('data', () => resolve('done'))));
    expect(result).toBe('done');
    expect(t.written.join('')).toContain('Fetching');
  });

  it('never flashes for work that ends before the delay', async () => {
    const t = terminal();
    await ui(t.stderr, never).spin('Fetching', async () => 'fast');
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.written).toEqual([]);
  });

  it.each([
    ['--quiet', {}, true],
    ['CI', { CI: 'true' }, false],
  ])('is silent under %s, notices included', async (_name, env, quiet) => {
    const t = terminal();
    const subject = ui(t.stderr, atOnce, env, quiet);
    expect(subject.interactive).toBe(false);
    await subject.spin('Fetching', async () => new Promise((resolve) => setTimeout(resolve, 20)));
    subject.notice('throttled, retrying in 0.1 s');
    expect(t.written).toEqual([]);
    expect(t.notices).toEqual([]);
  });

  it('is silent when stderr is piped', async () => {
    const t = terminal();
    const piped = { ...t.stderr, isTTY: false };
    const subject = ui(piped, atOnce);
    expect(subject.interactive).toBe(false);
    subject.notice('hello');
    expect(t.notices).toEqual([]);
  });

  it('prints notices on a terminal', () => {
    const t = terminal();
    ui(t.stderr, never).notice('throttled, retrying in 0.1 s');
    expect(t.notices).toEqual(['throttled, retrying in 0.1 s\n']);
  });
});
