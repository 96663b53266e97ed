/**
 * One writer at a time for the tat configuration: `tat configure set` in ten shells at once
 * must keep all ten changes. A lock file beside the configuration, created with O_EXCL, is held
 * for the whole read-change-write; the others wait (briefly: a write takes milliseconds).
 */
import { open, stat, unlink } from 'node:fs/promises';
import type { Deps } from '../deps.js';
import { codeOf, ExitCode, TatError } from '../errors.js';

export type LockDeps = Pick<Deps, 'now' | 'sleep' | 'random'>;

/** How long a writer waits for another before giving up. */
export const LOCK_WAIT_MS = 10_000;
/** A lock this old was left by a process that died mid-write: it is taken over. */
export const LOCK_STALE_MS = 30_000;

/** Runs `work` while holding `lockPath`; the lock is removed however `work` ends. */
export async function withLock<T>(
  lockPath: string,
  shownLock: string,
  deps: LockDeps,
  work: () => Promise<T>,
): Promise<T> {
  const started = deps.now();
  // Bounded by time and, should the clock stand still, by attempts (each waits at least 5 ms).
  for (let attempt = 1; ; attempt++) {
    if (await tryCreate(lockPath)) break;
    await removeIfStale(lockPath, deps.now());
    if (deps.now() - started >= LOCK_WAIT_MS || attempt >= LOCK_WAIT_MS / 5)
      throw new TatError(
        `another tat is changing the configuration: ${shownLock} has been held for over ${LOCK_WAIT_MS / 1000} s`,
        ExitCode.Failure,
        `Try again. If no other tat is running, remove ${shownLock}.`,
      );
    // A short random pause, so waiting writers do not retry in lockstep.
    await deps.sleep(5 + Math.floor(deps.random() * 20));
  }
  try {
    return await work();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function tryCreate(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    await handle.close();
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
}

async function removeIfStale(lockPath: string, now: number): Promise<void> {
  const seen = await stat(lockPath).catch(() => undefined);
  if (!seen || now - seen.mtimeMs < LOCK_STALE_MS) return;
  // Only the very lock judged stale: another writer may have replaced it since.
  const again = await stat(lockPath).catch(() => undefined);
  if (again && again.ino === seen.ino && again.mtimeMs === seen.mtimeMs) await unlink(lockPath).catch(() => undefined);
}
