import { ApiError } from '../../../errors.js';
import { LIST_FILTER_NAMES, type Filter } from '../../../api/types.js';

/**
 * Unknown filter names are not refused locally (servers add filters); when the server refuses
 * one, say which names are known and suggest the closest.
 */
export function explainFilterError(error: unknown, filters: readonly Filter[], names: readonly string[] = LIST_FILTER_NAMES): unknown {
  if (!(error instanceof ApiError) || error.code !== 'InvalidParameterValue.InvalidFilter') return error;
  const known: readonly string[] = names;
  const unknown = filters.map((filter) => filter.Name).filter((name) => !known.includes(name));
  const suggestions = unknown.map((name) => ({ name, closest: closest(name, known) })).filter((s) => s.closest !== undefined);
  const parts = [`Known filter names: ${known.join(', ')}.`];
  for (const { name, closest: near } of suggestions) parts.unshift(`Did you mean --filter ${near}=… instead of ${name}?`);
  return error.withContext({ hint: parts.join(' ') });
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
