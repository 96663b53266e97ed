/** Builds the printer a command writes its records to: the chosen format over a resource. */
import { UsageError } from '../errors.js';
import { FORMATS, loadFormat, type Format } from './registry.js';
import type { FormatContext, Printer } from './types.js';

/** Refuses a format the resource cannot give (`-o content` for settings) before any request. */
export async function createPrinter<T>(format: Format, ctx: FormatContext<T>): Promise<Printer<T>> {
  if (format === 'content' && !ctx.resource.content) {
    const others = FORMATS.filter((f) => f !== 'content').join(', ');
    throw new UsageError(
      `-o content is not available for ${ctx.resource.plural}: they have no decoded content`,
      `Use -o with one of: ${others}.`,
    );
  }
  const module = await loadFormat(format);
  const formatter = await module.create(ctx);
  return { streams: module.streams, write: (records) => formatter.write(records), end: () => formatter.end() };
}
