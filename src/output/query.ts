/**
 * `--query EXPR`: a JMESPath expression (the selection language of the AWS CLI and tccli)
 * applied to the JSON document a command would print with `-o json`: an array for listings, the
 * bare object when exactly one id was asked for. The result is printed as JSON (`-o json`, the
 * default with --query), one compact JSON value per line (`-o ndjson`), or tab-separated rows
 * (`-o tsv`). The document is whole before it is queried, so this buffers like `-o json`.
 *
 * Library: @jmespath-community/jmespath (typed ESM, maintained, the community edition of the
 * spec: a superset of JMESPath with more functions). Loaded only when --query is given.
 */
import { deeperThan } from '../api/decode.js';
import { messageOf, UsageError } from '../errors.js';
import { escapeField, escapeJsonText } from './escape.js';
import type { Formatter } from './types.js';
import type { OutputStream } from '../deps.js';

export type QueryFormat = 'json' | 'ndjson' | 'tsv';
export const QUERY_FORMATS: readonly QueryFormat[] = ['json', 'ndjson', 'tsv'];

type Jmespath = typeof import('@jmespath-community/jmespath');
type JSONValue = import('@jmespath-community/jmespath').JSONValue;

export interface CompiledQuery {
  expression: string;
  run(document: unknown): unknown;
}

const QUERY_HINT =
  '--query takes a JMESPath expression, e.g. --query \'[?InvocationStatus==`"FAILED"`].InvocationId\' (string literals: \'FAILED\' or `"FAILED"`).';

/**
 * How deep a compiled expression may nest (its syntax tree, literals included). Far beyond any
 * real query (`[?a.b].{x: c}` is about 6); the parser, the interpreter and JSON.stringify all
 * recurse, and a literal nested 50,000 deep overflowed the stack (exit 1, a stack trace).
 */
export const MAX_QUERY_DEPTH = 256;

/** Compiles now, so a bad expression is a usage error (exit 2) before any request. */
export async function compileQuery(expression: string): Promise<CompiledQuery> {
  const jmespath: Jmespath = await import('@jmespath-community/jmespath');
  if (expression.trim() === '') throw new UsageError('--query is empty', QUERY_HINT);
  const shown = quoted(expression);
  const tooDeep = (): UsageError =>
    new UsageError(
      `--query ${shown} is nested more than ${MAX_QUERY_DEPTH} levels deep`,
      'Write the expression (and any literal in it) with less nesting.',
    );
  let ast: ReturnType<Jmespath['compile']>;
  try {
    ast = jmespath.compile(expression);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw new UsageError(`--query ${shown} is not a valid JMESPath expression: ${messageOf(error)}`, QUERY_HINT);
  }
  if (deeperThan(ast, MAX_QUERY_DEPTH)) throw tooDeep();
  return {
    expression,
    run(document) {
      try {
        // Records come from JSON (the API's answers), so they are JSON values.
        return jmespath.TreeInterpreter.search(ast, document as JSONValue);
      } catch (error) {
        throw new UsageError(`--query ${shown} failed on the result: ${messageOf(error)}`, QUERY_HINT);
      }
    },
  };
}

/** The expression in quotes for a message, cut to a line (it may be 100,000 characters). */
function quoted(expression: string): string {
  return expression.length > 80 ? `'${expression.slice(0, 80)}…' (${expression.length} characters)` : `'${expression}'`;
}

export interface QueryPrinterOptions {
  out: OutputStream;
  format: QueryFormat;
  /** Exactly one record was asked for: the document is the bare object (as with -o json). */
  single: boolean;
}

export function createQueryFormatter<T>(query: CompiledQuery, options: QueryPrinterOptions): Formatter<T> {
  const records: T[] = [];
  return {
    async write(page) {
      records.push(...page);
    },
    async end() {
      const document = options.single
        ? records.length === 1
          ? records[0]
          : records.length === 0
            ? null
            : records
        : records;
      const result = query.run(document);
      const text = render(result, options.format);
      if (text !== '') await options.out.write(text);
    },
  };
}

/** The result as the chosen format prints it; null prints nothing in ndjson/tsv (nothing matched). */
export function render(result: unknown, format: QueryFormat): string {
  if (format === 'json') return `${escapeJsonText(JSON.stringify(result ?? null, null, 2))}\n`;
  if (result === null || result === undefined) return '';
  const rows = Array.isArray(result) ? result : [result];
  if (format === 'ndjson') return rows.map((row) => `${escapeJsonText(JSON.stringify(row ?? null))}\n`).join('');
  return rows.map((row) => `${tsvRow(row)}\n`).join('');
}

/** A row: a scalar as itself, an array's items or an object's values separated by tabs. */
function tsvRow(row: unknown): string {
  if (Array.isArray(row)) return row.map(tsvField).join('\t');
  if (row !== null && typeof row === 'object') return Object.values(row).map(tsvField).join('\t');
  return tsvField(row);
}

function tsvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Same reversible encoding as -o tsv: one row per line, one field per tab, no control characters.
  return escapeField(
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value),
  );
}
