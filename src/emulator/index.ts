/** Library entry: `startEmulator(options)` serves TAT's API on a local port. */
import type { AddressInfo } from 'node:net';
import type { Command } from '../api/types.js';
import { commandsFromJson } from './commands/data.js';
import { readDataFile, recordsFromJson } from './data/load.js';
import { agentsFromJson } from './fleet/data.js';
import type { FleetInstance } from './fleet/fleet.js';
import type { StoredInvocation } from './data/model.js';
import { DataStore } from './data/store.js';
import { DEFAULT_REGION } from './constants.js';
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { ExecutingRunner } from './execute-runner.js';
import { createEmulatorServer } from './server.js';

export {
  DEFAULT_HOST,
  DEFAULT_INSTANCES,
  DEFAULT_INVOCATIONS,
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT,
  DEFAULT_REGION,
  DEFAULT_SEED,
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  DEMO_TOKEN,
  TAT_REGIONS,
} from './constants.js';
export type { EmulatorOptions, ResolvedOptions } from './options.js';

export interface RunningEmulator {
  /** `http://HOST:PORT` (IPv6 hosts in brackets). */
  url: string;
  host: string;
  port: number;
  /** The accepted key pair given in the options (or the demo pair). */
  secretId: string;
  secretKey: string;
  options: ResolvedOptions;
  /** The `--live` invocations of the default region (created at start). */
  liveIds: string[];
  /**
   * The next `count` successful writes (RunCommand, InvokeCommand, CancelInvocation) take effect
   * and then lose their reply: the connection closes without an answer (`--drop-write-replies`).
   */
  dropWriteReplies(count: number): void;
  /** Stops listening, drops open connections, and kills the scripts `--execute` still runs. */
  close(): Promise<void>;
}

export async function startEmulator(input: EmulatorOptions = {}): Promise<RunningEmulator> {
  const options = resolveOptions(input);
  const t0 = options.now();
  const data = options.dataFile !== undefined ? readDataFile(options.dataFile) : options.data;
  let fixed: StoredInvocation[] | undefined;
  let fixedAgents: FleetInstance[] | undefined;
  let fixedCommands: Command[] | undefined;
  if (data !== undefined) {
    try {
      fixed = recordsFromJson(data);
      fixedAgents = agentsFromJson(data, t0);
      fixedCommands = commandsFromJson(data, t0);
    } catch (error) {
      // The decoders throw Errors that say what is wrong; a file's name goes first.
      throw options.dataFile === undefined
        ? error
        : new Error(`data file ${options.dataFile}: ${(error as Error).message}`);
    }
  }
  const live = Array.from({ length: options.live }, (_, i) => options.liveOutcomes[i % options.liveOutcomes.length]!);
  const store = new DataStore({
    seed: options.seed,
    invocations: options.invocations,
    instances: options.instances,
    t0,
    fixed,
    fixedAgents,
    fixedCommands,
    live,
    speed: options.speed,
  });
  // Only --live invocations are created exactly at start (the fleet's live ones began earlier).
  const liveIds =
    fixed || live.length === 0
      ? []
      : store
          .forRegion(DEFAULT_REGION)
          .filter((record) => record.createdMs === t0)
          .map((record) => record.InvocationId);
  const lost = { writeReplies: options.dropWriteReplies };
  const runner = options.execute ? new ExecutingRunner(options.now) : undefined;
  const server = createEmulatorServer(options, store, undefined, lost, runner);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A TCP server that is listening has an address with a port (a string only for pipes).
  const port = (server.address() as AddressInfo).port;
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
  // options.ts refuses an empty credential list, so there is a first pair.
  const [[secretId, secretKey]] = [...options.credentials] as [[string, string]];
  let closed: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${port}`,
    host: options.host,
    port,
    secretId,
    secretKey,
    options,
    liveIds,
    dropWriteReplies(count) {
      lost.writeReplies = count;
    },
    close() {
      closed ??= Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
        // Scripts still running (--execute) are killed, their folders removed.
        runner?.close(),
      ]).then(() => undefined);
      return closed;
    },
  };
}
