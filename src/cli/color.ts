import type { Env } from '../deps.js';
import type { ColorLevel } from '../output/types.js';

/**
 * Decided once, at start, from the injected environment and terminal facts:
 * `--no-color` and `NO_COLOR` (any non-empty value) win; then `FORCE_COLOR`; then the terminal.
 */
export function colorLevel(env: Env, isTTY: boolean, noColorFlag: boolean): ColorLevel {
  if (noColorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return force === '2' ? 2 : 3;
    return 1;
  }
  if (!isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}
