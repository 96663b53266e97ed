/**
 * The shapes a `--data` file comes in, shared by what reads it: invocations (load.ts), agents
 * (fleet/data.ts) and saved commands (commands/data.ts). The file is an array of invocations, or
 * an object with any of `InvocationSet`, `InvocationTaskSet`, `AutomationAgentSet` and
 * `CommandSet`, optionally wrapped in `{"Response": ...}` as a saved API answer is.
 */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object holding the sets (the file itself, or its `Response`); an array of invocations as it is. */
export function dataRoot(data: unknown): unknown {
  return isObject(data) && isObject(data.Response) ? data.Response : data;
}

/** The named set of the file, [] when it has none; an error naming it when it is not an array. */
export function dataSet(data: unknown, name: string): unknown[] {
  const root = dataRoot(data);
  if (!isObject(root) || root[name] === undefined) return [];
  const set = root[name];
  if (!Array.isArray(set)) throw new Error(`"${name}" must be an array`);
  return set;
}
