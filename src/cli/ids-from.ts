import { createReadStream } from 'node:fs';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { visible } from '../output/escape.js';
import { parseInvocationIds } from './parse.js';

/**
 * Ids given in a file or on stdin (`--ids-from FILE`, `--ids-from -`): one a line (commas and
 * spaces also separate), blank lines and `#` comments skipped. This is how a wait on more ids
 * than fit on a command line is resumed (see the "wait again" hints), and how ids flow in from
 * another command (`tat invocations list ... -o tsv | cut -f1 | tat invocations wait --ids-from -`).
 */

/** More than this is not a list of ids: refused instead of read whole. */
export const MAX_IDS_BYTES = 16 * 1024 * 1024;

/** The ids from the arguments, then those of `--ids-from`, each checked, duplicates dropped. */
export async function invocationIdsFrom(
  deps: Pick<Deps, 'io' | 'signal'>,
  args: readonly string[],
  source: string | undefined,
): Promise<string[]> {
  const given = parseInvocationIds(args, 'invocation id');
  if (source === undefined) {
    if (given.length === 0)
      throw new UsageError(
        'no invocation id given',
        'Name them (tat invocations wait inv-q4zp60g0 inv-hc91n6ga8c), or read them from a file or stdin with --ids-from FILE|-.',
      );
    return given;
  }
  const where = source === '-' ? 'stdin' : `'${visible(source)}'`;
  const text = await readAll(deps, source, where);
  const ids = [...given];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.replace(/#.*$/, '').trim();
    if (content === '') return;
    for (const part of content.split(/[\s,]+/)) {
      if (part === '') continue;
      ids.push(...parseInvocationIds([part], `--ids-from ${where} line ${index + 1}`));
    }
  });
  const unique = [...new Set(ids)];
  if (unique.length === 0)
    throw new UsageError(`--ids-from ${where} holds no invocation id`, 'Write one id a line, e.g. inv-q4zp60g0.');
  return unique;
}

async function readAll(deps: Pick<Deps, 'io' | 'signal'>, source: string, where: string): Promise<string> {
  const stream = source === '-' ? deps.io.stdin.raw : createReadStream(source);
  const stop = (): void => {
    // Ctrl+C while reading: let go of the stream, so nothing keeps the process alive.
    if ('destroy' in stream && typeof stream.destroy === 'function' && source !== '-') stream.destroy();
    else stream.pause();
  };
  deps.signal.addEventListener('abort', stop, { once: true });
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += bytes.length;
      if (size > MAX_IDS_BYTES)
        throw new UsageError(
          `--ids-from ${where} holds more than ${MAX_IDS_BYTES / 1024 / 1024} MiB`,
          'Give a file of invocation ids, one a line.',
        );
      chunks.push(bytes);
    }
  } catch (error) {
    if (deps.signal.aborted) throw deps.signal.reason;
    if (error instanceof UsageError) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    throw new UsageError(
      `--ids-from ${where} cannot be read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code || 'unreadable'})`,
      'Give a readable file of invocation ids, one a line, or - for stdin.',
    );
  } finally {
    deps.signal.removeEventListener('abort', stop);
  }
  return Buffer.concat(chunks).toString('utf8');
}
