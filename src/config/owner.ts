/**
 * tat writes secrets only into a folder and file that belong to the user running it. A folder
 * owned by someone else either cannot be written (root's 0755 folder, for a user: EPERM at
 * chmod) or, for root writing into a user's folder, would leave root-written secrets there
 * that its owner can swap or read. Both are refused up front, with exit 2 and what to do.
 * A symbolic link (a dotfiles setup) is followed only into what is the user's too.
 */
import { lstat, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';

export interface Owned {
  uid: number;
}

/**
 * The decision alone, testable with any uid: a problem message when `entry` (undefined: does
 * not exist yet) belongs to someone other than `uid` (undefined: no uids on this system).
 */
export function ownershipProblem(
  shown: string,
  entry: Owned | undefined,
  uid: number | undefined,
  hint?: string,
): UsageError | undefined {
  if (uid === undefined || entry === undefined || entry.uid === uid) return undefined;
  hint ??=
    uid === 0
      ? `You are root and it belongs to uid ${entry.uid}: run tat as that user (e.g. sudo -u '#${entry.uid}' tat configure ...), or give root its own folder with XDG_CONFIG_HOME=/root/.config.`
      : `Make it yours (sudo chown -R ${uid} ${shown}), or keep tat's configuration elsewhere with XDG_CONFIG_HOME=<a folder of yours>.`;
  return new UsageError(
    `refusing to write secrets into ${shown}: it belongs to uid ${entry.uid}, not to you (uid ${uid})`,
    hint,
  );
}

/**
 * Where writing `path` really lands, checked: `path` itself, or, when it is a symbolic link,
 * what it points at, which must belong to `uid` (a link once made `tat configure set secret-key`
 * write the secret into another user's file, and as root hand the new file to that user). For a
 * file, so must its folder be, writable by no one else: the new file is made there and renamed
 * over the old one. A link to nothing is refused: following it would create a file wherever it
 * points. Returns undefined when `path` does not exist.
 */
export async function checkOwner(path: string, shown: string, uid: number | undefined): Promise<string | undefined> {
  const entry = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (entry === undefined) return undefined;
  const own = ownershipProblem(shown, entry, uid);
  if (own) throw own;
  if (!entry.isSymbolicLink()) return path;
  const unlink = `Replace the link with your own (rm ${shown}) and run tat configure again.`;
  const real = await realpath(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `refusing to write secrets through ${shown}: it is a link to nothing (${error.code ?? 'unresolvable'})`,
      unlink,
    );
  });
  const where = `${real} (where ${shown} points)`;
  const target = await stat(real);
  const problem = ownershipProblem(where, target, uid, unlink);
  if (problem) throw problem;
  if (target.isDirectory()) return real;
  if (!target.isFile())
    throw new UsageError(`refusing to write secrets into ${where}: it is not a regular file`, unlink);
  const folder = dirname(real);
  const folderInfo = await stat(folder);
  const folderProblem = ownershipProblem(`${folder}, the folder of ${where}`, folderInfo, uid, unlink);
  if (folderProblem) throw folderProblem;
  if (uid !== undefined && (folderInfo.mode & 0o022) !== 0)
    throw new UsageError(
      `refusing to write secrets into ${where}: others may write to its folder ${folder} (mode ${(folderInfo.mode & 0o777).toString(8)})`,
      `Tighten it (chmod go-w ${folder}), or ${unlink.charAt(0).toLowerCase()}${unlink.slice(1)}`,
    );
  return real;
}
