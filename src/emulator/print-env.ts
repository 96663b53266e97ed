/**
 * `tat-emulator --print-env`: the shell lines that point `tat` at the emulator, for
 * `eval "$(tat-emulator --print-env)"`. As `eval "$(ssh-agent -s)"` does, the server then runs in
 * the background: a command substitution returns only once the command has exited and its stdout
 * is closed, so a server serving in the foreground could never be eval'd. The background server
 * is the same binary without `--print-env`; this process waits for its banner (so `--port 0`
 * prints the port it got), prints the lines, and exits. `kill $TAT_EMULATOR_PID` stops it.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_REGION } from './constants.js';
import { SECRET_KEY_ENV } from './secrets.js';

export const PRINT_ENV_FLAG = '--print-env';

/**
 * A value as one word that sh, bash, zsh and fish all read back exactly: bare when it has nothing
 * a shell would read, else in single quotes, with every `'` and `\` written outside them as `\'`
 * and `\\` (an escape in all four). Inside single quotes fish reads `\'` and `\\` as escapes and
 * POSIX shells do not, so neither may appear there: with POSIX's usual `'\''`, a value holding
 * `\'` ended fish's quotes early and fish ran the rest as code.
 */
export function shellWord(value: string): string {
  if (/^[\w@+:,./-]+$/.test(value)) return value;
  let word = '';
  let run = '';
  for (const char of value) {
    if (char !== "'" && char !== '\\') {
      run += char;
      continue;
    }
    if (run !== '') word += `'${run}'`;
    run = '';
    word += `\\${char}`;
  }
  return run !== '' || word === '' ? `${word}'${run}'` : word;
}

/** Where the accepted SecretKey came from: the demo key is printed; a key someone chose never is. */
export type KeySource =
  | { kind: 'demo'; key: string }
  | { kind: 'file'; path: string }
  | { kind: 'env' }
  | { kind: 'flag' };

/**
 * The SecretKey as a shell word. A custom key is not printed (output must not carry secrets): the
 * word reads it where it came from when the shell evaluates it, from the file or from
 * TAT_EMULATOR_SECRET_KEY (given as --secret-key, it has to be exported there first).
 */
export function keyWord(source: KeySource): string {
  if (source.kind === 'demo') return shellWord(source.key);
  if (source.kind === 'file') return `"$(cat ${shellWord(resolve(source.path))})"`;
  return `"$${SECRET_KEY_ENV}"`;
}

export interface EnvTarget {
  url: string;
  secretId: string;
  key: KeySource;
}

/** `NAME=word` pairs of the variables tat reads (src/config): credentials, region, endpoint. */
export function assignments(target: EnvTarget): string[] {
  return [
    `TENCENTCLOUD_SECRET_ID=${shellWord(target.secretId)}`,
    `TENCENTCLOUD_SECRET_KEY=${keyWord(target.key)}`,
    `TENCENTCLOUD_REGION=${DEFAULT_REGION}`,
    `TAT_ENDPOINT=${shellWord(target.url)}`,
  ];
}

/** What `--print-env` prints: one `export` command a line, each one a shell accepts on its own. */
export function exportLines(target: EnvTarget, pid: number): string {
  return [
    ...assignments(target).map((pair) => `export ${pair}`),
    // A profile named in the environment would be used instead of these keys, and a session
    // token would be sent with them (and refused): neither belongs to the emulator. Emptied
    // rather than unset (tat reads an empty one as unset): fish has no `unset`, and `export
    // NAME=value` is the one line sh, bash, zsh and fish (`| source`, `eval (...)`) all read.
    'export TAT_PROFILE= TENCENTCLOUD_SESSION_TOKEN= TENCENTCLOUD_TOKEN=',
    `export TAT_EMULATOR_PID=${pid}`,
    '',
  ].join('\n');
}

/** bin/tat-emulator.js, from dist/emulator/ (or src/emulator/ under the tests). */
const BIN = fileURLToPath(new URL('../../bin/tat-emulator.js', import.meta.url));

export type BackgroundStart =
  | { kind: 'ready'; url: string; pid: number; banner: string }
  | { kind: 'failed'; code: number; stderr: string };

/**
 * Starts `bin/tat-emulator.js argv` detached (its own session: no Ctrl+C or hang-up of this
 * terminal reaches it), waits for its banner, then lets it go. `stop` (an interrupt of this
 * process) ends the attempt and the child with it.
 */
export function startInBackground(argv: readonly string[], stop: Promise<string>): Promise<BackgroundStart> {
  const child = spawn(process.execPath, [BIN, ...argv], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return new Promise((settle) => {
    const release = (): void => {
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
    };
    child.stdout.on('data', () => {
      const banner = /^TAT emulator listening on (\S+)\n(?:.*\n)*?Stop with Ctrl\+C\.\n/.exec(out);
      if (!banner || child.pid === undefined) return;
      release();
      settle({ kind: 'ready', url: banner[1] ?? '', pid: child.pid, banner: banner[0] });
    });
    child.on('error', (error) =>
      settle({ kind: 'failed', code: 1, stderr: `tat-emulator: cannot start ${BIN}: ${error.message}\n` }),
    );
    child.on('exit', (code, signal) =>
      settle({
        kind: 'failed',
        code: code ?? 1,
        stderr: err || `tat-emulator: the server ended (${signal ?? code}) before listening\n`,
      }),
    );
    stop
      .then((signal) => {
        child.kill('SIGTERM');
        settle({ kind: 'failed', code: 130, stderr: `tat-emulator: interrupted (${signal}) while starting\n` });
      })
      .catch(() => undefined);
  });
}
