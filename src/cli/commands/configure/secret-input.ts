import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import { createPrompter } from './prompt.js';

const MAX_BYTES = 64 * 1024;

/**
 * A secret for `--secret-key-stdin` / `--token-stdin`: piped or redirected stdin is read to
 * the end and trimmed; on a terminal the user is asked for it with the input hidden.
 */
export async function readSecretInput(
  deps: Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>,
  label: string,
  flag: string,
): Promise<string> {
  let value: string;
  if (deps.io.stdin.isTTY) {
    const prompter = createPrompter(deps);
    try {
      value = await prompter.ask(`${label} (input hidden): `, { hidden: true });
    } finally {
      prompter.close();
    }
  } else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of deps.io.stdin.raw) {
      // A stream with no encoding set yields Buffers; only strings need converting.
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > MAX_BYTES)
        throw new UsageError(`${flag}: stdin holds more than ${MAX_BYTES} bytes; expected one ${label}`);
      chunks.push(bytes);
    }
    value = Buffer.concat(chunks).toString('utf8').trim();
  }
  if (value === '')
    throw new UsageError(
      `${flag}: no ${label} was given on stdin`,
      `Pipe it in, e.g. tat configure set secret-key --secret-key-stdin < key.txt`,
    );
  return value;
}
