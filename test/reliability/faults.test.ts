import { nodeFetch } from '../../src/http.js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createRng } from '../../src/emulator/data/prng.js';
import {
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';

/**
 * `list --all` over a few thousand invocations against a throttling or faulty emulator must
 * print exactly what a clean run prints: nothing lost, nothing repeated, nothing half-written.
 * The CLI and the emulator share one fake clock, so backoff and rate limits cost no real time.
 */

const FLEET = 3000;
let emulators: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  emulators = [];
});

async function listAll(options: EmulatorOptions, extraArgs: string[] = []) {
  const clock = fakeClock(Date.UTC(2026, 10, 28, 12, 0, 0));
  const emulator = await startEmulator({ port: 0, invocations: FLEET, seed: 7, now: clock.now, ...options });
  emulators.push(emulator);
  // Two hours later every live invocation has settled, so runs at different times agree.
  clock.advance(2 * 3_600_000);
  const env = {
    TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY,
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TAT_ENDPOINT: emulator.url,
  };
  return runCli(['invocations', 'list', '--all', '-o', 'json', ...extraArgs], { env, fetch: nodeFetch(), clock });
}

describe('list --all under faults', () => {
  it('gives the same JSON through 30% faults (5xx pages, resets, InternalError)', async () => {
    const clean = await listAll({ rateLimit: 0 });
    expect(clean.code).toBe(0);
    const records = JSON.parse(clean.stdout) as Array<{ InvocationId: string }>;
    expect(records).toHaveLength(FLEET);
    expect(new Set(records.map((r) => r.InvocationId)).size).toBe(FLEET);

    const rng = createRng(42);
    const faulty = await listAll({ rateLimit: 0, faultRate: 0.3, random: rng.next }, ['--max-attempts', '8']);
    expect(faulty.stderr).toBe('');
    expect(faulty.code).toBe(0);
    expect(faulty.stdout).toBe(clean.stdout);
    expect(faulty.sleeps.length).toBeGreaterThan(0); // faults did happen, and were retried
  });

  it('gives the same JSON when the server allows only 5 requests a second', async () => {
    const clean = await listAll({ rateLimit: 0 });
    const throttled = await listAll({ rateLimit: 5 });
    expect(throttled.code).toBe(0);
    expect(throttled.stdout).toBe(clean.stdout);
    expect(throttled.sleeps.length).toBeGreaterThan(0);

    // With the client limited to the server's rate, nothing is throttled at all.
    const paced = await listAll({ rateLimit: 5 }, ['--rate-limit', '5']);
    expect(paced.stdout).toBe(clean.stdout);
  });

  it('a run that keeps failing exits 1 with a clean message and nothing on stdout', async () => {
    const rng = createRng(1);
    const failing = await listAll({ rateLimit: 0, faultRate: 0.9, random: rng.next }, ['--max-attempts', '2']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toBe('');
    expect(failing.stderr).toMatch(/^error: .*gave up after 2 attempts/);
    expect(failing.stderr).not.toMatch(/\n\s+at /);
  });
});
