/**
 * The output formats. The names are OUTPUT_FORMATS in values.ts (config/ validates the `output`
 * setting against them and may not import output/); this map gives each name its module, and its
 * type requires exactly those names. Adding a format is one module exporting `streams` and
 * `create` (FormatModule), its name in values.ts and one line below. Modules are imported only
 * when chosen, so start-up stays light.
 */
import { isOutputFormat, OUTPUT_FORMATS, outputFormatList, type OutputFormat } from '../values.js';
import type { FormatModule } from './types.js';

interface FormatEntry {
  /** One line for help text. */
  summary: string;
  load(): Promise<FormatModule>;
}

const REGISTRY = {
  table: { summary: 'aligned columns for people; detail views for get', load: () => import('./table.js') },
  tsv: { summary: 'tab-separated, no header, fixed column order', load: () => import('./tsv.js') },
  json: { summary: 'the API objects, as returned', load: () => import('./json.js') },
  ndjson: { summary: 'one API object per line, streamed', load: () => import('./ndjson.js') },
  content: { summary: 'decoded bytes (a script, a task output), nothing added', load: () => import('./content.js') },
} as const satisfies Record<OutputFormat, FormatEntry>;

export type Format = OutputFormat;

/** Every format name, in the order shown in help: `table`, `tsv`, `json`, `ndjson`, `content`. */
export const FORMATS: readonly Format[] = OUTPUT_FORMATS;

export function isFormat(s: unknown): s is Format {
  return isOutputFormat(s);
}

/** The default when neither `-o` nor `TAT_OUTPUT` chooses: a table on a terminal, tsv otherwise. */
export function defaultFormat(stdoutIsTTY: boolean): Format {
  return stdoutIsTTY ? 'table' : 'tsv';
}

/** `table, tsv, json, ndjson, content` for messages and prompts. */
export function formatList(): string {
  return outputFormatList();
}

/** The `-o` option's help line. */
export function outputOptionHelp(): string {
  return `output format: ${formatList()} (default: table on a terminal, tsv otherwise)`;
}

/** One line per format, for `--help` text. */
export function formatSummaries(): string {
  const width = Math.max(...FORMATS.map((name) => name.length));
  return FORMATS.map((name) => `  ${name.padEnd(width)}  ${REGISTRY[name].summary}`).join('\n');
}

export async function loadFormat(format: Format): Promise<FormatModule> {
  return REGISTRY[format].load();
}
