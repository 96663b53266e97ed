import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The cast rule of docs/development.md: a type assertion (`x as T`, `<T>x`) or `any` in src/
 * tells the compiler to stop checking, so each one carries a comment, on its line, the line
 * before, or before the statement it is part of (a formatter breaks long ones over lines),
 * saying why it is sound. `as const` and import/export renames are not assertions.
 * Parsed with the compiler, so ` as ` in strings and comments is not counted.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `file:line: text` for every assertion or `any` without a comment on its line or the one before. */
export function uncommentedCasts(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line;
  const commented = new Set<number>();
  const found: { line: number; from: number; what: string }[] = [];
  // A formatter breaks a long statement over lines, so the comment may stand before the
  // statement (or class member, or object property) the assertion is part of.
  const statementLine = (node: ts.Node): number => {
    let at = node;
    while (
      at.parent &&
      !ts.isBlock(at.parent) &&
      !ts.isSourceFile(at.parent) &&
      !ts.isModuleBlock(at.parent) &&
      !ts.isCaseClause(at.parent) &&
      !ts.isDefaultClause(at.parent) &&
      !ts.isClassLike(at.parent) &&
      !ts.isObjectLiteralExpression(at.parent)
    )
      at = at.parent;
    return lineOf(at.getStart(source));
  };
  const noteComments = (ranges: ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? [])
      for (let line = lineOf(range.pos); line <= lineOf(range.end); line += 1) commented.add(line);
  };
  const visit = (node: ts.Node): void => {
    noteComments(ts.getLeadingCommentRanges(text, node.pos));
    noteComments(ts.getTrailingCommentRanges(text, node.end));
    if (
      ts.isAsExpression(node) &&
      !(ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(source) === 'const')
    ) {
      found.push({
        line: lineOf(node.type.getStart(source)),
        from: statementLine(node),
        what: `as ${node.type.getText(source)}`,
      });
    } else if (ts.isTypeAssertionExpression(node)) {
      found.push({
        line: lineOf(node.getStart(source)),
        from: statementLine(node),
        what: `<${node.type.getText(source)}>`,
      });
    } else if (node.kind === ts.SyntaxKind.AnyKeyword) {
      found.push({ line: lineOf(node.getStart(source)), from: statementLine(node), what: 'any' });
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return found
    .filter(
      ({ line, from }) =>
        !Array.from({ length: line - from + 2 }, (_, i) => from - 1 + i).some((l) => commented.has(l)),
    )
    .map(({ line, what }) => `${fileName}:${line + 1}: ${what}`);
}

describe('type assertions and any in src/', () => {
  it('each carries a comment saying why it is sound', () => {
    const offenders = sourceFiles(join(root, 'src')).flatMap((path) =>
      uncommentedCasts(relative(root, path), readFileSync(path, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('finds assertions and any, and accepts as const, renames and commented ones', () => {
    const text = [
      "import { a as b } from './x.js';",
      'export { b as c };',
      "const list = ['x'] as const;",
      "const label = 'a as b';",
      'const one = JSON.parse(text) as Body;',
      'const two = <Body>value;',
      'let three: any;',
      '// JSON.parse returns any; the shape is checked by the caller.',
      'const four = JSON.parse(text) as Body;',
      'const five = value as unknown as Body; // the guard above proved it',
      '// checked by isBody() above',
      'const six = call(',
      '  first,',
      '  value as Body,',
      ');',
      'const seven = call(',
      '  first,',
      '  value as Body,',
      ');',
    ].join('\n');
    expect(uncommentedCasts('x.ts', text)).toEqual([
      'x.ts:5: as Body',
      'x.ts:6: <Body>',
      'x.ts:7: any',
      'x.ts:18: as Body',
    ]);
  });
});
