/**
 * Which invocations a region holds. The default region (ap-guangzhou) has the seed page's two
 * examples plus the fleet generated from `seed`; every other region has its own fleet generated
 * from `seed` and the region name. With `--data`, every region serves the file's invocations.
 */
import { compareServerOrder } from '../../api/order.js';
import { DEFAULT_INSTANCES, DEFAULT_REGION } from '../constants.js';
import { generatedCommands } from '../commands/generated.js';
import { CommandStore } from '../commands/store.js';
import type { Command } from '../../api/types.js';
import { dataFleet } from '../fleet/data.js';
import { type FleetInstance, generatedFleet, type RegionFleet } from '../fleet/fleet.js';
import { generateFleet } from './generator.js';
import { recordsFromJson } from './load.js';
import { formatTime } from './model.js';
import type { StoredInvocation } from './model.js';
import { createRng, hashString, type Rng } from './prng.js';
import { seedExamples } from './seed-examples.js';
import { noteInserted, taskIndex } from '../task-index.js';

export interface StoreOptions {
  seed: number;
  invocations: number;
  t0: number;
  /** Fixed records (from --data) served in every region instead of generated ones. */
  fixed?: StoredInvocation[];
  /** With `fixed`: the agents and saved commands of the same file (each region gets its own copy of the commands). */
  fixedAgents?: readonly FleetInstance[];
  fixedCommands?: readonly Command[];
  /** Final statuses of the invocations `--live` adds to every generated region. */
  live?: readonly string[];
  /** `--speed`: how much faster live invocations move. */
  speed?: number;
  /** Online Linux CVMs each region has beyond the instances its invocations name (`--instances`). */
  instances?: number;
}

/** Server order (src/api/order.ts, shared with the client): newest first, equal times by id. */
export function sortRecords(records: StoredInvocation[]): StoredInvocation[] {
  return [...records].sort(recordOrder);
}

export function recordOrder(a: StoredInvocation, b: StoredInvocation): number {
  return compareServerOrder(a.createdMs, a.InvocationId, b.createdMs, b.InvocationId);
}

/** The seed a region's generated data comes from: `seed` itself in the default region, else mixed with the region's name. */
export function regionSeed(seed: number, region: string): number {
  return region === DEFAULT_REGION ? seed : (seed ^ hashString(region)) >>> 0;
}

export class DataStore {
  private readonly regions = new Map<string, StoredInvocation[]>();
  private readonly fleets = new Map<string, RegionFleet>();
  private readonly savedCommands = new Map<string, CommandStore>();
  private arrived = 0;
  /** Ids of what the API creates (invocations, tasks, commands): from the seed, so runs repeat. */
  private readonly ids: Rng;
  private readonly issued = new Set<string>();

  constructor(private readonly options: StoreOptions) {
    this.ids = createRng((options.seed ^ hashString('created by the API')) >>> 0);
  }

  /** A new id (`inv-`, `invt-`, `cmd-` and 8 characters) used by nothing else in the region. */
  newId(region: string, prefix: 'inv' | 'invt' | 'cmd'): string {
    const index = taskIndex(this.forRegion(region));
    for (;;) {
      const id = `${prefix}-${this.ids.id(8)}`;
      if (!this.issued.has(id) && !index.invocation(id) && !index.byTaskId(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }

  /** The region's invocations, sorted newest first (built on first use, then cached). */
  forRegion(region: string): StoredInvocation[] {
    let records = this.regions.get(region);
    if (!records) {
      records = sortRecords(this.build(region));
      this.regions.set(region, records);
    }
    return records;
  }

  /** The region's instances and agents (built on first use, then cached; independent of its invocations' build). */
  fleet(region: string): RegionFleet {
    let fleet = this.fleets.get(region);
    if (!fleet) {
      const { seed, instances, t0, fixed, fixedAgents } = this.options;
      fleet = fixed
        ? dataFleet(fixedAgents ?? [], fixed, t0)
        : generatedFleet({ seed: regionSeed(seed, region), region, instances: instances ?? DEFAULT_INSTANCES, t0 });
      this.fleets.set(region, fleet);
    }
    return fleet;
  }

  /** The region's saved commands (built on first use, then kept: RunCommand with SaveCommand adds to them). */
  commands(region: string): CommandStore {
    let commands = this.savedCommands.get(region);
    if (!commands) {
      const { seed, t0, fixed, fixedCommands } = this.options;
      commands = fixed
        ? new CommandStore(fixedCommands)
        : generatedCommands({ seed: regionSeed(seed, region), region, t0 });
      this.savedCommands.set(region, commands);
    }
    return commands;
  }

  /**
   * `count` new invocations created at `nowMs` in `region` (--arrival-rate): each is placed in
   * server order, so older ones move to later offsets as they would on a busy account.
   */
  arrive(region: string, count: number, nowMs: number): void {
    const created = formatTime(nowMs);
    for (let i = 0; i < count; i++) {
      const n = this.arrived++;
      const id = `inv-new${n.toString(36).padStart(6, '0')}`;
      const [record] = recordsFromJson([
        {
          InvocationId: id,
          CommandId: 'cmd-arrival1',
          CommandName: 'arrival',
          InvocationStatus: 'SUCCESS',
          CreatedTime: created,
          InvocationTaskBasicInfoSet: [
            {
              InvocationTaskId: `invt-new${n.toString(36).padStart(6, '0')}`,
              TaskStatus: 'SUCCESS',
              InstanceId: 'ins-arrival1',
            },
          ],
        },
      ]);
      this.insert(region, record!);
    }
  }

  /**
   * Adds an invocation created now (RunCommand, InvokeCommand, arrivals) where the server lists
   * it: new ones are the newest, so this looks from the front. Visible at once to
   * DescribeInvocations and, through the task index, to DescribeInvocationTasks.
   */
  insert(region: string, record: StoredInvocation): void {
    const records = this.forRegion(region);
    let at = 0;
    while (at < records.length && recordOrder(records[at]!, record) < 0) at++;
    records.splice(at, 0, record);
    noteInserted(records, at);
  }

  private build(region: string): StoredInvocation[] {
    const { seed, invocations, t0, fixed, live, speed } = this.options;
    if (fixed) return fixed;
    const fleet = generateFleet({ seed: regionSeed(seed, region), count: invocations, region, t0, live, speed });
    return region === DEFAULT_REGION ? [...seedExamples(), ...fleet] : fleet;
  }
}
