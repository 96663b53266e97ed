/**
 * `-o content`: the decoded CommandContent as raw bytes, nothing added
 * (`tat invocations get inv-x -o content > script.sh`). For a list, or `get` with several ids,
 * each script is preceded by a `==> inv-... <==` line, with a blank line between entries, as
 * `tail` does for several files.
 *
 * Piped or redirected, the bytes are exact. On a terminal the script is shown, not replayed:
 * control characters in it (ESC, C1...) are made visible, so a script cannot drive the terminal.
 */
import { ExitCode, TatError } from '../errors.js';
import type { Invocation } from '../api/types.js';
import { decodeBase64Strict } from './base64.js';
import { visible } from './escape.js';
import type { FormatContext, Formatter } from './types.js';

export class ContentDecodeError extends TatError {
  constructor(readonly invocationId: string) {
    super(`CommandContent of ${invocationId} is not valid base64, so it cannot be decoded`, ExitCode.Failure, 'Use -o json to see the raw value.');
  }
}

/** Decodes strictly; throws ContentDecodeError naming the invocation. */
export function decodeContent(r: Invocation): Uint8Array {
  const bytes = decodeBase64Strict(r.CommandContent ?? '');
  if (bytes === undefined) throw new ContentDecodeError(r.InvocationId);
  return bytes;
}

export function create(ctx: FormatContext): Formatter<Invocation> {
  const headers = ctx.view === 'list' || !ctx.single;
  let entries = 0;
  let endsWithNewline = true;
  return {
    async write(page) {
      // Decode the whole page first: a bad record stops output before any of its bytes.
      const decoded = page.map((r) => ({ id: r.InvocationId, bytes: decodeContent(r) }));
      for (const { id, bytes } of decoded) {
        if (headers) {
          const gap = entries === 0 ? '' : endsWithNewline ? '\n' : '\n\n';
          await ctx.out.write(`${gap}==> ${visible(id)} <==\n`);
        }
        if (bytes.length > 0) await ctx.out.write(ctx.out.isTTY ? visible(new TextDecoder('utf-8').decode(bytes), { multiline: true }) : bytes);
        endsWithNewline = bytes.length === 0 || bytes[bytes.length - 1] === 0x0a;
        entries += 1;
      }
    },
    async end() {},
  };
}
