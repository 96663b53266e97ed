import { ExitCode, type TatError } from '../../errors.js';

/**
 * When a command ends for several reasons (a region failed, an id not found, --max-wait ran
 * out, tasks that failed), one decides the exit code and the others are still named. The order
 * is docs/exit-codes.md's: a failed region (1) or credentials (4), then not found (3), then
 * --max-wait (6), then failures (5).
 */
const RANK: readonly number[] = [
  ExitCode.Failure,
  ExitCode.Auth,
  ExitCode.NotFound,
  ExitCode.WaitTimedOut,
  ExitCode.WaitFailed,
];

/** The error to throw, and the messages of the others (written as `also: ...`). */
export function mostSevere(errors: readonly (TatError | undefined)[]): { error?: TatError; others: string[] } {
  const present = errors.filter((error): error is TatError => error !== undefined);
  const rank = (error: TatError): number => {
    const at = RANK.indexOf(error.exitCode);
    return at < 0 ? RANK.length : at;
  };
  const sorted = [...present].sort((a, b) => rank(a) - rank(b));
  return { error: sorted[0], others: sorted.slice(1).map((error) => error.message) };
}
