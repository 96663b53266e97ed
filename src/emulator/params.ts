/** Request body parsing and parameter type checks (UnknownParameter, InvalidParameter, Limit/Offset). */
import type { Filter } from '../api/types.js';
import { DEFAULT_LIMIT, MAX_FILTER_VALUES, MAX_FILTERS, MAX_IDS_PER_REQUEST, MAX_LIMIT } from '../api/types.js';
import { EmulatorApiError } from './errors.js';

export type Body = Record<string, unknown>;

/** No TAT request nests deeper than 4; real API gateways refuse far less than this. */
export const MAX_BODY_DEPTH = 32;

/**
 * True when brackets outside strings nest deeper than `max`. One linear pass: V8's JSON.parse
 * takes seconds (superlinear) on a 10 MB `[[[[...` body, blocking every other client meanwhile.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export function parseBody(raw: Buffer): Body {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  if (nestsDeeperThan(text, MAX_BODY_DEPTH))
    throw new EmulatorApiError('InvalidParameter', `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse throws SyntaxErrors.
    throw new EmulatorApiError('InvalidParameter', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EmulatorApiError('InvalidParameter', 'The request body must be a JSON object.');
  }
  // Checked just above to be a plain JSON object.
  return value as Body;
}

/** Rejects keys the action does not know (null values count as absent, as the SDKs drop them). */
export function checkKeys(body: Body, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key))
      throw new EmulatorApiError('UnknownParameter', `The parameter \`${key}\` is not recognized.`);
  }
}

const present = (body: Body, key: string): boolean => body[key] !== undefined && body[key] !== null;
const typeError = (key: string, expected: string): EmulatorApiError =>
  new EmulatorApiError(
    'InvalidParameter',
    `The value type of parameter \`${key}\` is not valid: expected ${expected}.`,
  );

export function stringList(body: Body, key: string): string[] | undefined {
  if (!present(body, key)) return undefined;
  const value = body[key];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw typeError(key, 'an array of strings');
  // Checked just above to be an array of strings.
  return value as string[];
}

export function filterList(body: Body, key = 'Filters'): Filter[] | undefined {
  if (!present(body, key)) return undefined;
  const value = body[key];
  if (!Array.isArray(value)) throw typeError(key, 'an array of {Name, Values}');
  return value.map((item: unknown, i) => {
    const where = `${key}.${i}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw typeError(where, 'an object {Name, Values}');
    // Checked just above to be a plain JSON object.
    const filter = item as Body;
    checkKeys(filter, ['Name', 'Values']);
    if (typeof filter.Name !== 'string') throw typeError(`${where}.Name`, 'a string');
    const values = stringList(filter, 'Values');
    if (values === undefined)
      throw new EmulatorApiError(
        'MissingParameter',
        `The request is missing a required parameter \`${where}.Values\`.`,
      );
    return { Name: filter.Name, Values: values };
  });
}

export function integer(body: Body, key: string): number | undefined {
  if (!present(body, key)) return undefined;
  const value = body[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(key, 'an integer');
  return value;
}

export function boolean(body: Body, key: string): boolean | undefined {
  if (!present(body, key)) return undefined;
  const value = body[key];
  if (typeof value !== 'boolean') throw typeError(key, 'a boolean');
  return value;
}

export interface ListParams {
  ids?: string[];
  filters?: Filter[];
  limit: number;
  offset: number;
}

/** The error codes an action documents for its limits. */
export interface LimitCodes {
  /** Too many ids or filters, or Limit above 100. */
  tooMany: string;
  /** More than 5 values in one filter. */
  filterValues: string;
}

/** DescribeInvocations' codes. */
export const INVOCATION_LIMIT_CODES: LimitCodes = {
  tooMany: 'InvalidParameterValue.LimitExceeded',
  filterValues: 'LimitExceeded.FilterValueExceeded',
};
/** DescribeInvocationTasks documents no `LimitExceeded.*` code: its limits are `InvalidParameterValue`. */
export const TASK_LIMIT_CODES: LimitCodes = { tooMany: 'InvalidParameterValue', filterValues: 'InvalidParameterValue' };

/** The rules DescribeInvocations and DescribeInvocationTasks share: conflict, counts, paging. */
export function listParams(body: Body, idsKey: string, codes: LimitCodes = INVOCATION_LIMIT_CODES): ListParams {
  const ids = stringList(body, idsKey);
  const filters = filterList(body);
  const limit = integer(body, 'Limit') ?? DEFAULT_LIMIT;
  const offset = integer(body, 'Offset') ?? 0;
  if (ids && ids.length > 0 && filters && filters.length > 0) {
    throw new EmulatorApiError(
      'InvalidParameter.ConflictParameter',
      `The parameters \`${idsKey}\` and \`Filters\` cannot be specified at the same time.`,
    );
  }
  if (ids && ids.length > MAX_IDS_PER_REQUEST) {
    throw new EmulatorApiError(
      codes.tooMany,
      `\`${idsKey}\` accepts at most ${MAX_IDS_PER_REQUEST} ids, got ${ids.length}.`,
    );
  }
  if (filters && filters.length > MAX_FILTERS) {
    throw new EmulatorApiError(
      codes.tooMany,
      `\`Filters\` accepts at most ${MAX_FILTERS} filters, got ${filters.length}.`,
    );
  }
  for (const f of filters ?? []) {
    if (f.Values.length > MAX_FILTER_VALUES) {
      throw new EmulatorApiError(
        codes.filterValues,
        `Filter \`${f.Name}\` has ${f.Values.length} values; at most ${MAX_FILTER_VALUES} are allowed.`,
      );
    }
  }
  if (limit > MAX_LIMIT)
    throw new EmulatorApiError(codes.tooMany, `\`Limit\` must be at most ${MAX_LIMIT}, got ${limit}.`);
  if (limit < 0) throw new EmulatorApiError('InvalidParameterValue', `\`Limit\` must not be negative, got ${limit}.`);
  if (offset < 0)
    throw new EmulatorApiError('InvalidParameterValue', `\`Offset\` must not be negative, got ${offset}.`);
  return { ids, filters, limit, offset };
}
