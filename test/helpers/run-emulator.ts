import { afterEach } from '@jest/globals';
import { nodeFetch } from '../../src/http.js';
import type { Fetch } from '../../src/deps.js';
import {
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { runCli, type RunOptions, type RunResult } from './cli.js';
import { fakeClock } from './clock.js';

/**
 * `tat run` in process against an in-process emulator that shares its fake clock (a run that
 * waits costs no real time), with every request the CLI sends recorded by action.
 */

export interface RunEnv {
  emulator: RunningEmulator;
  clock: ReturnType<typeof fakeClock>;
  /** Actions sent, in order, with their parameters. */
  sent: Array<{ action: string; params: Record<string, unknown> }>;
  count(action: string): number;
  tat(argv: string[], options?: RunOptions): Promise<RunResult>;
  /** Online Linux CVMs of the region's fleet, in its listing order. */
  onlineLinux(n: number): Promise<string[]>;
}

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

export async function runEnv(options: EmulatorOptions = {}): Promise<RunEnv> {
  const clock = fakeClock(Date.UTC(2026, 10, 28, 12, 0, 0));
  const emulator = await startEmulator({ port: 0, now: clock.now, sleep: clock.sleep, ...options });
  running.push(emulator);
  const sent: RunEnv['sent'] = [];
  const real = nodeFetch();
  const fetch: Fetch = async (url, init) => {
    sent.push({
      action: init.headers?.['X-TC-Action'] ?? '',
      params: JSON.parse(init.body ?? '{}') as Record<string, unknown>,
    });
    return real(url, init);
  };
  const env = {
    TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY,
    TENCENTCLOUD_REGION: 'ap-guangzhou',
    TAT_ENDPOINT: emulator.url,
  };
  const tat = (argv: string[], more: RunOptions = {}) =>
    runCli(argv, { fetch, clock, ...more, env: { ...env, ...more.env } });
  return {
    emulator,
    clock,
    sent,
    count: (action) => sent.filter((s) => s.action === action).length,
    tat,
    async onlineLinux(n) {
      const result = await runCli(['agents', 'list', '--status', 'online', '--environment', 'linux', '--all'], {
        env,
        fetch: real,
        clock,
      });
      return result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]!)
        .filter((id) => id.startsWith('ins-'))
        .slice(0, n);
    },
  };
}
