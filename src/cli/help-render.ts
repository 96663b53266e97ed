/**
 * Help without commander. bin/tat.js answers every help path (`tat`, `tat help [command]`,
 * `tat <command> --help`, on a terminal or not) from templates the build recorded from the real
 * command tree (help-snapshot.ts), so start-up pays for reading one JSON file instead of loading
 * commander and building the tree. The only part of help that depends on the terminal is how
 * descriptions wrap to its width; that is done here exactly as commander's Help does it (its
 * formatItem and boxWrap, commander 14), which test/e2e/fast-path.test.ts checks for every command
 * at many widths. Nothing here may import anything: this file is loaded alone.
 */

/** A piece of a command's help: fixed text, a description wrapped to the width, or one term and its description. */
export type HelpPart = string | { wrap: string } | { term: string; termWidth: number; description: string };

export interface HelpTemplates {
  /** The folder the build's help texts name as the docs folder (replaced by the running copy's). */
  docsDir: string;
  /** For each command path (`''` for tat, `invocations list`): its subcommands' names and aliases → their paths. */
  children: Record<string, Record<string, string>>;
  /** Each command path's help. */
  help: Record<string, HelpPart[]>;
}

/** Commander's Help.minWidthToWrap: below it, text is not wrapped. */
const MIN_WIDTH_TO_WRAP = 40;

/**
 * The help `argv` asks for, rendered for `width` (commander's helpWidth: the terminal's columns,
 * or undefined when stdout is not a terminal), with `docsDir` in place of the build's docs folder;
 * undefined when argv is anything but a help request for a known command (the program then runs).
 */
export function fastHelp(
  argv: readonly string[],
  templates: HelpTemplates,
  width: number | undefined,
  docsDir: string,
): string | undefined {
  const path = helpPath(argv, templates);
  const parts = path === undefined ? undefined : templates.help[path];
  if (parts === undefined) return undefined;
  return renderHelp(parts, width ?? 80)
    .split(templates.docsDir)
    .join(docsDir);
}

/** `[]`, `help [words]`, or `words --help|-h`, with every word a command or alias along the tree. */
function helpPath(argv: readonly string[], templates: HelpTemplates): string | undefined {
  let words: readonly string[];
  if (argv.length === 0) words = [];
  else if (argv[0] === 'help') words = argv.slice(1);
  else if (argv[argv.length - 1] === '--help' || argv[argv.length - 1] === '-h') words = argv.slice(0, -1);
  else return undefined;
  let path = '';
  for (const word of words) {
    const next = templates.children[path]?.[word];
    if (next === undefined) return undefined;
    path = next;
  }
  return path;
}

export function renderHelp(parts: readonly HelpPart[], helpWidth: number): string {
  return parts
    .map((part) =>
      typeof part === 'string' ? part : 'wrap' in part ? boxWrap(part.wrap, helpWidth) : formatItem(part, helpWidth),
    )
    .join('');
}

function formatItem(
  { term, termWidth, description }: { term: string; termWidth: number; description: string },
  helpWidth: number,
): string {
  const indent = '  ';
  if (!description) return indent + term;
  const spacer = 2;
  const remaining = helpWidth - termWidth - spacer - indent.length;
  const preformatted = /\n[^\S\r\n]/.test(description);
  const formatted =
    remaining < MIN_WIDTH_TO_WRAP || preformatted
      ? description
      : boxWrap(description, remaining).replace(/\n/g, `\n${' '.repeat(termWidth + spacer)}`);
  return `${indent}${term.padEnd(termWidth)}${' '.repeat(spacer)}${formatted.replace(/\n/g, `\n${indent}`)}`;
}

/** Wraps at white space, keeping existing line breaks (commander's boxWrap; no colour codes here). */
function boxWrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const wrapped: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/[\s]*[^\s]+/g);
    if (chunks === null) {
      wrapped.push('');
      continue;
    }
    let current = [chunks[0]!];
    let size = chunks[0]!.length;
    for (const chunk of chunks.slice(1)) {
      if (size + chunk.length <= width) {
        current.push(chunk);
        size += chunk.length;
        continue;
      }
      wrapped.push(current.join(''));
      const next = chunk.trimStart();
      current = [next];
      size = next.length;
    }
    wrapped.push(current.join(''));
  }
  return wrapped.join('\n');
}
