import type { Fetch } from '../../src/deps.js';

/**
 * A fake TAT endpoint with data per region: DescribeInvocations (InvocationIds or paging,
 * newest first as given), DescribeInvocationTasks (paging) and DescribeRegions. A region listed
 * in `failing` answers every request with that error code. Every request is recorded with its
 * region, so tests can count them.
 */
export interface RegionalData {
  invocations?: Record<string, unknown[]>;
  tasks?: Record<string, unknown[]>;
  failing?: Record<string, string>;
  /** Regions DescribeRegions lists (default: the keys of `invocations`). */
  regions?: Array<{ Region: string; RegionState: string }>;
}

export interface RegionalApi {
  fetch: Fetch;
  calls: Array<{ region: string; action: string; params: Record<string, unknown> }>;
}

export function regionalApi(data: RegionalData): RegionalApi {
  const calls: RegionalApi['calls'] = [];
  const answer = (response: Record<string, unknown>): Response =>
    new Response(JSON.stringify({ Response: { ...response, RequestId: `req-${calls.length}` } }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const headers = init?.headers as Record<string, string>;
    const region = headers['X-TC-Region'] ?? '';
    const action = headers['X-TC-Action'] ?? '';
    const params = JSON.parse(String(init?.body)) as Record<string, unknown>;
    calls.push({ region, action, params });
    const failure = data.failing?.[region];
    if (failure) return answer({ Error: { Code: failure, Message: `${failure} in ${region}` } });
    if (action === 'DescribeRegions') {
      const set = (
        data.regions ?? Object.keys(data.invocations ?? {}).map((Region) => ({ Region, RegionState: 'AVAILABLE' }))
      ).map((r) => ({ RegionName: r.Region, ...r }));
      return answer({ TotalCount: set.length, RegionSet: set });
    }
    const offset = Number(params.Offset ?? 0);
    const limit = Number(params.Limit ?? 20);
    if (action === 'DescribeInvocations') {
      const all = (data.invocations?.[region] ?? []) as Array<{ InvocationId: string }>;
      const ids = params.InvocationIds as string[] | undefined;
      const matches = ids ? all.filter((r) => ids.includes(r.InvocationId)) : all;
      return answer({ TotalCount: matches.length, InvocationSet: matches.slice(offset, offset + limit) });
    }
    if (action === 'DescribeInvocationTasks') {
      const all = data.tasks?.[region] ?? [];
      return answer({ TotalCount: all.length, InvocationTaskSet: all.slice(offset, offset + limit) });
    }
    return answer({ Error: { Code: 'InvalidAction', Message: action } });
  }) as Fetch;
  return { fetch, calls };
}
