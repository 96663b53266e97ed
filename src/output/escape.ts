/**
 * Keeps one record on one line and keeps terminal control codes out of the output. Used by
 * tsv (reversibly) and by the table views (for display).
 */

const NAMED: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

// eslint-disable-next-line no-control-regex
const SPECIAL = /[\\\u0000-\u001f\u007f-\u009f]/g;

/**
 * `\` → `\\`, tab → `\t`, newline → `\n`, carriage return → `\r`, any other control
 * character → `\xHH` (C1 controls `\u00HH`). Decoding reverses it exactly.
 */
export function escapeField(text: string): string {
  return text.replace(SPECIAL, (ch) => {
    const named = NAMED[ch];
    if (named !== undefined) return named;
    const code = ch.charCodeAt(0);
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * For one-line cells on a terminal (table, detail view): like escapeField, but a backslash is
 * shown as itself (`C:\Program Files`), since the display need not be reversible.
 */
export function escapeInline(text: string): string {
  return text.replace(CONTROL, (ch) => escapeField(ch));
}

// eslint-disable-next-line no-control-regex
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * For multi-line blocks shown on a terminal (command content): keeps newlines and tabs, shows
 * other control characters (ESC, BEL, a lone CR...) as `\xHH` so data cannot drive the terminal.
 * Windows line ends (CRLF) become plain newlines.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE_FOR_TERMINAL, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
