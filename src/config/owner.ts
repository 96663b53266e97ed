/**
 * tat writes secrets only into a folder and file that belong to the user running it. A folder
 * owned by someone else either cannot be written (root's 0755 folder, for a user: EPERM at
 * chmod) or, for root writing into a user's folder, would leave root-written secrets there
 * that its owner can swap or read. Both are refused up front, with exit 2 and what to do.
 */
import { lstat } from 'node:fs/promises';
import { UsageError } from '../errors.js';

export interface Owned {
  uid: number;
}

/**
 * The decision alone, testable with any uid: a problem message when `entry` (undefined: does
 * not exist yet) belongs to someone other than `uid` (undefined: no uids on this system).
 */
export function ownershipProblem(shown: string, entry: Owned | undefined, uid: number | undefined): UsageError | undefined {
  if (uid === undefined || entry === undefined || entry.uid === uid) return undefined;
  const hint =
    uid === 0
      ? `You are root and it belongs to uid ${entry.uid}: run tat as that user (e.g. sudo -u '#${entry.uid}' tat configure ...), or give root its own folder with XDG_CONFIG_HOME=/root/.config.`
      : `Make it yours (sudo chown -R ${uid} ${shown}), or keep tat's configuration elsewhere with XDG_CONFIG_HOME=<a folder of yours>.`;
  return new UsageError(`refusing to write secrets into ${shown}: it belongs to uid ${entry.uid}, not to you (uid ${uid})`, hint);
}

/** Throws the problem for the real `path`, if any. A symlink is judged by the link itself. */
export async function checkOwner(path: string, shown: string, uid: number | undefined): Promise<void> {
  const entry = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const problem = ownershipProblem(shown, entry, uid);
  if (problem) throw problem;
}
