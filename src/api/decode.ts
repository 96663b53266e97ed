import { TransportError } from '../errors.js';
import { isObject } from './envelope.js';

/**
 * The boundary check of API answers. A record's schema is derived from its interface in
 * types.ts: `Schema<Invocation>` must name every field of `Invocation`, with a check of the
 * field's own type (text, number, true/false, a list, a record), so a field added to the
 * interface and not to its schema, or given the wrong kind, fails `npm run typecheck`. Whatever
 * a schema lets through is what the interface promises, nested fields included: a task status
 * that is a number, a task without an InstanceId, never reach a formatter (a crash there was
 * "unexpected failure", exit 1).
 *
 * Absent or null is allowed for every field not marked required: older servers omit fields.
 */

type TextCheck = 'text' | 'required text';
type Field<V> = [V] extends [string]
  ? TextCheck
  : [V] extends [number]
    ? 'number'
    : [V] extends [boolean]
      ? 'boolean'
      : [V] extends [ReadonlyArray<infer E>]
        ? { readonly list: [E] extends [string] ? 'text' : Schema<E> }
        : [V] extends [object]
          ? { readonly record: Schema<V> }
          : never;

export type Schema<T> = { readonly [K in keyof T]-?: Field<NonNullable<T[K]>> };

/** Any schema, as the checker walks it (the typed one is only for whoever writes it). */
type FieldCheck =
  | TextCheck
  | 'number'
  | 'boolean'
  | { readonly list: 'text' | AnySchema }
  | { readonly record: AnySchema };
type AnySchema = Readonly<Record<string, FieldCheck>>;

/** Deeper than this, a value is refused: printing it (-o json) would overflow the stack. */
export const MAX_DEPTH = 64;

export function malformed(action: string, what: string): TransportError {
  return new TransportError(`${action} answered with a malformed response: ${what}`, false);
}

export function expectCount(response: Record<string, unknown>, action: string): number {
  const count = response.TotalCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    throw malformed(action, `TotalCount is ${JSON.stringify(count)}`);
  return count;
}

/**
 * `response[key]` as a list of records of `schema`, each named in errors by its `idField` (which
 * the schema must mark required).
 */
export function expectRecords<T>(
  response: Record<string, unknown>,
  key: string,
  idField: keyof T & string,
  action: string,
  schema: Schema<T>,
): T[] {
  // A Schema<T> is an AnySchema whose field names are T's; the checker needs no more than that.
  const checks = schema as AnySchema;
  const set = response[key];
  if (!Array.isArray(set)) throw malformed(action, `${key} is not an array`);
  set.forEach((record: unknown, index) => {
    if (!isObject(record) || typeof record[idField] !== 'string')
      throw malformed(action, `${key}[${index}] has no ${idField}`);
    const where = `${key}[${index}] (${record[idField].slice(0, 40)})`;
    const wrong = wrongField(record, checks);
    if (wrong) throw malformed(action, `${where}.${wrong}`);
    for (const [field, value] of Object.entries(record)) {
      if (deeperThan(value, MAX_DEPTH))
        throw malformed(action, `${where}.${field} is nested more than ${MAX_DEPTH} levels deep`);
    }
  });
  // Checked above, field by field against the schema derived from T.
  return set as T[];
}

/** The first field that does not have the type its check says, as `Field is <what>, not <type>` or `Field[2].Inner is …`. */
function wrongField(record: Record<string, unknown>, schema: AnySchema): string | undefined {
  for (const [field, check] of Object.entries(schema)) {
    const value = record[field];
    if (value === undefined || value === null) {
      if (check === 'required text') return `${field} is missing`;
      continue;
    }
    const wrong = wrongValue(value, check);
    if (wrong !== undefined) return `${field}${wrong}`;
  }
  return undefined;
}

/** What is wrong with one present value, to follow its name: ` is <what>, not <type>`, or a path into it. */
function wrongValue(value: unknown, check: FieldCheck): string | undefined {
  const not = (type: string): string => ` is ${describe(value)}, not ${type}`;
  if (check === 'text' || check === 'required text') return typeof value === 'string' ? undefined : not('text');
  if (check === 'number') return typeof value === 'number' ? undefined : not('a number');
  if (check === 'boolean') return typeof value === 'boolean' ? undefined : not('true or false');
  if ('record' in check) {
    if (!isObject(value)) return not('an object');
    const wrong = wrongField(value, check.record);
    return wrong === undefined ? undefined : `.${wrong}`;
  }
  if (!Array.isArray(value)) return not('a list');
  const items: readonly unknown[] = value;
  for (const [index, item] of items.entries()) {
    const wrong =
      check.list === 'text'
        ? wrongValue(item, 'text')
        : isObject(item)
          ? prefixed('.', wrongField(item, check.list))
          : ` is ${describe(item)}, not an object`;
    if (wrong !== undefined) return `[${index}]${wrong}`;
  }
  return undefined;
}

function prefixed(prefix: string, text: string | undefined): string | undefined {
  return text === undefined ? undefined : `${prefix}${text}`;
}

/** A short description of a wrong value that never serialises it whole (it may be huge or deep). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value))
    return `a list (${value.length} items${value.some((item) => item === null) ? ', with null' : ''})`;
  if (isObject(value)) return 'an object';
  return typeof value === 'string'
    ? JSON.stringify(value.slice(0, 40))
    : `${typeof value} ${String(value).slice(0, 40)}`;
}

/** Iterative, so a value nested a million deep is measured without recursion. */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
