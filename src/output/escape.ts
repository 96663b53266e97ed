/**
 * Text from outside (the server, files) must not drive the terminal it is shown on. `visible()`
 * is the one function that makes such text safe to display; `escapeField()` is the reversible
 * encoding of tsv (data, not display).
 *
 * Shown escaped: C0 controls (ESC, BEL, backspace, a lone CR...), DEL, C1 controls (U+0080 to
 * U+009F: U+009B is a one-character CSI on some terminals), every bidirectional control (the
 * marks LRM U+200E, RLM U+200F and ALM U+061C, the embeddings and overrides U+202A to U+202E,
 * the isolates U+2066 to U+2069), and line/paragraph separators, which reorder or break what is
 * shown.
 */

/** Every bidirectional formatting character Unicode defines (UAX #9), as a character class body. */
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

const NAMED: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

// eslint-disable-next-line no-control-regex
const SPECIAL = /[\\\u0000-\u001f\u007f-\u009f]/g;

/** `\x1b`, `\u009b`, `\u202e`: how one unsafe character is shown. */
function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `\` → `\\`, tab → `\t`, newline → `\n`, carriage return → `\r`, any other control
 * character → `\xHH` (C1 controls `\u00HH`). Decoding reverses it exactly.
 */
export function escapeField(text: string): string {
  return text.replace(SPECIAL, escapeChar);
}

const UNSAFE_INLINE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI}]`, 'g');
const UNSAFE_BLOCK = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI}]`, 'g');

export interface VisibleOptions {
  /**
   * false (default): one line; newline and tab are shown as `\n` and `\t` too (table cells).
   * true: a block of lines (scripts, error messages); newlines and tabs stay, CRLF becomes LF.
   */
  multiline?: boolean;
}

/**
 * The one sanitiser for anything shown on a terminal: every character that could move the
 * cursor, change the title, clear the screen or recolour text is shown as an escape instead
 * (`\x1b]0;owned\x07`). A backslash is shown as itself (`C:\Program Files`): display, unlike
 * tsv, need not be reversible. Printable text, including any script, is unchanged.
 */
export function visible(text: string, options: VisibleOptions = {}): string {
  if (!options.multiline) return text.replace(UNSAFE_INLINE, escapeChar);
  return text.replace(/\r\n/g, '\n').replace(UNSAFE_BLOCK, escapeChar);
}

/** One-line cells (table, detail view): `visible(text)`. */
export function escapeInline(text: string): string {
  return visible(text);
}

/** Multi-line blocks (command content, error messages): `visible(text, { multiline: true })`. */
export function escapeForTerminal(text: string): string {
  return visible(text, { multiline: true });
}

const JSON_UNSAFE = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029${BIDI}]`, 'g');

/**
 * JSON text with DEL, C1 controls, separators and bidi controls written as `\u00HH` escapes.
 * JSON.stringify already escapes C0 controls but passes these through raw; escaped, they parse
 * to the very same value and cannot act on a terminal. Valid on any JSON text: these characters
 * can only occur inside strings.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
