import { UsageError } from '../../../errors.js';
import { MAX_PARAMETERS, PARAMETER_KEY } from '../../../api/types.js';

/**
 * `--param KEY=VALUE` (repeatable) and the script's placeholders: `{{key}}` is replaced by the
 * value on the instance, and so is `{{tat-hidden:key}}`, whose value TAT records as `******`
 * and tat never shows (its debug trace, dry run, messages and errors show `******` too).
 */

export const HIDDEN = '******';

const PLACEHOLDER = /\{\{(tat-hidden:)?([A-Za-z0-9_-]{1,64})\}\}/g;

export interface Placeholders {
  /** Every key the script names, in order of first use. */
  keys: string[];
  /** Keys named as `{{tat-hidden:key}}` somewhere. */
  hidden: Set<string>;
}

export function placeholdersOf(script: string): Placeholders {
  const keys: string[] = [];
  const hidden = new Set<string>();
  for (const match of script.matchAll(PLACEHOLDER)) {
    const key = match[2]!;
    if (!keys.includes(key)) keys.push(key);
    if (match[1]) hidden.add(key);
  }
  return { keys, hidden };
}

/** `--param a=1 --param b=x=y` → { a: '1', b: 'x=y' }, keys checked as the API checks them. */
export function parseParams(values: readonly string[]): Map<string, string> {
  const params = new Map<string, string>();
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0)
      throw new UsageError(
        `--param '${value.slice(0, 40)}' has no '='`,
        'Write parameters as KEY=VALUE, e.g. --param version=1.4.2.',
      );
    const key = value.slice(0, eq).trim();
    if (!PARAMETER_KEY.test(key))
      throw new UsageError(
        `--param '${key.slice(0, 70)}' is not a parameter name`,
        'Names have 1 to 64 characters among letters, digits, - and _, e.g. --param version=1.4.2.',
      );
    if (params.has(key)) throw new UsageError(`--param ${key} is given twice`, 'Give each parameter once.');
    params.set(key, value.slice(eq + 1));
  }
  if (params.size > MAX_PARAMETERS)
    throw new UsageError(
      `${params.size} parameters given; the API takes at most ${MAX_PARAMETERS}`,
      'Pass fewer values (e.g. one JSON value in one parameter).',
    );
  return params;
}

/** The JSON text of Parameters, as sent. */
export function parametersJson(params: ReadonlyMap<string, string>): string {
  return JSON.stringify(Object.fromEntries(params));
}

/** The same with each hidden key's value shown as `******`: what tat ever prints of them. */
export function shownParametersJson(params: ReadonlyMap<string, string>, hidden: ReadonlySet<string>): string {
  return JSON.stringify(Object.fromEntries([...params].map(([key, value]) => [key, hidden.has(key) ? HIDDEN : value])));
}

/**
 * Every form in which a hidden value could appear in text tat writes: as given, and JSON-escaped
 * once (inside a request body) and twice (Parameters is JSON text inside the JSON body).
 */
export function secretForms(params: ReadonlyMap<string, string>, hidden: ReadonlySet<string>): string[] {
  const forms = new Set<string>();
  for (const [key, value] of params) {
    if (!hidden.has(key) || value === '') continue;
    const once = JSON.stringify(value).slice(1, -1);
    forms.add(value).add(once).add(JSON.stringify(once).slice(1, -1));
  }
  return [...forms];
}
