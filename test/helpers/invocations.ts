/** Invocation records for command tests: the seed page's example, and numbered ones. */
import type { Invocation } from '../../src/api/types.js';
import { SEED } from '../output/fixtures.js';

/** The seed page's example invocation (keys in the API's order, no CommandName). */
export const SEED_INVOCATION: Invocation = SEED;

/** inv-00000000 … newest first when sorted by index ascending. */
export function numbered(index: number, overrides: Partial<Invocation> = {}): Invocation {
  const created = new Date(Date.UTC(2026, 10, 1) - index * 60_000).toISOString().replace('.000Z', 'Z');
  return {
    ...SEED_INVOCATION,
    InvocationId: `inv-${String(index).padStart(8, '0')}`,
    CommandName: `job-${index}`,
    CreatedTime: created,
    StartTime: created,
    UpdatedTime: created,
    EndTime: created,
    ...overrides,
  };
}

export function range(from: number, to: number): Invocation[] {
  return Array.from({ length: to - from }, (_, i) => numbered(from + i));
}
