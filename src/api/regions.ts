import { TransportError } from '../errors.js';
import type { TatClient } from './client.js';
import { isObject } from './envelope.js';

/** DescribeRegions: `{TotalCount, RegionSet: [{Region, RegionName, RegionState}]}` (tat-api.md §6). */
export interface RegionInfo {
  Region: string;
  RegionName: string;
  /** `AVAILABLE` or `UNAVAILABLE`. */
  RegionState: string;
}

/** A region code as TAT writes them: `ap-guangzhou`, `na-siliconvalley`, `ap-shanghai-fsi`. */
const REGION_CODE = /^[a-z]{2,4}-[a-z]+(?:-[a-z0-9]+)*$/;

export async function describeRegions(client: TatClient): Promise<RegionInfo[]> {
  const response = await client.call('DescribeRegions', {});
  const set = response.RegionSet;
  if (!Array.isArray(set))
    throw new TransportError('DescribeRegions answered with a malformed response: RegionSet is not an array', false);
  return set.map((entry: unknown, index) => {
    // The codes become X-TC-Region headers and terminal text: accept only well-formed ones.
    if (!isObject(entry) || typeof entry.Region !== 'string' || !REGION_CODE.test(entry.Region))
      throw new TransportError(
        `DescribeRegions answered with a malformed response: RegionSet[${index}] has no well-formed Region`,
        false,
      );
    return {
      Region: entry.Region,
      RegionName: typeof entry.RegionName === 'string' ? entry.RegionName : '',
      RegionState: typeof entry.RegionState === 'string' ? entry.RegionState : '',
    };
  });
}

/** The regions where TAT is available, in the server's order, without duplicates. */
export async function availableRegions(client: TatClient): Promise<string[]> {
  const regions = await describeRegions(client);
  return [...new Set(regions.filter((r) => r.RegionState === 'AVAILABLE').map((r) => r.Region))];
}
