/**
 * Custom parameters (`EnableParameter`): the JSON objects of strings given as `Parameters` and
 * `DefaultParameters` (or the `DefaultParameterConfs` list), their rules and error codes, and
 * the placeholders they fill: `{{key}}`, and `{{tat-hidden:key}}` whose value the invocation
 * records as `******`.
 */
import { EmulatorApiError } from '../errors.js';

/** At most this many custom parameters, each name at most this long, of these characters. */
export const MAX_PARAMETERS = 20;
export const MAX_PARAMETER_KEY = 64;
const KEY = /^[A-Za-z0-9_-]+$/;
export const HIDDEN_VALUE = '******';

/** `{{key}}` or `{{tat-hidden:key}}` in a script. */
const PLACEHOLDER = /\{\{(tat-hidden:)?([A-Za-z0-9_-]+)\}\}/g;

export type ParameterMap = ReadonlyMap<string, string>;

const fail = (code: string, message: string): never => {
  throw new EmulatorApiError(`InvalidParameterValue.${code}`, message);
};

function checkKeys(keys: readonly string[], field: string): void {
  if (keys.length > MAX_PARAMETERS)
    fail(
      'ParameterNumberExceeded',
      `\`${field}\` has ${keys.length} parameters; at most ${MAX_PARAMETERS} are allowed.`,
    );
  for (const key of keys) {
    if (key.length > MAX_PARAMETER_KEY)
      fail(
        'ParameterKeyLenExceeded',
        `The parameter name \`${key.slice(0, 80)}\` in \`${field}\` is longer than ${MAX_PARAMETER_KEY} characters.`,
      );
    if (!KEY.test(key))
      fail(
        'ParameterKeyContainsInvalidChar',
        `The parameter name \`${key}\` in \`${field}\` may only contain a-z, A-Z, 0-9, '-' and '_'.`,
      );
  }
}

/** The keys of a flat JSON object's text, in order, repeats included (JSON.parse keeps only the last of a repeated key). */
function objectKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      let next = i + 1;
      while (next < text.length && /\s/.test(text[next] ?? '')) next++;
      // A string followed by a colon at the top level is a key; JSON.parse accepted the text, so the literal parses.
      if (depth === 1 && text[next] === ':') keys.push(JSON.parse(text.slice(start, i + 1)) as string);
    }
  }
  return keys;
}

/** `Parameters` or `DefaultParameters`: a JSON object of at most 20 strings with well-formed names. */
export function parseParameterObject(text: string, field: string): Map<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(
      'ParameterInvalidJsonFormat',
      `\`${field}\` is not valid JSON: send a JSON object of strings, e.g. {"varA": "222"}.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('ParameterInvalidJsonFormat', `\`${field}\` must be a JSON object of strings, e.g. {"varA": "222"}.`);
  }
  const keys = objectKeys(text);
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) fail('ParameterKeyDuplicated', `The parameter \`${key}\` appears twice in \`${field}\`.`);
    seen.add(key);
  }
  checkKeys(keys, field);
  const map = new Map<string, string>();
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string')
      fail(
        'ParameterValueNotString',
        `The value of parameter \`${key}\` in \`${field}\` must be a string, got ${JSON.stringify(v)}.`,
      );
    map.set(key, String(v));
  }
  return map;
}

/** `DefaultParameterConfs`: a list of {ParameterName, ParameterValue, ParameterDescription?}. */
export function parseParameterConfs(value: unknown, field = 'DefaultParameterConfs'): Map<string, string> {
  const typeError = (where: string, expected: string): never => {
    throw new EmulatorApiError(
      'InvalidParameter',
      `The value type of parameter \`${where}\` is not valid: expected ${expected}.`,
    );
  };
  if (!Array.isArray(value))
    return typeError(field, 'an array of {ParameterName, ParameterValue, ParameterDescription}');
  const map = new Map<string, string>();
  value.forEach((item: unknown, i) => {
    const where = `${field}.${i}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return typeError(where, 'an object {ParameterName, ParameterValue, ParameterDescription}');
    for (const key of Object.keys(item)) {
      if (!['ParameterName', 'ParameterValue', 'ParameterDescription'].includes(key))
        throw new EmulatorApiError('UnknownParameter', `The parameter \`${where}.${key}\` is not recognized.`);
    }
    // Checked just above to be a plain JSON object.
    const {
      ParameterName: name,
      ParameterValue: v,
      ParameterDescription: description,
    } = item as Record<string, unknown>;
    if (name === undefined || name === null)
      throw new EmulatorApiError(
        'MissingParameter',
        `The request is missing a required parameter \`${where}.ParameterName\`.`,
      );
    if (v === undefined || v === null)
      throw new EmulatorApiError(
        'MissingParameter',
        `The request is missing a required parameter \`${where}.ParameterValue\`.`,
      );
    if (typeof name !== 'string') return typeError(`${where}.ParameterName`, 'a string');
    if (typeof v !== 'string') return typeError(`${where}.ParameterValue`, 'a string');
    if (description !== undefined && description !== null && typeof description !== 'string')
      return typeError(`${where}.ParameterDescription`, 'a string');
    if (map.has(name))
      throw new EmulatorApiError(
        'InvalidParameter.ParameterNameDuplicated',
        `The parameter name \`${name}\` appears twice in \`${field}\`.`,
      );
    map.set(name, v);
  });
  checkKeys([...map.keys()], field);
  return map;
}

/** The placeholders of a script, in order of first use, and whether each is hidden anywhere. */
export function placeholders(script: string): Map<string, { hidden: boolean }> {
  const found = new Map<string, { hidden: boolean }>();
  for (const match of script.matchAll(PLACEHOLDER)) {
    const key = match[2] ?? '';
    const hidden = match[1] !== undefined || (found.get(key)?.hidden ?? false);
    found.set(key, { hidden });
  }
  return found;
}

/**
 * The script with its placeholders replaced: by `Parameters`, else by the defaults. A
 * placeholder that has neither is `InvalidParameterValue.LackOfParameterInfo`.
 */
export function replacePlaceholders(script: string, parameters: ParameterMap, defaults: ParameterMap): string {
  for (const key of placeholders(script).keys()) {
    if (!parameters.has(key) && !defaults.has(key)) {
      fail(
        'LackOfParameterInfo',
        `The script uses the parameter \`${key}\`, which has no value: give it in \`Parameters\` or a default.`,
      );
    }
  }
  return script.replace(
    PLACEHOLDER,
    (_whole, _hidden: string | undefined, key: string) => parameters.get(key) ?? defaults.get(key) ?? '',
  );
}

/** A parameter object as the invocation records it: hidden parameters' values as `******` ('' when there are none). */
export function recordedParameters(parameters: ParameterMap | undefined, hidden: ReadonlySet<string>): string {
  if (parameters === undefined) return '';
  return JSON.stringify(
    Object.fromEntries([...parameters].map(([key, value]) => [key, hidden.has(key) ? HIDDEN_VALUE : value])),
  );
}

/** The script the agents run and the hidden keys, for a command with (or without) EnableParameter. */
export function applyParameters(
  template: string,
  enabled: boolean,
  parameters: ParameterMap | undefined,
  defaults: ParameterMap | undefined,
): { script: string; hidden: Set<string> } {
  if (!enabled) return { script: template, hidden: new Set() };
  const script = replacePlaceholders(template, parameters ?? new Map(), defaults ?? new Map());
  const hidden = new Set([...placeholders(template)].filter(([, p]) => p.hidden).map(([key]) => key));
  return { script, hidden };
}
