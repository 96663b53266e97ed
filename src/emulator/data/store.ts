/**
 * Which invocations a region holds. The default region (ap-guangzhou) has the seed page's two
 * examples plus the fleet generated from `seed`; every other region has its own fleet generated
 * from `seed` and the region name. With `--data`, every region serves the file's invocations.
 */
import { compareServerOrder } from '../../api/order.js';
import { DEFAULT_REGION } from '../constants.js';
import { generateFleet } from './generator.js';
import type { StoredInvocation } from './model.js';
import { hashString } from './prng.js';
import { seedExamples } from './seed-examples.js';

export interface StoreOptions {
  seed: number;
  invocations: number;
  t0: number;
  /** Fixed records (from --data) served in every region instead of generated ones. */
  fixed?: StoredInvocation[];
  /** Final statuses of the invocations `--live` adds to every generated region. */
  live?: readonly string[];
  /** `--speed`: how much faster live invocations move. */
  speed?: number;
}

/** Server order (src/api/order.ts, shared with the client): newest first, equal times by id. */
export function sortRecords(records: StoredInvocation[]): StoredInvocation[] {
  return [...records].sort(recordOrder);
}

export function recordOrder(a: StoredInvocation, b: StoredInvocation): number {
  return compareServerOrder(a.createdMs, a.InvocationId, b.createdMs, b.InvocationId);
}

export class DataStore {
  private readonly regions = new Map<string, StoredInvocation[]>();

  constructor(private readonly options: StoreOptions) {}

  /** The region's invocations, sorted newest first (built on first use, then cached). */
  forRegion(region: string): StoredInvocation[] {
    let records = this.regions.get(region);
    if (!records) {
      records = sortRecords(this.build(region));
      this.regions.set(region, records);
    }
    return records;
  }

  private build(region: string): StoredInvocation[] {
    const { seed, invocations, t0, fixed, live, speed } = this.options;
    if (fixed) return fixed;
    if (region === DEFAULT_REGION) return [...seedExamples(), ...generateFleet({ seed, count: invocations, region, t0, live, speed })];
    return generateFleet({ seed: (seed ^ hashString(region)) >>> 0, count: invocations, region, t0, live, speed });
  }
}
