import { afterEach, describe, expect, it } from '@jest/globals';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { banner } from '../../src/emulator/cli.js';
import { Client, start, testClock } from './helpers.js';

/** `--live N`, `--live-outcomes` and `--speed`: invocations that end a chosen way, soon. */

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

type Inv = {
  InvocationId: string;
  InvocationStatus: string;
  CreatedTime: string;
  InvocationTaskBasicInfoSet: Array<{ TaskStatus: string }>;
};

async function statuses(client: Client, ids: string[]): Promise<string[]> {
  const response = await client.call({ InvocationIds: ids });
  const set = response.InvocationSet as Inv[];
  return ids.map((id) => set.find((inv) => inv.InvocationId === id)?.InvocationStatus ?? 'absent');
}

describe('emulator --live', () => {
  it('adds invocations created at start that end 10-60 s later with the chosen outcomes, in turn', async () => {
    const clock = testClock();
    emulator = await start({ now: clock.now, live: 5, liveOutcomes: ['success', 'PARTIAL_FAILED'] });
    const client = new Client(emulator, clock.now);
    const ids = emulator.liveIds;
    expect(ids).toHaveLength(5);
    // The newest invocations: created at start.
    const listed = (await client.call({ Limit: 5 })).InvocationSet as Inv[];
    expect(listed.map((inv) => inv.InvocationId).sort()).toEqual([...ids].sort());
    expect(new Set(listed.map((inv) => inv.CreatedTime))).toEqual(
      new Set([new Date(clock.now()).toISOString().slice(0, 19) + 'Z']),
    );
    expect(await statuses(client, ids)).toEqual(ids.map(() => 'PENDING'));
    clock.advance(3_000);
    expect(await statuses(client, ids)).toEqual(ids.map(() => 'RUNNING'));
    clock.advance(6_000);
    expect((await statuses(client, ids)).every((status) => status === 'RUNNING')).toBe(true);
    clock.advance(51_000);
    const final = await statuses(client, ids);
    expect(final.filter((status) => status === 'SUCCESS')).toHaveLength(3);
    expect(final.filter((status) => status === 'PARTIAL_FAILED')).toHaveLength(2);
  });

  it('--speed runs their story faster, without moving the clock signatures are checked against', async () => {
    const clock = testClock();
    emulator = await start({ now: clock.now, live: 3, liveOutcomes: ['FAILED'], speed: 10 });
    const client = new Client(emulator, clock.now);
    clock.advance(6_100);
    expect(await statuses(client, emulator.liveIds)).toEqual(['FAILED', 'FAILED', 'FAILED']);
  });

  it('leaves the generated fleet as it was, and is named in the banner', async () => {
    const plain = await start({ invocations: 30 });
    const plainIds = ((await new Client(plain).call({ Limit: 100 })).InvocationSet as Inv[]).map(
      (inv) => inv.InvocationId,
    );
    await plain.close();
    emulator = await start({ invocations: 30, live: 2 });
    const withLive = ((await new Client(emulator).call({ Limit: 100 })).InvocationSet as Inv[]).map(
      (inv) => inv.InvocationId,
    );
    expect(withLive.filter((id) => !emulator!.liveIds.includes(id))).toEqual(plainIds);
    expect(banner(emulator)).toContain(
      `Live: 2 invocations end 10-60 s after start; follow them: tat invocations wait ${emulator.liveIds.join(' ')}`,
    );
  });
});
