/**
 * The output formats. Adding one is one file exporting `create: FormatterFactory<Invocation>`
 * plus one line below. Each module is imported only when chosen, so start-up stays light.
 */
import type { Invocation } from '../api/types.js';
import type { FormatContext, Formatter, FormatterFactory } from './types.js';

type Loader = () => Promise<{ create: FormatterFactory<Invocation> }>;

const LOADERS = {
  table: () => import('./table.js'),
  tsv: () => import('./tsv.js'),
  json: () => import('./json.js'),
  ndjson: () => import('./ndjson.js'),
  content: () => import('./content.js'),
} as const satisfies Record<string, Loader>;

export type Format = keyof typeof LOADERS;

/** Every format name, in the order shown in help: `table`, `tsv`, `json`, `ndjson`, `content`. */
export const FORMATS = Object.keys(LOADERS) as readonly Format[];

export function isFormat(s: unknown): s is Format {
  return typeof s === 'string' && Object.hasOwn(LOADERS, s);
}

/** The default when neither `-o` nor `TAT_OUTPUT` chooses: a table on a terminal, tsv otherwise. */
export function defaultFormat(stdoutIsTTY: boolean): Format {
  return stdoutIsTTY ? 'table' : 'tsv';
}

export async function createFormatter(format: Format, ctx: FormatContext): Promise<Formatter<Invocation>> {
  const loader: Loader = LOADERS[format];
  const { create } = await loader();
  return create(ctx);
}
