import { open } from 'node:fs/promises';
import type { Deps } from '../../../deps.js';
import { codeOf, messageOf, UsageError } from '../../../errors.js';
import { MAX_CONTENT_BYTES } from '../../../api/types.js';

/**
 * Where `tat run`'s script comes from (the argument, `--file PATH` or `--file -`), read whole
 * and checked against RunCommand's Content limit: at most 64 KB once base64-encoded, i.e. 49,152
 * bytes of script. A larger one is refused before any request, naming its size; reading stops
 * just past the limit, so a huge file (or an endless stdin) costs nothing.
 */

/** The largest script whose base64 fits in MAX_CONTENT_BYTES. */
export const MAX_SCRIPT_BYTES = (MAX_CONTENT_BYTES / 4) * 3;

export interface Script {
  bytes: Uint8Array;
  /** `the argument`, `deploy.sh`, `stdin`: for messages. */
  from: string;
}

export function base64Size(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

export async function readScript(
  argument: string | undefined,
  file: string | undefined,
  deps: Pick<Deps, 'io'>,
): Promise<Script> {
  let script: Script;
  if (argument !== undefined) script = { bytes: new TextEncoder().encode(argument), from: 'the script argument' };
  else if (file === '-') script = { bytes: await readLimited(deps.io.stdin.raw, '--file -'), from: 'stdin' };
  else if (file !== undefined) script = { bytes: await readFileLimited(file), from: file };
  else
    throw new UsageError(
      'no script to run',
      "Give it as an argument ('uptime'), with --file PATH or --file - (stdin), or run a saved command with --command-id.",
    );
  if (script.bytes.length > MAX_SCRIPT_BYTES) throw tooLarge(script.from, script.bytes.length);
  if (new TextDecoder().decode(script.bytes).trim() === '')
    throw new UsageError(`the script (${script.from}) is empty`, 'Give the commands to run.');
  return script;
}

function tooLarge(from: string, exact?: number): UsageError {
  const size =
    exact === undefined
      ? `more than ${MAX_SCRIPT_BYTES.toLocaleString('en-US')} bytes`
      : `${exact.toLocaleString('en-US')} bytes`;
  const encoded = exact === undefined ? '' : ` (${base64Size(exact).toLocaleString('en-US')} once base64-encoded)`;
  return new UsageError(
    `the script (${from}) is ${size}${encoded}; RunCommand takes at most ${MAX_CONTENT_BYTES.toLocaleString('en-US')} bytes of base64 (${MAX_SCRIPT_BYTES.toLocaleString('en-US')} bytes of script)`,
    'Copy the larger files to the instances another way (e.g. COS, then a short script that fetches them), and run that.',
  );
}

async function readFileLimited(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new UsageError(
      `--file ${path}: ${codeOf(error) === 'ENOENT' ? 'no such file' : messageOf(error)}`,
      'Give the path of the script to run, or --file - to read it from stdin.',
    );
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new UsageError(`--file ${path} is a folder`, 'Give the path of the script to run.');
    if (info.isFile() && info.size > MAX_SCRIPT_BYTES) throw tooLarge(path, info.size);
    return await readLimited(handle.createReadStream(), `--file ${path}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Reads until the end, or throws once more than MAX_SCRIPT_BYTES arrived. */
async function readLimited(stream: NodeJS.ReadableStream, what: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
      size += buffer.length;
      if (size > MAX_SCRIPT_BYTES) throw tooLarge(what === '--file -' ? 'stdin' : what.replace(/^--file /, ''));
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${what}: cannot read it: ${messageOf(error)}`, 'Give the path of a readable script.');
  }
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/** The first line that says something (for the confirmation and the recap), cut to `width`. */
export function firstLine(text: string, width = 60): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !l.startsWith('#!')) ?? '';
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
