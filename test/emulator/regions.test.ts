/** DescribeRegions, and the request limit counted per region. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TAT_REGIONS, type RunningEmulator } from '../../src/emulator/index.js';
import { Client, start, testClock } from './helpers.js';

describe('DescribeRegions', () => {
  const clock = testClock();
  let emu: RunningEmulator;
  let client: Client;
  beforeAll(async () => {
    emu = await start({ now: clock.now, rateLimit: 2 });
    client = new Client(emu, clock.now);
  });
  afterAll(() => emu.close());

  it('answers in the official shape: TotalCount and RegionSet of {Region, RegionName, RegionState}', async () => {
    clock.advance(10_000);
    const response = await client.call({}, { action: 'DescribeRegions' });
    expect(response.Error).toBeUndefined();
    const set = response.RegionSet as Array<Record<string, unknown>>;
    expect(response.TotalCount).toBe(set.length);
    expect(set.map((r) => r.Region)).toEqual([...TAT_REGIONS]);
    expect(set[0]).toEqual({ Region: 'ap-guangzhou', RegionName: '华南地区(广州)', RegionState: 'AVAILABLE' });
    for (const region of set) expect(Object.keys(region)).toEqual(['Region', 'RegionName', 'RegionState']);
  });

  it('refuses parameters it does not have', async () => {
    clock.advance(10_000);
    expect(await client.errorCode({ Limit: 1 }, { action: 'DescribeRegions' })).toBe('UnknownParameter');
  });

  it('counts the request limit per region, so each region has its own budget', async () => {
    clock.advance(10_000);
    const codes = async (region: string): Promise<Array<string | undefined>> => [
      await client.errorCode({}, { region }),
      await client.errorCode({}, { region }),
      await client.errorCode({}, { region }),
    ];
    expect(await codes('ap-guangzhou')).toEqual([undefined, undefined, 'RequestLimitExceeded']);
    expect(await codes('ap-shanghai')).toEqual([undefined, undefined, 'RequestLimitExceeded']);
  });
});
