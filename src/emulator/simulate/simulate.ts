/**
 * The simulation rule (docs/emulator.md, "What a task does"): a created task's outcome, run
 * time and output are a pure function of its script, its instance and its Timeout. The script
 * is read line by line as a shell would, with a few commands understood (`exit`, `sleep`,
 * `echo`, `printf`, `seq`, `yes | head`, `head -c`, `hostname`, `pwd`, `whoami`, `cd`, `true`,
 * `false`, `set -e`, `cat <<EOF`, `NAME=value`) and every other command taken to succeed silently at once, so a
 * real script mostly "just works" while a test can ask for a failure, a timeout, a long run or a
 * large output. `# on INSTANCE-ID[,ID...]: LINE` runs LINE on those instances only.
 */
import { headBytes, seq, yesHead, type Generated } from './generators.js';
import { OutputSink, type OutputChunk } from './output.js';
import { expandText, groupBody, hereDocument, splitList, splitPipeline, stripComment, words } from './words.js';

export type { OutputChunk } from './output.js';

export interface SimulationInput {
  /** The script as the agent runs it: decoded, placeholders replaced. */
  script: string;
  instanceId: string;
  timeoutSeconds: number;
  /** SHELL (default), POWERSHELL or BAT. */
  commandType?: string;
  /** Checked for SHELL: it must be a path under a standard top-level folder. Also `$PWD` (default `$HOME`). */
  workingDirectory?: string;
  /** Who runs it: `$USER`, `whoami`, and `$HOME` (`/root` for root, else `/home/NAME`). Default root. */
  username?: string;
}

export type Simulation =
  | {
      kind: 'ran';
      /** TIMEOUT when the script runs until its Timeout (killed then, exit code -1). */
      status: 'SUCCESS' | 'FAILED' | 'TIMEOUT';
      exitCode: number;
      /** How long the script runs if nothing stops it (ms; may be Infinity: `sleep infinity`). */
      durationMs: number;
      /** How long it ran: durationMs, or the Timeout when it was killed. */
      runMs: number;
      /** What it printed and when, cut as the agent cuts (24,576 bytes kept in all). */
      chunks: OutputChunk[];
      /** The bytes kept (at most 24,576) and those printed beyond them. */
      output: Buffer;
      dropped: number;
    }
  | { kind: 'start-failed'; status: 'START_FAILED'; exitCode: -1; errorInfo: string };

/** Top-level folders every simulated Linux instance has: a SHELL task's working directory must lie under one. */
const LINUX_FOLDERS = [
  'bin',
  'boot',
  'data',
  'dev',
  'etc',
  'home',
  'lib',
  'lib64',
  'media',
  'mnt',
  'opt',
  'proc',
  'root',
  'run',
  'sbin',
  'srv',
  'sys',
  'tmp',
  'usr',
  'var',
];

/** The agent's START_FAILED message for a missing working directory. */
export const MISSING_DIRECTORY = (dir: string): string =>
  `InvalidWorkingDirectory: working_directory \`${dir}\` not exists`;

class Exit {
  constructor(readonly code: number) {}
}
class Killed {}

const KEYWORDS_NOOP = new Set([
  '{',
  'then',
  'do',
  'else',
  'fi',
  'done',
  'esac',
  '}',
  ';;',
  'for',
  'case',
  'select',
  'function',
  'in',
]);
const KEYWORDS_CONDITION = new Set(['if', 'elif', 'while', 'until']);

/** `sleep` arguments in seconds (GNU: several add up; suffixes s, m, h, d; `infinity`); undefined when one is not a duration. */
function sleepMs(args: readonly string[]): number | undefined {
  let total = 0;
  for (const arg of args) {
    if (arg === 'infinity' || arg === 'inf') return Infinity;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!m) return undefined;
    total += Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? '']! * 1000;
  }
  return args.length > 0 ? total : undefined;
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  a: '\u0007',
  e: '\u001b',
  '0': '\0',
};
const unescape = (text: string): string => text.replace(/\\([ntr\\ae0])/g, (_, c: string) => ESCAPES[c] ?? c);

function printf(args: readonly string[]): string {
  const [format = '', ...rest] = args;
  let out = '';
  let i = 0;
  do {
    out += unescape(format).replace(/%([%sdiu])/g, (_, spec: string) => {
      if (spec === '%') return '%';
      const arg = rest[i++] ?? '';
      return spec === 's' ? arg : String(Number.parseInt(arg, 10) || 0);
    });
  } while (i < rest.length && /%[sdiu]/.test(format));
  return out;
}

class Shell {
  private nowMs = 0;
  private status = 0;
  private errexit = false;
  private readonly vars = new Map<string, string>();
  /** Output of `$(...)` being captured, innermost last; output of pipelines' first commands is muted. */
  private readonly captures: string[][] = [];
  private muted = 0;
  readonly sink = new OutputSink();
  /** How long the script would run, had it not been killed. */
  naturalMs = 0;

  constructor(
    private readonly instanceId: string,
    private readonly limitMs: number,
    private readonly windows: boolean,
    user: string,
    dir: string | undefined,
  ) {
    const home = user === 'root' ? '/root' : `/home/${user}`;
    const preset: Array<[string, string]> = [
      ['HOME', home],
      ['USER', user],
      ['LOGNAME', user],
      ['PWD', dir || home],
      ['HOSTNAME', instanceId],
      ['SHELL', '/bin/bash'],
    ];
    for (const [name, value] of preset) this.vars.set(name, value);
  }

  get elapsedMs(): number {
    return this.nowMs;
  }

  get lastStatus(): number {
    return this.status;
  }

  private advance(ms: number): void {
    if (this.nowMs + ms >= this.limitMs) {
      this.naturalMs = this.nowMs + ms;
      this.nowMs = this.limitMs;
      throw new Killed();
    }
    this.nowMs += ms;
  }

  private emit(generated: Generated): void {
    if (this.muted > 0) return;
    const capture = this.captures[this.captures.length - 1];
    if (capture) capture.push(generated.first(Math.min(generated.size, 1 << 16)).toString('utf8'));
    else this.sink.print(this.nowMs, generated.size, generated.first);
  }

  private say(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.emit({ size: bytes.length, first: () => bytes });
  }

  /** Runs the script's lines in order; throws Exit or Killed to end early. */
  lines(all: readonly string[]): void {
    for (let i = 0; i < all.length; i++) {
      let line = (all[i] ?? '').replace(/\r$/, '');
      const directive = this.windows
        ? /^\s*(?:#|rem\s|::)\s*on\s+([\w\s,-]+):(.*)$/i.exec(line)
        : /^\s*#\s*on\s+([\w\s,-]+):(.*)$/.exec(line);
      if (directive) {
        const ids = (directive[1] ?? '').split(',').map((id) => id.trim());
        if (!ids.includes(this.instanceId)) continue;
        line = directive[2] ?? '';
      }
      const here = this.windows ? undefined : hereDocument(line);
      let body: string | undefined;
      if (here) {
        const taken: string[] = [];
        for (i++; i < all.length; i++) {
          const bodyLine = (all[i] ?? '').replace(/\r$/, '');
          if ((here.strip ? bodyLine.replace(/^\t+/, '') : bodyLine) === here.delimiter) break;
          taken.push(here.strip ? bodyLine.replace(/^\t+/, '') : bodyLine);
        }
        body = taken.map((text) => (here.expand ? this.expand(text) : text) + '\n').join('');
      }
      this.list(this.windows ? stripWindowsComment(line) : stripComment(line), false, body);
    }
  }

  private expand(text: string): string {
    return expandText(text, this.vars, (command) => this.substitute(command));
  }

  /** `$(command)`: what it prints, without trailing newlines; time it takes passes. */
  private substitute(command: string): string {
    const printed: string[] = [];
    this.captures.push(printed);
    try {
      this.list(command, true);
    } finally {
      this.captures.pop();
    }
    return printed.join('').replace(/\n+$/, '');
  }

  /** A list of pipelines joined by `;`, `&&`, `||` (`condition`: failures do not end the script under `set -e`). */
  list(text: string, condition: boolean, hereBody?: string): void {
    const items = splitList(text);
    items.forEach((item, n) => {
      if ((item.joiner === '&&' && this.status !== 0) || (item.joiner === '||' && this.status === 0)) return;
      const next = items[n + 1]?.joiner;
      const tested = condition || next === '&&' || next === '||';
      this.pipeline(item.text, tested, n === items.length - 1 ? hereBody : undefined);
      this.vars.set('?', String(this.status));
      if (this.status !== 0 && this.errexit && !tested) throw new Exit(this.status);
    });
  }

  private pipeline(text: string, condition: boolean, hereBody?: string): void {
    let parts = splitPipeline(text);
    let negate = false;
    if (/^!\s/.test(parts[0] ?? '')) {
      negate = true;
      parts = [(parts[0] ?? '').slice(1).trim(), ...parts.slice(1)];
    }
    const generated = parts.length === 2 ? this.yesHead(parts[0] ?? '', parts[1] ?? '') : undefined;
    if (generated) {
      this.emit(generated);
      this.status = 0;
    } else {
      parts.forEach((part, i) => {
        const last = i === parts.length - 1;
        if (!last) this.muted++;
        try {
          this.command(part, condition, last ? hereBody : undefined);
        } finally {
          if (!last) this.muted--;
        }
      });
    }
    if (negate) this.status = this.status === 0 ? 1 : 0;
  }

  private yesHead(left: string, right: string): Generated | undefined {
    const substitute = (command: string): string => this.substitute(command);
    const yes = words(left, this.vars, substitute).words;
    const head = words(right, this.vars, substitute).words;
    return yes[0] === 'yes' && head[0] === 'head' ? yesHead(yes.slice(1), head.slice(1)) : undefined;
  }

  private command(text: string, condition: boolean, hereBody?: string): void {
    const group = groupBody(text);
    if (group) {
      if (!group.subshell) return this.list(group.body, condition);
      try {
        this.list(group.body, condition);
      } catch (error) {
        // `exit` in a subshell ends the subshell only.
        if (!(error instanceof Exit)) throw error;
        this.status = error.code;
      }
      return;
    }
    const first = /^\s*(\S+)/.exec(text)?.[1] ?? '';
    const keyword = this.windows ? first.toLowerCase() : first;
    if (KEYWORDS_CONDITION.has(keyword)) return this.list(text.trim().slice(first.length), true);
    if (KEYWORDS_NOOP.has(keyword) || /^\w+\(\)/.test(text.trim())) {
      const rest = text.trim().slice(first.length);
      if ((keyword === 'then' || keyword === 'do' || keyword === 'else') && rest.trim() !== '')
        this.list(rest, condition);
      return;
    }
    const { words: argv, toFile } = words(text, this.vars, (command) => this.substitute(command));
    if (toFile) this.muted++;
    try {
      this.status = this.run(argv, hereBody);
    } finally {
      if (toFile) this.muted--;
    }
  }

  /** One simple command: its exit status. */
  private run(argv: string[], hereBody?: string): number {
    let at = 0;
    while (at < argv.length && /^[A-Za-z_]\w*=/.test(argv[at] ?? '')) at++;
    if (at === argv.length) {
      for (const assignment of argv)
        this.vars.set(assignment.slice(0, assignment.indexOf('=')), assignment.slice(assignment.indexOf('=') + 1));
      return 0;
    }
    const [name = '', ...args] = argv.slice(at);
    return this.windows ? this.runWindows(name.toLowerCase(), args) : this.runShell(name, args, hereBody);
  }

  private runShell(name: string, args: string[], hereBody?: string): number {
    switch (name) {
      case 'exit':
        throw new Exit(args[0] === undefined ? this.status : (((Number.parseInt(args[0], 10) || 0) % 256) + 256) % 256);
      case 'sleep': {
        const ms = sleepMs(args);
        if (ms === undefined) return 1;
        this.advance(ms);
        return 0;
      }
      case 'echo': {
        let flags = '';
        while (/^-[neE]+$/.test(args[0] ?? '')) flags += args.shift();
        const text = args.join(' ');
        this.say((flags.includes('e') ? unescape(text) : text) + (flags.includes('n') ? '' : '\n'));
        return 0;
      }
      case 'printf':
        this.say(printf(args));
        return 0;
      case 'false':
        return 1;
      case 'set':
        for (let i = 0; i < args.length; i++) {
          const arg = args[i] ?? '';
          if (arg === '-o' || arg === '+o') {
            if (args[i + 1] === 'errexit') this.errexit = arg === '-o';
            i++;
          } else if (/^-[a-z]+$/.test(arg) && arg.includes('e')) this.errexit = true;
          else if (/^\+[a-z]+$/.test(arg) && arg.includes('e')) this.errexit = false;
        }
        return 0;
      case 'export':
      case 'local':
      case 'readonly':
        this.run(args.filter((arg) => arg.includes('=')));
        return 0;
      case 'hostname':
        this.say(`${this.instanceId}\n`);
        return 0;
      case 'pwd':
      case 'whoami':
        this.say(`${this.vars.get(name === 'pwd' ? 'PWD' : 'USER') ?? ''}\n`);
        return 0;
      case 'cd': {
        const to = args[0] ?? this.vars.get('HOME') ?? '/';
        this.vars.set('PWD', to.startsWith('/') ? to : `${this.vars.get('PWD') ?? ''}/${to}`.replace(/\/+/g, '/'));
        return 0;
      }
      case 'seq':
      case 'head': {
        const generated = name === 'seq' ? seq(args) : headBytes(args, `${this.instanceId}/${this.nowMs}`);
        if (!generated) return name === 'seq' ? 1 : 0;
        this.emit(generated);
        return 0;
      }
      case 'cat':
        if (hereBody !== undefined && args.length === 0) this.say(hereBody);
        return 0;
      default:
        return 0;
    }
  }

  private runWindows(name: string, args: string[]): number {
    switch (name) {
      case 'exit': {
        const code = args[0]?.toLowerCase() === '/b' ? args[1] : args[0];
        throw new Exit(code === undefined ? this.status : Number.parseInt(code, 10) || 0);
      }
      case 'start-sleep': {
        const milli = args.findIndex((arg) => /^-m(illiseconds)?$/i.test(arg));
        const value = args.find((arg) => /^\d+(\.\d+)?$/.test(arg));
        if (value === undefined) return 1;
        this.advance(Number(value) * (milli >= 0 ? 1 : 1000));
        return 0;
      }
      case 'timeout': {
        const i = args.findIndex((arg) => arg.toLowerCase() === '/t');
        const seconds = Number(args[i + 1]);
        if (i < 0 || !Number.isFinite(seconds)) return 1;
        this.advance(seconds * 1000);
        return 0;
      }
      case 'echo':
        if (args.length === 1 && /^(on|off)$/i.test(args[0] ?? '')) return 0;
        this.say(`${args.join(' ')}\r\n`);
        return 0;
      case 'echo.':
        this.say('\r\n');
        return 0;
      case 'write-output':
      case 'write-host':
        this.say(`${args.filter((arg) => !/^-/.test(arg)).join(' ')}\r\n`);
        return 0;
      case 'hostname':
        this.say(`${this.instanceId}\r\n`);
        return 0;
      default:
        return 0;
    }
  }
}

/** A BAT or PowerShell line without its comment (`REM`, `::`, `#`) or `@echo off`. */
function stripWindowsComment(line: string): string {
  const t = line.trim();
  if (/^(rem(\s|$)|::|#)/i.test(t) || /^@?echo\s+off$/i.test(t)) return '';
  return t.replace(/^@/, '');
}

export function simulateTask(input: SimulationInput): Simulation {
  const type = (input.commandType ?? 'SHELL').toUpperCase();
  const windows = type !== 'SHELL';
  const dir = input.workingDirectory;
  if (!windows && dir !== undefined && dir !== '' && !LINUX_FOLDERS.includes(/^\/([^/]+)/.exec(dir)?.[1] ?? '')) {
    return { kind: 'start-failed', status: 'START_FAILED', exitCode: -1, errorInfo: MISSING_DIRECTORY(dir) };
  }
  const limitMs = input.timeoutSeconds * 1000;
  const shell = new Shell(input.instanceId, limitMs, windows, input.username || 'root', dir);
  let exitCode: number;
  let killed = false;
  try {
    shell.lines(input.script.split('\n'));
    exitCode = shell.lastStatus;
  } catch (error) {
    if (error instanceof Exit) exitCode = error.code;
    else if (error instanceof Killed) {
      killed = true;
      exitCode = -1;
    } else throw error;
  }
  const durationMs = killed ? shell.naturalMs : shell.elapsedMs;
  return {
    kind: 'ran',
    status: killed ? 'TIMEOUT' : exitCode === 0 ? 'SUCCESS' : 'FAILED',
    exitCode,
    durationMs,
    runMs: killed ? limitMs : durationMs,
    chunks: shell.sink.chunks,
    output: shell.sink.output,
    dropped: shell.sink.dropped,
  };
}
