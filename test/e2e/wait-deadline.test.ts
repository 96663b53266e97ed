import { afterEach, describe, expect, it } from '@jest/globals';
import { DEMO_SECRET_KEY } from '../../src/emulator/index.js';
import { json, startApiServer, type ApiServer } from '../helpers/api-server.js';
import { emulatorEnv, tat } from '../helpers/spawn.js';

/**
 * `--max-wait` against a hostile local server (loopback only): it answers the first poll, then
 * accepts every later request and never answers. The built binary must end at the deadline with
 * exit 6, not after the per-request timeout times the attempts (`--timeout 1h` here), and leave
 * nothing that keeps the process alive.
 */

const A = 'inv-aaaaaaaa';
let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
});

const running = json({
  TotalCount: 1,
  InvocationSet: [
    {
      InvocationId: A,
      InvocationStatus: 'RUNNING',
      CreatedTime: '2026-11-28T12:00:00Z',
      InvocationTaskBasicInfoSet: [],
    },
  ],
});
const never = (): void => undefined;

describe('--max-wait is a deadline (e2e, hostile server)', () => {
  it('answers the first poll, then never again: exit 6 at the deadline, naming what still runs', async () => {
    server = await startApiServer(DEMO_SECRET_KEY);
    server.reply(running, ...Array.from({ length: 20 }, () => never));
    const result = await tat(
      ['invocations', 'wait', A, '--max-wait', '2s', '--interval', '200ms', '--timeout', '1h'],
      emulatorEnv(server.url),
    );
    expect(result.code).toBe(6);
    expect(result.stderr).toContain(`--max-wait (2s) ran out; still running: ${A} (RUNNING)`);
    expect(result.stderr).toContain(`\`tat invocations wait ${A} --max-wait 30m\``);
    // One answered poll and one that hung: nothing was sent again while it hung.
    expect(server.requests).toHaveLength(2);
  }, 30_000);
});
