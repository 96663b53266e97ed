/**
 * The INI dialect of `~/.tencentcloud/credentials`: `[section]` headers, `key = value` lines,
 * `#` and `;` comment lines, blank lines. Keys are lower-cased; values are trimmed and may be
 * wrapped in matching quotes. Lines that are none of these are ignored, as the SDKs do.
 */
export type Ini = Map<string, Map<string, string>>;

export function parseIni(text: string): Ini {
  const sections: Ini = new Map();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
    if (header) {
      const name = header[1] ?? '';
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || !current) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    current.set(key, unquote(line.slice(eq + 1).trim()));
  }
  return sections;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}
