/**
 * `tat-emulator --execute`: a task really runs, as the TAT agent runs it on an instance. The
 * script is written to a fresh temporary folder and run by `/bin/sh` in a working directory of
 * its own there, stdin closed, stderr joined to stdout (one stream, in order, as the agent's
 * dup2 does), in a process group of its own. It is killed (SIGKILL to the group) at exactly
 * Timeout (TIMEOUT, exit code -1) or when cancelled (TERMINATED, exit code -1). The first 24,576
 * bytes of output are kept (a character may be split), the rest counted as Dropped. Whatever
 * the script left running is killed when it ends, and the folder removed.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { MAX_OUTPUT_BYTES } from './constants.js';

export interface ExecuteInput {
  /** The script as the agent runs it: decoded, placeholders replaced. */
  script: string;
  timeoutSeconds: number;
  /** Only SHELL runs here; POWERSHELL and BAT end START_FAILED. */
  commandType?: string;
  /** Aborting kills the command: TERMINATED, exit code -1 (CancelInvocation). */
  signal?: AbortSignal;
  /** PATH of the script (default the standard system one: nothing of the emulator's environment reaches a script). */
  path?: string;
  /** When the command started, once it has (the agent's report_task_start). */
  onStart?: () => void;
  /** Output as it comes, whole (the caller keeps what it reports; the result has the cut). */
  onOutput?: (bytes: Buffer) => void;
}

export interface Execution {
  status: 'SUCCESS' | 'FAILED' | 'TIMEOUT' | 'TERMINATED' | 'START_FAILED';
  exitCode: number;
  /** The first 24,576 bytes printed, and how many more there were. */
  output: Buffer;
  dropped: number;
  /** Why it did not start (START_FAILED), as the agent words it; '' otherwise. */
  errorInfo: string;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** After the command exits, output still in the pipe is read for at most this long (the agent waits 1 s). */
const DRAIN_MS = 1000;

/** Kills a process group; it may be gone already. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left to kill.
  }
}

const startFailed = (errorInfo: string): Execution => ({
  status: 'START_FAILED',
  exitCode: -1,
  output: Buffer.alloc(0),
  dropped: 0,
  errorInfo,
});

export async function executeTask(input: ExecuteInput): Promise<Execution> {
  if ((input.commandType ?? 'SHELL').toUpperCase() !== 'SHELL')
    return startFailed(
      `UnsupportedCommandType: tat-emulator --execute runs SHELL scripts only, not ${input.commandType}`,
    );
  if (input.signal?.aborted) return startFailed('Cancelled: the task was cancelled before it started');
  let base: string;
  try {
    base = await mkdtemp(join(tmpdir(), 'tat-emulator-task-'));
  } catch (error) {
    return startFailed(`ScriptStoreFailed: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const work = join(base, 'work');
    const script = join(base, 'script.sh');
    await mkdir(work);
    await writeFile(script, input.script, { mode: 0o700 });
    return await run(input, script, work);
  } catch (error) {
    return startFailed(`TaskSpawnFailed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

function run(input: ExecuteInput, script: string, work: string): Promise<Execution> {
  const user = userInfo();
  // The outer sh joins stderr to stdout, then becomes the script's shell: one stream, in order.
  const child = spawn('/bin/sh', ['-c', 'exec /bin/sh "$0" 2>&1', script], {
    cwd: work,
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: {
      PATH: input.path ?? DEFAULT_PATH,
      HOME: work,
      USER: user.username,
      LOGNAME: user.username,
      SHELL: '/bin/sh',
      TERM: 'xterm-color',
      PWD: work,
    },
  });
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let dropped = 0;
  let ended: 'TIMEOUT' | 'TERMINATED' | undefined;
  return new Promise((resolve, reject) => {
    let exit: number | undefined;
    let drained = false;
    let drainTimer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      if (exit === undefined || drained) return;
      drained = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      input.signal?.removeEventListener('abort', cancel);
      killGroup(child.pid);
      const status = ended ?? (exit === 0 ? 'SUCCESS' : 'FAILED');
      resolve({ status, exitCode: ended ? -1 : exit, output: Buffer.concat(kept), dropped, errorInfo: '' });
    };
    const stop = (why: 'TIMEOUT' | 'TERMINATED'): void => {
      if (exit !== undefined || ended) return;
      ended = why;
      killGroup(child.pid);
    };
    const cancel = (): void => stop('TERMINATED');
    const timer = setTimeout(() => stop('TIMEOUT'), input.timeoutSeconds * 1000);
    input.signal?.addEventListener('abort', cancel, { once: true });
    child.once('error', (error) => {
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', cancel);
      reject(error);
    });
    child.once('spawn', () => input.onStart?.());
    child.stdout.on('data', (chunk: Buffer) => {
      input.onOutput?.(chunk);
      const keep = Math.max(0, Math.min(chunk.length, MAX_OUTPUT_BYTES - keptBytes));
      if (keep > 0) kept.push(chunk.subarray(0, keep));
      keptBytes += keep;
      dropped += chunk.length - keep;
    });
    child.stdout.once('end', () => {
      if (exit !== undefined) finish();
    });
    child.once('exit', (code) => {
      // Killed by a signal (a timeout, a cancel, or anything else): the agent reports -1.
      exit = code ?? -1;
      if (child.stdout.readableEnded) finish();
      else drainTimer = setTimeout(finish, DRAIN_MS);
    });
  });
}
