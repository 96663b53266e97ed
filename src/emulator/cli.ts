/**
 * `tat-emulator` flag parsing and the run loop. `bin/tat-emulator.js` only calls `runCli`.
 * Bad flags print a clear message and give exit code 2; SIGINT/SIGTERM stop the server cleanly.
 */
import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import {
  DEFAULT_HOST,
  DEFAULT_INSTANCES,
  DEFAULT_INVOCATIONS,
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT,
  DEFAULT_REGION,
  DEFAULT_SEED,
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
} from './constants.js';
import { type RunningEmulator, startEmulator } from './index.js';
import { type EmulatorOptions, resolveOptions } from './options.js';
import { assignments, exportLines, type KeySource, PRINT_ENV_FLAG, startInBackground } from './print-env.js';
import { SECRET_KEY_ENV, SecretSourceError, secretKeyFrom, TOKEN_ENV, tokensFrom } from './secrets.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves with the signal name when the emulator should stop. */
  waitForStop(): Promise<string>;
}

export type ParsedArgs =
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'run'; options: EmulatorOptions; key: KeySource; printEnv: boolean };

class FlagError extends Error {}

function int(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new FlagError(`${flag} must be an integer from ${min} to ${max}, got "${value}"`);
    }
    return Number(value);
  };
}

function rate(value: string): number {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value) || Number(value) > 1)
    throw new FlagError(`--fault-rate must be a number from 0 to 1, got "${value}"`);
  return Number(value);
}

function speed(value: string): number {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value) || Number(value) <= 0 || Number(value) > 1000)
    throw new FlagError(`--speed must be a number above 0 and at most 1000, got "${value}"`);
  return Number(value);
}

function nonEmpty(flag: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new FlagError(`${flag} must not be empty`);
    return value;
  };
}

/** The flags, typed by @commander-js/extra-typings from these definitions: `opts()` needs no cast. */
function program() {
  return new Command('tat-emulator')
    .description('A local Tencent Cloud TAT endpoint (API 2020-10-28) for tests, demos and offline scripting.')
    .helpOption('-h, --help', 'show this help')
    .addOption(
      new Option('--host <host>', 'interface to listen on').default(DEFAULT_HOST).argParser(nonEmpty('--host')),
    )
    .addOption(
      new Option('--port <port>', 'port to listen on (0 picks a free one)')
        .default(DEFAULT_PORT)
        .argParser(int('--port', 0, 65535)),
    )
    .addOption(
      new Option('--secret-id <id>', 'SecretId to accept').default(DEMO_SECRET_ID).argParser(nonEmpty('--secret-id')),
    )
    .addOption(
      new Option(
        '--secret-key <key>',
        `SecretKey to accept (default: the demo key; argv shows in ps: prefer --secret-key-file or ${SECRET_KEY_ENV})`,
      ).argParser(nonEmpty('--secret-key')),
    )
    .addOption(new Option('--secret-key-file <file>', 'read the SecretKey to accept from this file'))
    .addOption(
      new Option(
        '--token <token>',
        `session token to accept in X-TC-Token (repeatable; default: the demo token; or ${TOKEN_ENV})`,
      ).argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), nonEmpty('--token')(v)]),
    )
    .addOption(new Option('--token-file <file>', 'read session tokens to accept from this file, one per line'))
    .addOption(
      new Option('--invocations <n>', 'size of the generated data set per region')
        .default(DEFAULT_INVOCATIONS)
        .argParser(int('--invocations', 0, 100000)),
    )
    .addOption(
      new Option('--instances <n>', 'online Linux instances per region besides those the invocations ran on')
        .default(DEFAULT_INSTANCES)
        .argParser(int('--instances', 0, 100000)),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the generated data')
        .default(DEFAULT_SEED)
        .argParser(int('--seed', 0, 0xffffffff)),
    )
    .addOption(
      new Option('--rate-limit <n>', 'requests per second per SecretId and region (0 = off)')
        .default(DEFAULT_RATE_LIMIT)
        .argParser(int('--rate-limit', 0, 1000000)),
    )
    .addOption(
      new Option('--latency <ms>', 'delay added to every answer, in ms')
        .default(0)
        .argParser(int('--latency', 0, 600000)),
    )
    .addOption(
      new Option('--fault-rate <p>', 'share of requests that fail (5xx page, reset, InternalError), 0..1')
        .default(0)
        .argParser(rate),
    )
    .addOption(
      new Option(
        '--drop-write-replies <n>',
        'the first n successful writes (RunCommand, InvokeCommand, CancelInvocation) take effect, then the connection closes without an answer',
      )
        .default(0)
        .argParser(int('--drop-write-replies', 0, 1000000)),
    )
    .addOption(
      new Option(
        '--arrival-rate <n>',
        'new invocations created before every answer, as on a busy account (per request)',
      )
        .default(0)
        .argParser(int('--arrival-rate', 0, 1000)),
    )
    .addOption(new Option('--strict-filters', 'DescribeInvocations accepts only its four documented filter names'))
    .addOption(new Option('--data <file>', 'serve invocations from a JSON file instead of generated ones'))
    .addOption(
      new Option('--live <n>', 'add n invocations, created at start, that end 10-60 s later')
        .default(0)
        .argParser(int('--live', 0, 1000)),
    )
    .addOption(
      new Option(
        '--live-outcomes <statuses>',
        'final statuses of the --live invocations, used in turn, e.g. SUCCESS,FAILED',
      ).default('SUCCESS'),
    )
    .addOption(
      new Option('--speed <factor>', 'live invocations move this many times faster, e.g. 10')
        .default(1)
        .argParser(speed),
    )
    .addOption(
      new Option(
        '--execute',
        "really run each task's script with /bin/sh on this machine, in a temporary folder (see docs/emulator.md before using it)",
      ),
    )
    .addOption(new Option('--allow-remote-execute', 'allow --execute on a --host other machines can reach'))
    .addOption(
      new Option(
        PRINT_ENV_FLAG,
        'start in the background and print shell lines that point tat at it: eval "$(tat-emulator --print-env)"; stop it with kill $TAT_EMULATOR_PID',
      ),
    );
}

/** Parses argv (without node and script) and the environment's secrets; never exits the process. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  const cmd = program();
  let help = '';
  cmd
    .exitOverride()
    .configureOutput({ writeOut: (s) => (help += s), writeErr: () => undefined, outputError: () => undefined });
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed')
      return { kind: 'help', text: help };
    if (error instanceof CommanderError) return { kind: 'error', message: error.message.replace(/^error: /, '') };
    if (error instanceof FlagError) return { kind: 'error', message: error.message };
    throw error;
  }
  const o = cmd.opts();
  let secretKey: string | undefined;
  let tokens: string[] | undefined;
  try {
    secretKey = secretKeyFrom(o.secretKey, o.secretKeyFile, env);
    tokens = tokensFrom(o.token, o.tokenFile, env);
  } catch (error) {
    if (error instanceof SecretSourceError) return { kind: 'error', message: error.message };
    throw error;
  }
  const options: EmulatorOptions = {
    host: o.host,
    port: o.port,
    secretId: o.secretId,
    secretKey: secretKey ?? DEMO_SECRET_KEY,
    tokens,
    invocations: o.invocations,
    instances: o.instances,
    seed: o.seed,
    rateLimit: o.rateLimit,
    latencyMs: o.latency,
    faultRate: o.faultRate,
    dropWriteReplies: o.dropWriteReplies,
    strictFilters: o.strictFilters === true,
    arrivalsPerRequest: o.arrivalRate,
    dataFile: o.data,
    live: o.live,
    liveOutcomes: o.liveOutcomes.split(',').map((status) => status.trim()),
    speed: o.speed,
    execute: o.execute === true,
    allowRemoteExecute: o.allowRemoteExecute === true,
  };
  try {
    resolveOptions(options);
  } catch (error) {
    // The library's own checks (e.g. --live-outcomes names), reported like a bad flag.
    if (error instanceof RangeError) return { kind: 'error', message: error.message };
    throw error;
  }
  const key: KeySource =
    secretKey === undefined
      ? { kind: 'demo', key: DEMO_SECRET_KEY }
      : o.secretKeyFile !== undefined
        ? { kind: 'file', path: o.secretKeyFile }
        : o.secretKey !== undefined
          ? { kind: 'flag' }
          : { kind: 'env' };
  return { kind: 'run', options, key, printEnv: o.printEnv === true };
}

/**
 * The "listening" line and what follows. The "Try:" line is a shell command as it stands (paste
 * it, or eval it): a custom key appears as where to read it, never as itself.
 */
export function banner(emu: RunningEmulator, key: KeySource = { kind: 'demo', key: emu.secretKey }): string {
  const shown = key.kind === 'demo' ? key.key : '<the key you gave>';
  return [
    `TAT emulator listening on ${emu.url}`,
    `Credentials: SecretId ${emu.secretId}, SecretKey ${shown}, region ${DEFAULT_REGION} (API version 2020-10-28)`,
    `Try: ${assignments({ url: emu.url, secretId: emu.secretId, key }).join(' ')} tat invocations list`,
    ...((emu.liveIds ?? []).length
      ? [
          `Live: ${emu.liveIds.length} invocations end 10-60 s after start${emu.options.speed === 1 ? '' : `, sped up ${emu.options.speed}x`}; follow them: tat invocations wait ${emu.liveIds.join(' ')}`,
        ]
      : []),
    ...(emu.options?.execute
      ? [
          `Executing: each task really runs its script with /bin/sh on this machine, as this user, in a temporary folder (killed at its Timeout); anyone with the key can run commands here.`,
        ]
      : []),
    'Stop with Ctrl+C.',
    '',
  ].join('\n');
}

function processIo(): CliIo {
  // A server outlives the terminal that started it (--print-env's background one always does):
  // a write to a closed stdout or stderr is dropped, not a crash.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    waitForStop: () =>
      new Promise((resolve) => {
        const stop = (signal: string): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

/** Runs the binary: resolves with the exit code once stopped (or at once, on bad flags). */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    io.out(parsed.text);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`tat-emulator: ${parsed.message}\nRun "tat-emulator --help" for the flags.\n`);
    return 2;
  }
  if (parsed.printEnv) return printEnv(argv, parsed.options.secretId ?? DEMO_SECRET_ID, parsed.key, io);
  let emu: RunningEmulator;
  try {
    emu = await startEmulator(parsed.options);
  } catch (error) {
    io.err(`tat-emulator: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    // Duck-typed: a listen error need not be an instance of this realm's Error.
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code === 'EADDRINUSE')
      io.err(`The port is taken (another emulator?): pick another with --port <port>, or --port 0 for any free one.\n`);
    // Listen failures (EADDRINUSE, EACCES...) carry a code; bad options or a bad --data file do not.
    return code !== undefined ? 1 : 2;
  }
  io.out(banner(emu, parsed.key));
  const signal = await io.waitForStop();
  await emu.close();
  io.err(`tat-emulator: stopped (${signal})\n`);
  return 0;
}

/** `--print-env`: the same server in the background, then the lines to eval on stdout and a note on stderr. */
async function printEnv(argv: readonly string[], secretId: string, key: KeySource, io: CliIo): Promise<number> {
  const started = await startInBackground(
    argv.filter((arg) => arg !== PRINT_ENV_FLAG),
    io.waitForStop(),
  );
  if (started.kind === 'failed') {
    io.err(started.stderr);
    return started.code;
  }
  io.out(exportLines({ url: started.url, secretId, key }, started.pid));
  io.err(
    started.banner.replace(
      /^Stop with Ctrl\+C\.$/m,
      `Running in the background as pid ${started.pid}: stop it with kill $TAT_EMULATOR_PID`,
    ),
  );
  if (key.kind === 'flag')
    io.err(
      `tat-emulator: the key given with --secret-key is not printed; TENCENTCLOUD_SECRET_KEY reads $${SECRET_KEY_ENV}: set it in the shell that evals, or give the key with --secret-key-file.\n`,
    );
  return 0;
}
