import { CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Deps } from './deps.js';
import { ExitCode, InterruptedError, isStopSignal, RunEnded, TatError } from './errors.js';
import type { GlobalFlags } from './cli/flags.js';
import type { Action } from './cli/hooks.js';
import { buildProgram } from './cli/program.js';
import { isGroupAlone, usageHint } from './cli/usage-hints.js';
import { scrub, scrubbedIo, SecretSet } from './redact.js';
import { terminalOf } from './cli/terminal/terminal.js';

/**
 * The whole program: parse argv, run one command, map whatever happened to an exit code. A
 * command ends by returning (0) or throwing (the error's exit code); there is no other way.
 * Never throws and never exits the process; bin/tat.js sets `process.exitCode` from the result.
 */
export async function main(argv: readonly string[], given: Deps): Promise<number> {
  // From here on stderr never shows a secret of this run: the environment's now, and each key or
  // token the credential chain hands out later (config/index.ts adds them).
  const secrets = new SecretSet(envSecrets(given.env));
  const deps: Deps = { ...given, secrets, io: scrubbedIo(given.io, secrets) };
  // The run's one terminal, made before any command so that all of them share it.
  const terminal = terminalOf(deps);
  // Commander writes synchronously and forgets: keep its writes so that a closed or full stdout
  // under `tat --help | head -1` is handled like any other (never an unhandled rejection).
  const printed: Promise<void>[] = [];
  const program = buildProgram({
    deps,
    // The type argument is checked, not trusted: program.ts fails to compile unless the root
    // command's options are exactly GlobalFlags' keys.
    run: (action: Action, command: CommandUnknownOpts) => action(command.optsWithGlobals() as GlobalFlags, command),
    print(stream, text) {
      // stderr failures are nobody's to report (the terminal drops them); stdout's are awaited below.
      if (stream === 'stderr') return terminal.aside(text);
      const written = terminal.stdout.write(text);
      written.catch(() => undefined);
      printed.push(written);
    },
  });
  const interrupted = new Promise<never>((_, reject) => {
    if (deps.signal.aborted) reject(deps.signal.reason);
    deps.signal.addEventListener('abort', () => reject(deps.signal.reason), { once: true });
  });
  try {
    await Promise.race([program.parseAsync(conventionalArgv(argv, program), { from: 'user' }), interrupted]);
    await Promise.all(printed);
    return ExitCode.Ok;
  } catch (error) {
    // After --help or --version, what matters is whether the text got out.
    const helpShown = error instanceof CommanderError && error.exitCode === 0;
    const outcome = helpShown
      ? await Promise.all(printed).then(
          () => error,
          (failed: unknown) => failed,
        )
      : error;
    const hint =
      outcome instanceof CommanderError && outcome.exitCode !== 0
        ? usageHint(outcome, program, conventionalArgv(argv, program))
        : undefined;
    return report(outcome, deps, argv.includes('--debug'), hint);
  }
}

/**
 * Conventions commander does not follow by itself: bare `tat` prints help to stdout and exits 0
 * (as gh does), so does a group alone (`tat invocations`), and `tat help invocations list` shows
 * the help of `list`, not of `invocations`.
 */
function conventionalArgv(argv: readonly string[], program: CommandUnknownOpts): string[] {
  if (argv.length === 0) return ['--help'];
  if (argv[0] === 'help' && argv.length > 1) return [...argv.slice(1), '--help'];
  if (isGroupAlone(program, argv)) return [...argv, '--help'];
  return [...argv];
}

/** The one place that turns a failure into a message on stderr and an exit code. */
export async function report(
  error: unknown,
  deps: Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>,
  debug: boolean,
  usage?: string,
): Promise<number> {
  const failure = normalise(error);
  if (failure instanceof CommanderError) {
    if (failure.exitCode === 0) return ExitCode.Ok; // --help, --version
    // Commander wrote its own message; the line after it says what to do, as for every usage error.
    await write(deps, `${usage ?? "Run 'tat --help' or 'tat COMMAND --help' for usage."}\n`);
    return ExitCode.Usage;
  }
  if (failure instanceof RunEnded) return ExitCode.Ok; // dry run, closed stdout
  if (failure instanceof TatError) {
    if (failure instanceof InterruptedError) {
      // Said once: a command that stopped on the signal has already said so, in its own words.
      if (!terminalOf(deps).interruptionSaid) await write(deps, `\n${failure.message}\n`);
      return failure.exitCode;
    }
    await write(deps, `error: ${failure.message}\n${failure.hint ? `${failure.hint}\n` : ''}`);
    if (debug && failure.stack) await write(deps, `${failure.stack}\n`);
    return failure.exitCode;
  }
  const detail = failure instanceof Error ? failure.message : String(failure);
  await write(
    deps,
    `error: unexpected failure: ${detail}\n${debug ? '' : 'Run again with --debug for details, and report it if it persists.\n'}`,
  );
  if (debug && failure instanceof Error && failure.stack) await write(deps, `${failure.stack}\n`);
  return ExitCode.Failure;
}

function normalise(error: unknown): unknown {
  if (isStopSignal(error)) return new InterruptedError(error);
  return error;
}

/**
 * Last line of defence: no secret from the environment reaches stderr, whatever a message says,
 * and text a server wrote into it (an error's Code and Message) cannot drive the terminal.
 */
async function write(deps: Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>, text: string): Promise<void> {
  await terminalOf(deps).write(scrub(text, envSecrets(deps.env)));
}

function envSecrets(env: Deps['env']): (string | undefined)[] {
  return [env.TENCENTCLOUD_SECRET_KEY, env.TENCENTCLOUD_SESSION_TOKEN, env.TENCENTCLOUD_TOKEN];
}
