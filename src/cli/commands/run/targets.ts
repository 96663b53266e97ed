import { createReadStream } from 'node:fs';
import type { Deps } from '../../../deps.js';
import { codeOf, messageOf, UsageError } from '../../../errors.js';
import { parseInstanceIds } from '../../parse.js';

/**
 * The instances to run on: `--instances ID,ID` (repeatable) and `--instances-from FILE|-` (one
 * id a line; blank lines and `#` comments skipped), every id checked and duplicates dropped,
 * the order kept, before any request.
 */

/** More than this is refused: a list this long is a mistake (a file of something else), not a fleet. */
export const MAX_TARGETS = 100_000;

export async function readTargets(
  instances: readonly string[],
  from: string | undefined,
  deps: Pick<Deps, 'io'>,
): Promise<string[]> {
  const given = parseInstanceIds(instances, '--instances');
  const listed = from === undefined ? [] : await readIdFile(from, deps);
  const all = [...new Set([...given, ...listed])];
  if (all.length === 0)
    throw new UsageError(
      'no instances to run on',
      'Name them with --instances ins-a,ins-b or --instances-from FILE (one id a line; - for stdin); `tat agents list --status online` lists candidates.',
    );
  if (all.length > MAX_TARGETS)
    throw new UsageError(
      `${all.length} instances given; tat runs on at most ${MAX_TARGETS.toLocaleString('en-US')} at once`,
      'Split the list.',
    );
  return all;
}

async function readIdFile(from: string, deps: Pick<Deps, 'io'>): Promise<string[]> {
  const name = from === '-' ? 'stdin' : from;
  let text: string;
  try {
    text = await readStream(from === '-' ? deps.io.stdin.raw : createReadStream(from));
  } catch (error) {
    throw new UsageError(
      `--instances-from ${name}: ${codeOf(error) === 'ENOENT' ? 'no such file' : messageOf(error)}`,
      'Give a file with one instance id a line, or - for stdin.',
    );
  }
  const ids: string[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    try {
      ids.push(...parseInstanceIds([line], `--instances-from ${name}:${index + 1}`));
    } catch (error) {
      if (error instanceof UsageError && line.includes(','))
        throw new UsageError(
          `--instances-from ${name}:${index + 1}: one id a line, not '${line.slice(0, 60)}'`,
          'Put each instance id on its own line.',
        );
      throw error;
    }
  }
  return ids;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.from(chunk);
    size += buffer.length;
    // About 20 bytes an id: far past MAX_TARGETS is not a list of ids.
    if (size > MAX_TARGETS * 64) throw new Error('more than 6 MB: not a list of instance ids');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
