/** Emulator options: defaults and validation, shared by the library and the binary. */
import {
  DEFAULT_HOST,
  DEFAULT_INSTANCES,
  DEFAULT_INVOCATIONS,
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT,
  DEFAULT_SEED,
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  DEMO_TOKEN,
} from './constants.js';
import { FINAL_INVOCATION_STATUSES } from '../api/types.js';

export interface EmulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 9000; 0 picks a free one). */
  port?: number;
  /** The accepted key pair (default the demo pair). */
  secretId?: string;
  secretKey?: string;
  /** More accepted key pairs, besides secretId/secretKey. */
  extraCredentials?: Array<{ secretId: string; secretKey: string }>;
  /** Accepted X-TC-Token values (default [DEMO_TOKEN]). */
  tokens?: string[];
  /** Size of the generated fleet per region (default 250). */
  invocations?: number;
  /** Online Linux CVMs per region beyond the instances the invocations name (default 500). */
  instances?: number;
  /** Seed of the generated data (default 20201028). */
  seed?: number;
  /** Requests per second per SecretId and region (default 20; 0 turns it off). */
  rateLimit?: number;
  /** Delay added before every answer, in ms (default 0). */
  latencyMs?: number;
  /** Share of requests that fail (0..1, default 0). */
  faultRate?: number;
  /**
   * The first n successful writes (RunCommand, InvokeCommand, CancelInvocation) take effect and
   * then lose their reply: the connection is closed without an answer (default 0).
   */
  dropWriteReplies?: number;
  /** DescribeInvocations accepts only the four documented filter names. */
  strictFilters?: boolean;
  /** New invocations created in the region asked before each API answer (default 0). */
  arrivalsPerRequest?: number;
  /** Load invocations from this JSON file instead of generating them. */
  dataFile?: string;
  /** Already-parsed data in the same shapes as `dataFile` (for tests and embedding). */
  data?: unknown;
  /** Invocations created at start that end 10–60 s later (`--live`; default 0). */
  live?: number;
  /** Their final statuses, used in turn (default ['SUCCESS']). */
  liveOutcomes?: string[];
  /** Live invocations move this many times faster (`--speed`; default 1). */
  speed?: number;
  /** `--execute`: created tasks really run their script with /bin/sh on this machine (default false). */
  execute?: boolean;
  /** Allows `execute` on a host other than a loopback one (`--allow-remote-execute`). */
  allowRemoteExecute?: boolean;
  /** Clock in ms (default Date.now). Drives signature expiry, the rate limit and lifecycles. */
  now?: () => number;
  /** Random source in [0, 1) for fault injection (default Math.random). */
  random?: () => number;
  /** How latency is waited (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

export interface ResolvedOptions {
  host: string;
  port: number;
  credentials: Map<string, string>;
  tokens: Set<string>;
  invocations: number;
  instances: number;
  seed: number;
  rateLimit: number;
  latencyMs: number;
  faultRate: number;
  dropWriteReplies: number;
  strictFilters: boolean;
  arrivalsPerRequest: number;
  dataFile?: string;
  data?: unknown;
  live: number;
  liveOutcomes: string[];
  speed: number;
  execute: boolean;
  allowRemoteExecute: boolean;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** Addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

/** Why --execute is refused on a host others can reach, and how to ask for it anyway. */
export const REMOTE_EXECUTE = (host: string): string =>
  `--execute runs every script sent to the emulator as a real command on this machine; on host ${host} anyone who can reach the port and has the key could run commands here. Listen on 127.0.0.1, or add --allow-remote-execute to accept that`;

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

const isInt = (n: number, min: number, max = Number.MAX_SAFE_INTEGER): boolean =>
  Number.isInteger(n) && n >= min && n <= max;

/** Applies defaults and validates; throws RangeError with a message naming the bad option. */
export function resolveOptions(o: EmulatorOptions = {}): ResolvedOptions {
  const r: ResolvedOptions = {
    host: o.host ?? DEFAULT_HOST,
    port: o.port ?? DEFAULT_PORT,
    credentials: new Map([[o.secretId ?? DEMO_SECRET_ID, o.secretKey ?? DEMO_SECRET_KEY]]),
    tokens: new Set(o.tokens ?? [DEMO_TOKEN]),
    invocations: o.invocations ?? DEFAULT_INVOCATIONS,
    instances: o.instances ?? DEFAULT_INSTANCES,
    seed: o.seed ?? DEFAULT_SEED,
    rateLimit: o.rateLimit ?? DEFAULT_RATE_LIMIT,
    latencyMs: o.latencyMs ?? 0,
    faultRate: o.faultRate ?? 0,
    dropWriteReplies: o.dropWriteReplies ?? 0,
    strictFilters: o.strictFilters ?? false,
    arrivalsPerRequest: o.arrivalsPerRequest ?? 0,
    dataFile: o.dataFile,
    data: o.data,
    live: o.live ?? 0,
    liveOutcomes: (o.liveOutcomes ?? ['SUCCESS']).map((status) => status.toUpperCase()),
    speed: o.speed ?? 1,
    execute: o.execute ?? false,
    allowRemoteExecute: o.allowRemoteExecute ?? false,
    now: o.now ?? Date.now,
    random: o.random ?? Math.random,
    sleep: o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  for (const c of o.extraCredentials ?? []) r.credentials.set(c.secretId, c.secretKey);
  check(r.host !== '', 'host must not be empty');
  check(isInt(r.port, 0, 65535), `port must be an integer from 0 to 65535, got ${r.port}`);
  check((o.secretId ?? 'x') !== '' && (o.secretKey ?? 'x') !== '', 'secret id and secret key must not be empty');
  check(isInt(r.invocations, 0, 100_000), `invocations must be an integer from 0 to 100000, got ${r.invocations}`);
  check(isInt(r.instances, 0, 100_000), `instances must be an integer from 0 to 100000, got ${r.instances}`);
  check(isInt(r.seed, 0, 0xffffffff), `seed must be an integer from 0 to 4294967295, got ${r.seed}`);
  check(Number.isFinite(r.rateLimit) && r.rateLimit >= 0, `rate limit must be a number >= 0, got ${r.rateLimit}`);
  check(
    isInt(r.arrivalsPerRequest, 0, 1000),
    `arrivals per request must be an integer from 0 to 1000, got ${r.arrivalsPerRequest}`,
  );
  check(isInt(r.latencyMs, 0, 600_000), `latency must be an integer number of ms from 0 to 600000, got ${r.latencyMs}`);
  check(
    isInt(r.dropWriteReplies, 0, 1_000_000),
    `dropped write replies must be an integer from 0 to 1000000, got ${r.dropWriteReplies}`,
  );
  check(
    Number.isFinite(r.faultRate) && r.faultRate >= 0 && r.faultRate <= 1,
    `fault rate must be between 0 and 1, got ${r.faultRate}`,
  );
  check(isInt(r.live, 0, 1000), `live must be an integer from 0 to 1000, got ${r.live}`);
  // Widened so includes() takes any string: that is the check.
  check(
    r.liveOutcomes.length > 0 &&
      r.liveOutcomes.every((status) => (FINAL_INVOCATION_STATUSES as readonly string[]).includes(status)),
    `live outcomes must be final statuses (${FINAL_INVOCATION_STATUSES.join(', ')}), got ${r.liveOutcomes.join(',')}`,
  );
  check(
    Number.isFinite(r.speed) && r.speed > 0 && r.speed <= 1000,
    `speed must be a number above 0 and at most 1000, got ${r.speed}`,
  );
  check(!r.execute || isLoopback(r.host) || r.allowRemoteExecute, REMOTE_EXECUTE(r.host));
  return r;
}
