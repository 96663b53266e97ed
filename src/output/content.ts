/**
 * `-o content`: what the resource says its content is (an invocation's decoded command, a task's
 * decoded output), as raw bytes, nothing added (`tat invocations get inv-x -o content > script.sh`).
 * With `many`, each entry is preceded by a `==> id <==` line, with a blank line between entries,
 * as `tail` does for several files. Resources without content are refused before any request.
 *
 * Piped or redirected, the bytes are exact. On a terminal the content is shown, not replayed:
 * control characters in it (ESC, C1...) are made visible, so it cannot drive the terminal.
 */
import { visible } from './escape.js';
import type { FormatContext, Formatter } from './types.js';

export const streams = true;

export function create<T>(ctx: FormatContext<T>): Formatter<T> {
  const { resource } = ctx;
  const content = resource.content;
  if (!content) throw new Error(`${resource.plural} have no content`); // the printer refuses this first
  const headers = ctx.cardinality === 'many';
  let entries = 0;
  let endsWithNewline = true;
  return {
    async write(page) {
      // Decode the whole page first: a bad record stops output before any of its bytes.
      const decoded = page.map((r) => ({ id: resource.id(r), bytes: content(r) }));
      for (const { id, bytes } of decoded) {
        if (headers) {
          const gap = entries === 0 ? '' : endsWithNewline ? '\n' : '\n\n';
          await ctx.out.write(`${gap}==> ${visible(id)} <==\n`);
        }
        if (bytes.length > 0)
          await ctx.out.write(
            ctx.out.isTTY ? visible(new TextDecoder('utf-8').decode(bytes), { multiline: true }) : bytes,
          );
        endsWithNewline = bytes.length === 0 || bytes[bytes.length - 1] === 0x0a;
        entries += 1;
      }
    },
    async end() {},
  };
}
