import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * One terminal object (src/cli/terminal/): no other module of tat writes to the process's
 * streams, reaches for the raw io writers (`deps.io.stdout`, `deps.io.stderr`), or writes an
 * escape sequence of its own. Everything shown then passes the terminal's one sanitising path,
 * and a new way to write to stderr fails here. `src/deps.ts` builds the streams and
 * `src/redact.ts` wraps stderr (secrets scrubbed) before the terminal is made; the emulator is a
 * program of its own.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXEMPT = ['src/cli/terminal/', 'src/deps.ts', 'src/redact.ts', 'src/emulator/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// eslint-disable-next-line no-control-regex
const ESCAPES = /[\u001b\u009b]/;

/** `file:line: what` for each write around the terminal object and each escape sequence in a string. */
export function terminalBypasses(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string): void =>
    void found.push(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      const target = node.expression.getText(source);
      if ((name === 'stdout' || name === 'stderr') && /(^|\.)(process|io)$/.test(target)) at(node, `${target}.${name}`);
    } else if (ts.isElementAccessExpression(node) && /(^|\.)io$/.test(node.expression.getText(source))) {
      at(node, `${node.expression.getText(source)}[…]`);
    } else if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)) &&
      ESCAPES.test(node.text)
    ) {
      at(node, 'an escape sequence');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the terminal object is the only writer to the terminal', () => {
  it('no module outside src/cli/terminal/ touches the streams or writes an escape sequence', () => {
    const files = sourceFiles('src').filter(
      (file) => !EXEMPT.some((exempt) => (exempt.endsWith('/') ? file.startsWith(exempt) : file === exempt)),
    );
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      terminalBypasses(relative(root, join(root, file)), readFileSync(join(root, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('finds each kind of bypass, and not the same words in comments or other names', () => {
    const text = [
      '// deps.io.stderr.write in a comment is fine',
      "process.stderr.write('x');",
      "await deps.io.stdout.write('x');",
      'const out = ctx.deps.io.stderr;',
      'io[stream].write(text);',
      "const up = '\\x1b[1A';",
      'const csi = `\\u009b${n}m`;',
      'const tail = `${a}\\u001b[K`;',
      "terminal.stdout.write('fine');",
      "const label = 'stdout';",
    ].join('\n');
    expect(terminalBypasses('x.ts', text)).toEqual([
      'x.ts:2: process.stderr',
      'x.ts:3: deps.io.stdout',
      'x.ts:4: ctx.deps.io.stderr',
      'x.ts:5: io[…]',
      'x.ts:6: an escape sequence',
      'x.ts:7: an escape sequence',
      'x.ts:8: an escape sequence',
    ]);
  });
});
