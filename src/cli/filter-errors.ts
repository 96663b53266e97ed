import { ApiError } from '../errors.js';
import type { Filter } from '../api/types.js';
import { closest } from '../values.js';

/**
 * Unknown filter names are not refused locally (servers add filters); when the server refuses
 * one, say which names are known and suggest the closest.
 */
export function explainFilterError(error: unknown, filters: readonly Filter[], known: readonly string[]): unknown {
  if (!(error instanceof ApiError) || error.code !== 'InvalidParameterValue.InvalidFilter') return error;
  const unknown = filters.map((filter) => filter.Name).filter((name) => !known.includes(name));
  const suggestions = unknown
    .map((name) => ({ name, closest: closest(name, known) }))
    .filter((s) => s.closest !== undefined);
  const parts = [`Known filter names: ${known.join(', ')}.`];
  for (const { name, closest: near } of suggestions)
    parts.unshift(`Did you mean --filter ${near}=… instead of ${name}?`);
  return error.withContext({ hint: parts.join(' ') });
}
