/**
 * A region's instances and their TAT agents. Every instance the region's invocations name exists
 * (so does every instance of the seed page's examples in the default region), plus a few whose
 * agent is offline and `--instances` online Linux CVMs for runs of any size. A pure function of
 * (seed, region, size, start time), built on the first request that needs it; the bulk of online
 * Linux CVMs is kept as ids alone, everything else about them derived from their position.
 */
import type { AutomationAgentInfo } from '../../api/types.js';
import { DEFAULT_REGION } from '../constants.js';
import { fleetIdentities, uniqueId } from '../data/generator.js';
import { formatTime } from '../data/model.js';
import { createRng, hashString, type Rng } from '../data/prng.js';

export type InstanceKind = 'CVM' | 'LIGHTHOUSE' | 'REGISTERINST';
export type AgentEnvironment = 'Linux' | 'Windows';
export type AgentStatus = 'Online' | 'Offline';

/** What RunCommand and DescribeAutomationAgentStatus need to know about an instance. */
export interface FleetInstance {
  readonly InstanceId: string;
  /** From the id's prefix: `ins-` CVM, `lhins-` LIGHTHOUSE, `rins-` REGISTERINST (managed). */
  readonly kind: InstanceKind;
  readonly environment: AgentEnvironment;
  readonly status: AgentStatus;
  /** The agent's version. */
  readonly version: string;
  readonly features: readonly string[];
  /** A last heartbeat that does not move (ms): offline agents', and those a `--data` file gives one. Others beat every minute, see `lastHeartbeatMs`. */
  readonly fixedHeartbeatMs?: number;
}

/** The agent's heartbeat period: an online agent's last beat is at most this long ago. */
export const HEARTBEAT_MS = 60_000;

/** The current agent and an older one still found on long-lived instances. */
const CURRENT_VERSION = '1.1.14';
const OLD_VERSION = '1.0.19';
/** Illustrative feature names (the official description documents none): what the agent's changelog added over time. */
const CURRENT_FEATURES: readonly string[] = ['COS_OUTPUT', 'TASK_CANCEL', 'PTY'];
const OLD_FEATURES: readonly string[] = ['COS_OUTPUT', 'TASK_CANCEL'];

/** The kind an id names, by its prefix; undefined for an id of no instance kind. */
export function instanceKindOf(id: string): InstanceKind | undefined {
  if (id.startsWith('ins-')) return 'CVM';
  if (id.startsWith('lhins-')) return 'LIGHTHOUSE';
  if (id.startsWith('rins-')) return 'REGISTERINST';
  return undefined;
}

export function lastHeartbeatMs(instance: FleetInstance, nowMs: number): number {
  if (instance.fixedHeartbeatMs !== undefined) return instance.fixedHeartbeatMs;
  // Each agent beats on a whole second of its own within the period, so their times differ and move with the clock.
  const period = HEARTBEAT_MS / 1000;
  const second = Math.floor(nowMs / 1000);
  const phase = hashString(instance.InstanceId) % period;
  return (second - ((((second + phase) % period) + period) % period)) * 1000;
}

/** The API's view of an instance's agent at `nowMs`, keys in the official description's order. */
export function agentInfo(instance: FleetInstance, nowMs: number): AutomationAgentInfo {
  return {
    InstanceId: instance.InstanceId,
    Version: instance.version,
    LastHeartbeatTime: formatTime(lastHeartbeatMs(instance, nowMs)),
    AgentStatus: instance.status,
    Environment: instance.environment,
    SupportFeatures: [...instance.features],
  };
}

export function onlineInstance(
  InstanceId: string,
  environment: AgentEnvironment = 'Linux',
  old = false,
): FleetInstance {
  return {
    InstanceId,
    kind: instanceKindOf(InstanceId) ?? 'CVM',
    environment,
    status: 'Online',
    version: old ? OLD_VERSION : CURRENT_VERSION,
    features: old ? OLD_FEATURES : CURRENT_FEATURES,
  };
}

/** A region's instances, in a stable order (the order DescribeAutomationAgentStatus lists them). */
export class RegionFleet {
  private readonly positions = new Map<string, number>();

  /**
   * `listed`: instances with their own attributes; `bulk`: ids of online Linux CVMs with the
   * current agent (every seventh an older one), listed after them.
   */
  constructor(
    private readonly listed: readonly FleetInstance[],
    private readonly bulk: readonly string[] = [],
  ) {
    listed.forEach((instance, i) => this.positions.set(instance.InstanceId, i));
    bulk.forEach((id, i) => this.positions.set(id, listed.length + i));
  }

  get size(): number {
    return this.listed.length + this.bulk.length;
  }

  /** The instance at a position of the listing (0 ≤ i < size). */
  at(i: number): FleetInstance {
    const listed = this.listed[i];
    if (listed) return listed;
    const id = this.bulk[i - this.listed.length];
    if (id === undefined) throw new RangeError(`no instance at ${i} of ${this.size}`);
    return onlineInstance(id, 'Linux', (i - this.listed.length) % 7 === 6);
  }

  get(id: string): FleetInstance | undefined {
    const i = this.positions.get(id);
    return i === undefined ? undefined : this.at(i);
  }

  /** Positions of the given ids that exist, in listing order. */
  positionsOf(ids: readonly string[]): number[] {
    const found = new Set<number>();
    for (const id of ids) {
      const i = this.positions.get(id);
      if (i !== undefined) found.add(i);
    }
    return [...found].sort((a, b) => a - b);
  }
}

export interface GeneratedFleetOptions {
  /** The region's seed (store.ts `regionSeed`): the same one its invocations come from. */
  seed: number;
  region: string;
  /** Online Linux CVMs beyond those the invocations name (`--instances`). */
  instances: number;
  /** The emulator's start: offline agents last beat some time before it. */
  t0: number;
}

/** The instances of the seed page's examples (default region only). */
const EXAMPLE_INSTANCES = ['ins-zj0f57ew', 'ins-zj0f57ex', 'ins-zj0f57ev', 'rins-0c54k0xs'];

/** Fisher–Yates: the listing mixes kinds and statuses, so its first page shows a bit of each. */
function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const [a, b] = [items[i], items[j]];
    if (a !== undefined && b !== undefined) [items[i], items[j]] = [b, a];
  }
  return items;
}

export function generatedFleet(opts: GeneratedFleetOptions): RegionFleet {
  const seen = new Set<string>();
  // The same first draws as the region's invocations (generator.ts): the instances they ran on.
  const { pools } = fleetIdentities(createRng(opts.seed), seen, opts.region);
  // A generator of its own for the rest, so the invocations stay as they were.
  const rng = createRng((opts.seed ^ 0x9e3779b9) >>> 0);
  const examples = opts.region === DEFAULT_REGION ? EXAMPLE_INSTANCES : [];
  for (const id of examples) seen.add(id);
  const hour = 3_600_000;
  const offline = (id: string, environment: AgentEnvironment, old: boolean): FleetInstance => ({
    ...onlineInstance(id, environment, old),
    status: 'Offline',
    fixedHeartbeatMs: opts.t0 - rng.int(2 * hour, 20 * 24 * hour),
  });
  const listed: FleetInstance[] = [
    ...pools.linux.map((id, i) => onlineInstance(id, 'Linux', i % 5 === 4)),
    ...pools.windows.map((id) => onlineInstance(id, 'Windows')),
    ...pools.lighthouse.map((id) => onlineInstance(id, 'Linux')),
    ...pools.managed.map((id) => onlineInstance(id, 'Linux')),
    offline(uniqueId(rng, 'ins', seen, 8), 'Linux', false),
    offline(uniqueId(rng, 'ins', seen, 8), 'Linux', true),
    offline(uniqueId(rng, 'ins', seen, 8), 'Linux', false),
    offline(uniqueId(rng, 'ins', seen, 8), 'Windows', false),
    offline(uniqueId(rng, 'lhins', seen, 8), 'Linux', false),
    ...examples.map((id) => onlineInstance(id)),
  ];
  shuffle(rng, listed);
  const bulk = Array.from({ length: opts.instances }, () => uniqueId(rng, 'ins', seen, 8));
  return new RegionFleet(listed, bulk);
}
