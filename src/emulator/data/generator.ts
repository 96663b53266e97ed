/**
 * The generated fleet: a deterministic function of (seed, size, region, start time). Times are
 * spread over six weeks before the start; the newest few invocations are still running and
 * advance with the clock (see lifecycle.ts).
 */
import { type LiveKind, finishedPlan, livePlan, scalePlan, taskOutcomes } from './lifecycle.js';
import { type CommandSpec, LINUX_COMMANDS, WINDOWS_COMMANDS } from './catalog.js';
import { base64, type StoredInvocation } from './model.js';
import { PackedFleet } from './packed.js';
import { PackedRecord } from './packed-record.js';
import { createRng, type Rng } from './prng.js';
import { generatedRecord, type GeneratedInvocation } from './record.js';

export interface FleetOptions {
  seed: number;
  count: number;
  region: string;
  /** The emulator's start time (ms): every generated time is relative to it. */
  t0: number;
  /** Extra invocations created at `t0` that end 10–60 s later with these statuses (`--live`). */
  live?: readonly string[];
  /** Live invocations move this many times faster (`--speed`; default 1). */
  speed?: number;
  /** false: every invocation stays an object graph (the reference packed records are tested against). */
  packed?: boolean;
}

const DAY = 86_400_000;
const LIVE: Array<[LiveKind, string]> = [
  ['pending', 'SUCCESS'],
  ['delivering', 'SUCCESS'],
  ['running', 'SUCCESS'],
  ['running', 'FAILED'],
  ['running', 'PARTIAL_FAILED'],
  ['cancelling', 'CANCELLED'],
  ['long', 'PARTIAL_FAILED'],
  ['running', 'SUCCESS'],
];
/** The first finished invocations cover every final status (and with it every final task status). */
const COVER = ['SUCCESS', 'FAILED', 'FAILED', 'TIMEOUT', 'CANCELLED', 'PARTIAL_CANCELLED', 'PARTIAL_FAILED'];

function weighted<T>(rng: Rng, choices: Array<[T, number]>): T {
  let r = rng.next() * choices.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of choices) {
    r -= w;
    if (r < 0) return value;
  }
  // Rounding can leave r at 0 after the loop: the last choice (callers never pass an empty list).
  return (choices[choices.length - 1] as [T, number])[0];
}

export function uniqueId(rng: Rng, prefix: string, seen: Set<string>, length?: number): string {
  for (;;) {
    const id = `${prefix}-${rng.id(length ?? (rng.chance(0.5) ? 8 : 10))}`;
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}

function pickDistinct<T>(rng: Rng, pool: readonly T[], n: number): T[] {
  const copy = [...pool];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(...copy.splice(rng.int(0, copy.length - 1), 1));
  return out;
}

/** The ids a region's invocations refer to: its commands, the instances they ran on, the COS bucket of their logs. */
export interface FleetIdentities {
  commandIds: Map<CommandSpec, string>;
  pools: { linux: string[]; windows: string[]; lighthouse: string[]; managed: string[] };
  bucket: string;
}

/**
 * The first draws of a region's generator: the ids of its commands and instances. The agents and
 * saved commands (fleet/, commands/) call it on a fresh generator of the same seed, so they name
 * the same ids without generating the invocations.
 */
export function fleetIdentities(rng: Rng, seen: Set<string>, region: string): FleetIdentities {
  const commandIds = new Map<CommandSpec, string>();
  for (const spec of [...LINUX_COMMANDS, ...WINDOWS_COMMANDS]) commandIds.set(spec, uniqueId(rng, 'cmd', seen, 8));
  const pool = (prefix: string, n: number): string[] => Array.from({ length: n }, () => uniqueId(rng, prefix, seen, 8));
  const pools = {
    linux: pool('ins', 30),
    windows: pool('ins', 10),
    lighthouse: pool('lhins', 12),
    managed: pool('rins', 8),
  };
  const bucket = `https://tat-logs-125${rng.int(1000000, 9999999)}.cos.${region}.myqcloud.com`;
  return { commandIds, pools, bucket };
}

export function generateFleet(opts: FleetOptions): StoredInvocation[] {
  const rng = createRng(opts.seed);
  const seen = new Set<string>();
  const { commandIds, pools, bucket } = fleetIdentities(rng, seen, opts.region);
  const liveCount = Math.min(opts.count, LIVE.length);
  // A packed invocation's row number until the fleet is finished (rows are then renumbered).
  const records: Array<StoredInvocation | number> = [];
  // Finished invocations are packed into columns; the few still running stay objects.
  const packed = new PackedFleet();
  // One encoded script per command, shared by all its invocations (not one copy per record).
  const contents = new Map<CommandSpec, string>();
  const contentOf = (spec: CommandSpec): string => {
    let content = contents.get(spec);
    if (content === undefined) contents.set(spec, (content = base64(spec.script)));
    return content;
  };

  const fresh = opts.live ?? [];
  // The --live ones come after the fleet, so the fleet is the same with or without them.
  for (let i = 0; i < opts.count + fresh.length; i += 1) {
    const extra = fresh[i - opts.count];
    const live: [LiveKind, string] | undefined = extra !== undefined ? ['fresh', extra] : LIVE[i];
    const cover = live ? undefined : COVER[i - liveCount];
    const kind = weighted(rng, [
      ['CVM', 60],
      ['LIGHTHOUSE', 25],
      ['REGISTERINST', 15],
    ]);
    const windows = kind === 'CVM' && live?.[0] !== 'long' && rng.chance(0.25);
    let spec = rng.pick(windows ? WINDOWS_COMMANDS : LINUX_COMMANDS);
    if (live?.[0] === 'long') spec = LINUX_COMMANDS.find((c) => c.name === 'mysql-backup') ?? spec;
    const finalStatus =
      live?.[1] ??
      cover ??
      weighted(rng, [
        ['SUCCESS', 62],
        ['FAILED', 12],
        ['PARTIAL_FAILED', 10],
        ['TIMEOUT', 5],
        ['CANCELLED', 6],
        ['PARTIAL_CANCELLED', 5],
      ]);
    const needsTwo = finalStatus.startsWith('PARTIAL') || live?.[0] === 'long' || i === liveCount + 2;
    let taskCount = weighted(rng, [
      [1, 50],
      [rng.int(2, 3), 35],
      [rng.int(4, 8), 15],
    ]);
    if (needsTwo) taskCount = Math.max(taskCount, 2);
    const instancePool = windows
      ? pools.windows
      : kind === 'CVM'
        ? pools.linux
        : kind === 'LIGHTHOUSE'
          ? pools.lighthouse
          : pools.managed;
    const instances = pickDistinct(rng, instancePool, taskCount);
    const outputSeed = rng.int(0, 2 ** 31 - 1);
    const failExit = spec.failure(createRng(outputSeed)).exitCode;
    const plan = live
      ? scalePlan(livePlan(live[0], opts.t0, instances.length, finalStatus, rng, failExit), opts.t0, opts.speed ?? 1)
      : finishedPlan(
          opts.t0 - rng.int(10 * 60_000, 42 * DAY),
          finalStatus,
          taskOutcomes(finalStatus, instances.length, rng),
          spec.timeout,
          rng,
          failExit,
        );
    const linuxUser = kind === 'LIGHTHOUSE' && rng.chance(0.3) ? 'lighthouse' : 'root';
    const username = spec.type === 'SHELL' ? linuxUser : 'System';
    const gen: GeneratedInvocation = {
      id: uniqueId(rng, 'inv', seen),
      spec,
      commandId: commandIds.get(spec) ?? 'cmd-00000000',
      kind,
      instances,
      taskIds: instances.map(() => uniqueId(rng, 'invt', seen)),
      parameters: spec.parameterChoices ? rng.pick(spec.parameterChoices) : '',
      source: spec.scheduled ? (rng.chance(0.85) ? 'INVOKER' : 'USER') : rng.chance(0.06) ? 'INVOKER' : 'USER',
      username,
      workingDirectory:
        spec.type !== 'SHELL'
          ? 'C:\\Program Files\\qcloud\\tat_agent\\workdir'
          : username === 'root'
            ? '/root'
            : `/home/${username}`,
      cosBucket: spec.verbose || rng.chance(0.1) ? bucket : '',
      cosPrefix: '',
      // Invocations older than 30 days come from a server version without CommandName.
      showName: plan.createdMs > opts.t0 - 30 * DAY,
      content: contentOf(spec),
      plan,
      outputSeed,
    };
    if (gen.cosBucket !== '') gen.cosPrefix = `tat/${spec.name.replace(/[^\w-]/g, '') || 'command'}`;
    const row = opts.packed === false ? undefined : packed.add(gen);
    records.push(row === undefined ? generatedRecord(gen) : row);
  }
  const rows = packed.finish();
  return records.map((record) => (typeof record === 'number' ? new PackedRecord(packed, rows[record] ?? 0) : record));
}
