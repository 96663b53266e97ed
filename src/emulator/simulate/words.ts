/**
 * Just enough of the shell's grammar for the simulation rule: a line is a list of pipelines
 * joined by `;`, `&`, `&&` and `||`; a pipeline is commands joined by `|`; a command is words.
 * Quotes ('...', "...", backslash) and nesting (`( )`, `{ }`, `$( )`, `${ }`) are respected when
 * splitting, so `x || { echo no; exit 1; }` is two parts, not four.
 */
import { arithmetic } from './arith.js';

export type Joiner = ';' | '&&' | '||';

export interface ListItem {
  /** How this item is joined to the one before it (';' for the first). */
  joiner: Joiner;
  text: string;
}

/** Scans `text` outside quotes and nesting, calling `at(i)` at each such position; `at` returns how many characters it consumed (0 to go on). */
function scanTopLevel(text: string, at: (i: number) => number): void {
  let depth = 0;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '{') depth++;
    else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (depth === 0) {
      const used = at(i);
      if (used > 0) i += used - 1;
    }
  }
}

/** A line without its comment: `#` starting a word at top level ends it. */
export function stripComment(line: string): string {
  let end = line.length;
  scanTopLevel(line, (i) => {
    if (end === line.length && line[i] === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) end = i;
    return 0;
  });
  return line.slice(0, end);
}

export function splitList(line: string): ListItem[] {
  const items: ListItem[] = [];
  let start = 0;
  let joiner: Joiner = ';';
  scanTopLevel(line, (i) => {
    const two = line.slice(i, i + 2);
    let next: Joiner | undefined;
    let width = 1;
    if (two === '&&' || two === '||') [next, width] = [two, 2];
    else if (line[i] === ';' || (line[i] === '&' && line[i - 1] !== '>' && line[i + 1] !== '>')) next = ';';
    if (next === undefined) return 0;
    items.push({ joiner, text: line.slice(start, i) });
    joiner = next;
    start = i + width;
    return width;
  });
  items.push({ joiner, text: line.slice(start) });
  return items.filter((item) => item.text.trim() !== '');
}

export function splitPipeline(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  scanTopLevel(text, (i) => {
    if (text[i] !== '|') return 0;
    parts.push(text.slice(start, i));
    start = i + 1;
    return 1;
  });
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

/** `{ list; }` or `( list )` around the whole command: the list inside, else undefined. */
export function groupBody(text: string): { body: string; subshell: boolean } | undefined {
  const t = text.trim();
  if (t.startsWith('(') && t.endsWith(')') && !t.startsWith('((')) return { body: t.slice(1, -1), subshell: true };
  if (/^\{\s/.test(t) && /(^|[;\s])\}$/.test(t)) return { body: t.slice(1, -1), subshell: false };
  return undefined;
}

/**
 * The expansion that starts after a `$`: `$((arithmetic))`, `$(command)` (by `substitute`),
 * `${NAME}`, `${NAME:-default}` (and `-`, `:=`, `=`), `${#NAME}`, `$NAME`, `$?`. Unset variables
 * are empty. Undefined when no expansion starts there (the `$` is then itself).
 */
export function dollar(
  rest: string,
  vars: ReadonlyMap<string, string>,
  substitute: (command: string) => string,
): { value: string; length: number } | undefined {
  const arith = /^\(\(([^()]*(?:\([^()]*\)[^()]*)*)\)\)/.exec(rest);
  if (arith) return { value: String(arithmetic(arith[1] ?? '', vars)), length: arith[0].length };
  const sub = /^\(([^()]*(?:\([^()]*\)[^()]*)*)\)/.exec(rest);
  if (sub) return { value: substitute(sub[1] ?? ''), length: sub[0].length };
  const braced = /^\{(#?)(\w+)(?:(:?[-=])([^}]*))?\}/.exec(rest);
  if (braced) {
    const [all, count, name = '', op, fallback = ''] = braced;
    const value = vars.get(name);
    if (count) return { value: String((value ?? '').length), length: all.length };
    const missing = op?.startsWith(':') ? !value : value === undefined;
    return { value: op && missing ? fallback : (value ?? ''), length: all.length };
  }
  const plain = /^(\w+|\?)/.exec(rest);
  if (plain) return { value: vars.get(plain[1] ?? '') ?? '', length: plain[0].length };
  return undefined;
}

/** Every `$` expansion of a text (a here-document's body). */
export function expandText(
  text: string,
  vars: ReadonlyMap<string, string>,
  substitute: (command: string) => string,
): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const found = text[i] === '$' ? dollar(text.slice(i + 1), vars, substitute) : undefined;
    if (found) {
      out += found.value;
      i += found.length;
    } else out += text[i];
  }
  return out;
}

export interface Words {
  words: string[];
  /** Standard output goes to a file (`> f`, `>> f`, `1> f`): nothing is printed. */
  toFile: boolean;
}

/**
 * The words of a simple command after quote removal and expansion of `$NAME`, `${NAME}` and
 * `$(...)` (by `substitute`). Redirections are dropped, noting whether standard output goes to
 * a file (`>&2`, `2>&1`, `/dev/stdout`, `/dev/stderr` still reach the output the agent keeps).
 */
export function words(text: string, vars: ReadonlyMap<string, string>, substitute: (command: string) => string): Words {
  const out: string[] = [];
  let toFile = false;
  let word = '';
  let inWord = false;
  let i = 0;
  const expand = (): void => {
    // text[i] is '$'
    const found = dollar(text.slice(i + 1), vars, substitute);
    word += found ? found.value : '$';
    i += (found?.length ?? 0) + 1;
    inWord = true;
  };
  const end = (): void => {
    if (inWord) out.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      end();
      i++;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      word += text.slice(i + 1, close < 0 ? text.length : close);
      inWord = true;
      i = close < 0 ? text.length : close + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && '"\\$`'.includes(text[i + 1] ?? '')) {
          word += text[i + 1];
          i += 2;
        } else if (text[i] === '$') expand();
        else word += text[i++];
      }
      i++;
    } else if (c === '\\') {
      word += text[i + 1] ?? '';
      inWord = true;
      i += 2;
    } else if (c === '$') expand();
    else if (!inWord && /^(\d?>>?|&>|\d?<)/.test(text.slice(i)) && !text.slice(i).startsWith('<<')) {
      // A redirection: `>file`, `> file`, `2>&1`, `<in`...
      const op = /^(\d?>>?|&>|\d?<)&?\s*/.exec(text.slice(i))?.[0] ?? '>';
      i += op.length;
      let target = '';
      while (i < text.length && !/\s/.test(text[i] ?? '')) target += text[i++];
      const fd = op.trim().startsWith('2') ? 2 : op.includes('<') ? 0 : 1;
      const toStream = op.includes('&') && /^\d$/.test(target);
      if (fd === 1 && !toStream && !['/dev/stdout', '/dev/stderr', '/dev/tty'].includes(target)) toFile = true;
    } else if (!inWord && text.startsWith('<<', i)) {
      // A here-document's operator and word (its lines are taken by the caller).
      const op = /^<<-?\s*\S+/.exec(text.slice(i))?.[0] ?? '<<';
      i += op.length;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  end();
  return { words: out, toFile };
}

/** The delimiter of a here-document the line opens (`<<EOF`, `<<-'EOF'`), and whether its body is expanded. */
export function hereDocument(line: string): { delimiter: string; strip: boolean; expand: boolean } | undefined {
  const m = /<<(-?)\s*(['"]?)([\w.-]+)\2/.exec(stripComment(line));
  if (!m) return undefined;
  return { delimiter: m[3] ?? '', strip: m[1] === '-', expand: m[2] === '' };
}
