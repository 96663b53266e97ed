/**
 * Where `tat-emulator` takes the SecretKey and session tokens from. argv is readable by every
 * user of the machine (`ps`), so besides `--secret-key` / `--token` the key and tokens can come
 * from a file (`--secret-key-file`, `--token-file`) or the environment
 * (`TAT_EMULATOR_SECRET_KEY`, `TAT_EMULATOR_TOKEN`).
 */
import { readTextFile } from './text-file.js';

export const SECRET_KEY_ENV = 'TAT_EMULATOR_SECRET_KEY';
export const TOKEN_ENV = 'TAT_EMULATOR_TOKEN';

export class SecretSourceError extends Error {}

/** A key or a list of tokens is a few KB at most; past this the path names the wrong file. */
const MAX_SECRET_FILE_BYTES = 1024 * 1024;

function readSecretFile(flag: string, path: string): string[] {
  let text: string;
  try {
    text = readTextFile(path, MAX_SECRET_FILE_BYTES);
  } catch (error) {
    // The message names the file and the reason (the system's code, or what is wrong with the file), never its contents.
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SecretSourceError(`${flag}: cannot read ${path} (${reason})`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The SecretKey from exactly one of flag, file and environment; undefined when none is given. */
export function secretKeyFrom(
  flag: string | undefined,
  file: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const fromEnv = env[SECRET_KEY_ENV]?.trim() || undefined;
  const given = [
    flag !== undefined && '--secret-key',
    file !== undefined && '--secret-key-file',
    fromEnv !== undefined && SECRET_KEY_ENV,
  ].filter(Boolean);
  if (given.length > 1)
    throw new SecretSourceError(`the SecretKey is given more than once (${given.join(', ')}); give it one way`);
  if (flag !== undefined) return flag;
  if (file !== undefined) {
    const lines = readSecretFile('--secret-key-file', file);
    if (lines.length !== 1)
      throw new SecretSourceError(
        `--secret-key-file: ${file} must hold the SecretKey on one line, found ${lines.length} non-empty lines`,
      );
    return lines[0];
  }
  return fromEnv;
}

/** Accepted tokens from every source given (flags, a file with one per line, the environment). */
export function tokensFrom(
  flags: string[] | undefined,
  file: string | undefined,
  env: NodeJS.ProcessEnv,
): string[] | undefined {
  const fromFile = file === undefined ? [] : readSecretFile('--token-file', file);
  if (file !== undefined && fromFile.length === 0) throw new SecretSourceError(`--token-file: ${file} holds no token`);
  const fromEnv = env[TOKEN_ENV]?.trim();
  const tokens = [...(flags ?? []), ...fromFile, ...(fromEnv ? [fromEnv] : [])];
  return tokens.length > 0 ? tokens : undefined;
}
