import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeFetch } from '../../src/http.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { numbered } from '../helpers/invocations.js';

/**
 * Paging and pacing against real local servers: the emulator (sharing the CLI's fake clock, so
 * rate limits cost no real time) and hand-written hostile servers. Everything is counted:
 * requests, throttled answers, records printed; nothing is timed.
 */

let emulators: RunningEmulator[] = [];
let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  emulators = [];
  servers = [];
});

async function listAll(options: EmulatorOptions, args: string[]) {
  const clock = fakeClock(Date.UTC(2026, 10, 28, 12, 0, 0));
  const emulator = await startEmulator({ port: 0, seed: 11, now: clock.now, ...options });
  emulators.push(emulator);
  clock.advance(2 * 3_600_000); // every live invocation has settled
  const env = { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY, TENCENTCLOUD_REGION: 'ap-shanghai', TAT_ENDPOINT: emulator.url };
  return runCli(['invocations', 'list', ...args], { env, fetch: nodeFetch(), clock });
}

const idsOf = (ndjson: string): string[] => ndjson.trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { InvocationId: string }).InvocationId);
const throttles = (stderr: string): number => stderr.split('\n').filter((line) => line.includes('retry: RequestLimitExceeded')).length;
const requests = (stderr: string): number => stderr.split('\n').filter((line) => /^\[debug\] > POST /.test(line)).length;

describe('list --all while invocations are created (issue 10.1)', () => {
  it('prints every invocation that existed for the whole run exactly once, 5 new ones arriving per request', async () => {
    const before = await listAll({ invocations: 300, rateLimit: 0 }, ['--all', '-o', 'ndjson']);
    const existing = idsOf(before.stdout);
    expect(existing).toHaveLength(300);

    const busy = await listAll({ invocations: 300, rateLimit: 0, arrivalsPerRequest: 5 }, ['--all', '-o', 'ndjson']);
    expect(busy.code).toBe(0);
    const printed = idsOf(busy.stdout);
    expect(new Set(printed).size).toBe(printed.length);
    expect(printed.filter((id) => !id.startsWith('inv-new'))).toEqual(existing);
  });
});

describe('pacing and throttling against the emulator', () => {
  it('at the default rate, a 2,000-invocation --all is never throttled by a 20/s server and costs one request per page (+1) (issue 13)', async () => {
    const result = await listAll({ invocations: 2000, rateLimit: 20 }, ['--all', '-o', 'ndjson', '--debug']);
    expect(result.code).toBe(0);
    expect(idsOf(result.stdout)).toHaveLength(2000);
    expect(throttles(result.stderr)).toBe(0);
    // 100, then 99 new per page: 21 pages, and one short page to see the end.
    expect(requests(result.stderr)).toBeLessThanOrEqual(22);
  });

  it('a server at 2/s against the default 20/s completes with nothing lost, even with --max-attempts 2 (issue 10.8)', async () => {
    const clean = await listAll({ invocations: 1000, rateLimit: 0 }, ['--all', '-o', 'ndjson']);
    const throttled = await listAll({ invocations: 1000, rateLimit: 2 }, ['--all', '-o', 'ndjson', '--max-attempts', '2', '--debug']);
    expect(throttled.code).toBe(0);
    expect(throttled.stdout).toBe(clean.stdout);
    // It was throttled, slowed down, and throttling did not end the run.
    expect(throttles(throttled.stderr)).toBeGreaterThan(0);
    expect(throttled.stderr).toMatch(/slowing down to \d+(\.\d)? requests\/s/);
  });
});
