/**
 * The fleet's agents through the official Node SDK: DescribeAutomationAgentStatus with ids,
 * filters and paging, each of its limits and documented error codes, and a fleet that holds
 * every instance the invocations ran on, sized by `--instances`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'node:http';
import type { AutomationAgentInfo } from '../../src/api/types.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { errorCode, loopbackAgent, sdkClient, type SdkClient } from './sdk-client.js';

interface AgentPage {
  AutomationAgentSet: AutomationAgentInfo[];
  TotalCount: number;
}

/** The SDK signs with the real clock, so the emulator's stays within the 5 minutes it accepts. */
const T0 = Math.floor(Date.now() / 1000) * 1000;
/** Named pools (30 + 10 + 12 + 8), 5 offline, and the seed page's 4 in the default region. */
const LISTED_ELSEWHERE = 65;
const LISTED_DEFAULT = LISTED_ELSEWHERE + 4;

describe('DescribeAutomationAgentStatus', () => {
  let emu: RunningEmulator;
  let agent: Agent;
  let clockMs = T0;
  let client: SdkClient;
  const agents = (params: Record<string, unknown>, c: SdkClient = client): Promise<AgentPage> =>
    c.request('DescribeAutomationAgentStatus', params) as Promise<AgentPage>;

  /** Every agent of the listing, page by page. */
  async function all(params: Record<string, unknown> = {}, c: SdkClient = client): Promise<AutomationAgentInfo[]> {
    const out: AutomationAgentInfo[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await agents({ ...params, Limit: 100, Offset: offset }, c);
      out.push(...page.AutomationAgentSet);
      if (page.AutomationAgentSet.length < 100) return out;
    }
  }

  beforeAll(async () => {
    agent = loopbackAgent();
    emu = await startEmulator({ port: 0, rateLimit: 0, now: () => clockMs });
    client = sdkClient(emu, agent);
  });
  afterAll(async () => {
    agent.destroy();
    await emu.close();
  });

  it('lists every agent, 20 by default, with every documented field of the documented type', async () => {
    const page = await agents({});
    expect(page.TotalCount).toBe(LISTED_DEFAULT + 500);
    expect(page.AutomationAgentSet).toHaveLength(20);
    for (const a of page.AutomationAgentSet) {
      expect(Object.keys(a)).toEqual([
        'InstanceId',
        'Version',
        'LastHeartbeatTime',
        'AgentStatus',
        'Environment',
        'SupportFeatures',
      ]);
      expect(a.InstanceId).toMatch(/^(ins|lhins|rins)-[a-z0-9]{8}$/);
      expect(a.Version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(a.LastHeartbeatTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(['Online', 'Offline']).toContain(a.AgentStatus);
      expect(['Linux', 'Windows']).toContain(a.Environment);
      expect(a.SupportFeatures.every((f) => typeof f === 'string')).toBe(true);
    }
  });

  it('pages are stable and together hold each instance once; every kind, environment and status occurs', async () => {
    const listing = await all();
    const ids = listing.map((a) => a.InstanceId);
    expect(new Set(ids).size).toBe(LISTED_DEFAULT + 500);
    const byPages: string[] = [];
    for (let offset = 0; offset < ids.length; offset += 37)
      byPages.push(...(await agents({ Limit: 37, Offset: offset })).AutomationAgentSet.map((a) => a.InstanceId));
    expect(byPages).toEqual(ids);
    expect(new Set(ids.map((id) => id.split('-')[0]))).toEqual(new Set(['ins', 'lhins', 'rins']));
    const kinds = new Set(listing.map((a) => `${a.AgentStatus} ${a.Environment}`));
    expect(kinds).toEqual(new Set(['Online Linux', 'Online Windows', 'Offline Linux', 'Offline Windows']));
    expect(ids).toEqual(expect.arrayContaining(['ins-zj0f57ew', 'ins-zj0f57ex', 'ins-zj0f57ev', 'rins-0c54k0xs']));
  });

  it('online agents beat within the last minute and move with the clock; offline ones last beat hours ago and stay', async () => {
    const before = await all();
    clockMs = T0 + 4 * 60_000 + 17_000;
    try {
      const after = await all();
      for (const [i, a] of after.entries()) {
        const beat = Date.parse(a.LastHeartbeatTime);
        if (a.AgentStatus === 'Online') {
          expect(clockMs - beat).toBeGreaterThanOrEqual(0);
          expect(clockMs - beat).toBeLessThan(60_000);
          expect(a.LastHeartbeatTime).not.toBe(before[i]?.LastHeartbeatTime);
        } else {
          expect(T0 - beat).toBeGreaterThanOrEqual(2 * 3_600_000);
          expect(a.LastHeartbeatTime).toBe(before[i]?.LastHeartbeatTime);
        }
      }
    } finally {
      clockMs = T0;
    }
  });

  it('every instance the invocations ran on has an agent, in every region', async () => {
    for (const region of ['ap-guangzhou', 'eu-frankfurt']) {
      const c = sdkClient(emu, agent, region);
      const instances = new Set<string>();
      for (let offset = 0; ; offset += 100) {
        const page = (await c.request('DescribeInvocations', { Limit: 100, Offset: offset })) as {
          InvocationSet: Array<{ InvocationTaskBasicInfoSet: Array<{ InstanceId: string }> }>;
        };
        for (const inv of page.InvocationSet)
          for (const task of inv.InvocationTaskBasicInfoSet) instances.add(task.InstanceId);
        if (page.InvocationSet.length < 100) break;
      }
      const wanted = [...instances];
      expect(wanted.length).toBeGreaterThan(40);
      const found: string[] = [];
      for (let i = 0; i < wanted.length; i += 100)
        found.push(
          ...(await agents({ InstanceIds: wanted.slice(i, i + 100), Limit: 100 }, c)).AutomationAgentSet.map(
            (a) => a.InstanceId,
          ),
        );
      expect(found.sort()).toEqual(wanted.sort());
    }
  });

  it('InstanceIds: those that exist, in listing order; unknown well-formed ids are absent', async () => {
    const listing = await all();
    const [a, b, c] = [listing[40]!, listing[3]!, listing[300]!];
    const page = await agents({
      InstanceIds: [a.InstanceId, 'ins-doesnotx', b.InstanceId, c.InstanceId, b.InstanceId],
    });
    expect(page.TotalCount).toBe(3);
    expect(page.AutomationAgentSet).toEqual([b, a, c]);
  });

  it('Filters: agent-status, environment and instance-id, ANDed across filters and ORed within one', async () => {
    const listing = await all();
    const offline = await all({ Filters: [{ Name: 'agent-status', Values: ['Offline'] }] });
    expect(offline).toEqual(listing.filter((a) => a.AgentStatus === 'Offline'));
    expect(offline).toHaveLength(5);
    const windows = await all({ Filters: [{ Name: 'environment', Values: ['Windows'] }] });
    expect(windows).toEqual(listing.filter((a) => a.Environment === 'Windows'));
    expect(windows).toHaveLength(11);
    const both = await all({
      Filters: [
        { Name: 'agent-status', Values: ['Offline'] },
        { Name: 'environment', Values: ['Windows'] },
      ],
    });
    expect(both).toEqual(listing.filter((a) => a.AgentStatus === 'Offline' && a.Environment === 'Windows'));
    expect(both).toHaveLength(1);
    const either = await all({ Filters: [{ Name: 'agent-status', Values: ['Offline', 'Online'] }] });
    expect(either).toEqual(listing);
    const two = [listing[7]!.InstanceId, listing[2]!.InstanceId];
    const byId = await agents({
      Filters: [
        { Name: 'instance-id', Values: two },
        { Name: 'agent-status', Values: [listing[7]!.AgentStatus] },
      ],
    });
    expect(byId.AutomationAgentSet.map((x) => x.InstanceId)).toEqual(
      listing
        .filter((x, i) => (i === 7 || i === 2) && x.AgentStatus === listing[7]!.AgentStatus)
        .map((x) => x.InstanceId),
    );
  });

  it.each([
    [
      '101 InstanceIds',
      { InstanceIds: Array.from({ length: 101 }, (_, i) => `ins-${String(i).padStart(8, '0')}`) },
      'InvalidParameterValue.LimitExceeded',
    ],
    [
      '11 filters',
      { Filters: Array.from({ length: 11 }, () => ({ Name: 'agent-status', Values: ['Online'] })) },
      'InvalidParameterValue.LimitExceeded',
    ],
    [
      '6 values in a filter',
      { Filters: [{ Name: 'instance-id', Values: Array.from({ length: 6 }, (_, i) => `ins-0000000${i}`) }] },
      'InvalidParameterValue.LimitExceeded',
    ],
    ['Limit 101', { Limit: 101 }, 'InvalidParameterValue.LimitExceeded'],
    ['a negative Offset', { Offset: -1 }, 'InvalidParameterValue'],
    [
      'InstanceIds and Filters together',
      { InstanceIds: ['ins-zj0f57ew'], Filters: [{ Name: 'agent-status', Values: ['Online'] }] },
      'InvalidParameter.ConflictParameter',
    ],
    [
      'an unknown filter name',
      { Filters: [{ Name: 'status', Values: ['Online'] }] },
      'InvalidParameterValue.InvalidFilter',
    ],
    [
      'a filter without values',
      { Filters: [{ Name: 'agent-status', Values: [] }] },
      'InvalidParameterValue.InvalidFilter',
    ],
    [
      'agent-status in another spelling',
      { Filters: [{ Name: 'agent-status', Values: ['online'] }] },
      'InvalidParameterValue.InvalidFilter',
    ],
    [
      'an unknown environment',
      { Filters: [{ Name: 'environment', Values: ['Darwin'] }] },
      'InvalidParameterValue.InvalidFilter',
    ],
    ['a malformed instance id', { InstanceIds: ['i-123'] }, 'InvalidParameterValue.InvalidInstanceId'],
    [
      'a malformed instance-id filter value',
      { Filters: [{ Name: 'instance-id', Values: ['cvm-1'] }] },
      'InvalidParameterValue.InvalidInstanceId',
    ],
    ['InstanceIds of the wrong type', { InstanceIds: 'ins-zj0f57ew' }, 'InvalidParameter'],
    ['an unknown parameter', { HideOutput: false }, 'UnknownParameter'],
  ])('%s: %s', async (_what, params, code) => {
    expect(await errorCode(agents(params))).toBe(code);
  });

  it('limits at their maximum are accepted', async () => {
    const listing = await all();
    const page = await agents({ InstanceIds: listing.slice(0, 100).map((a) => a.InstanceId), Limit: 100 });
    expect(page.AutomationAgentSet).toHaveLength(100);
    const filters = Array.from({ length: 10 }, () => ({
      Name: 'instance-id',
      Values: listing.slice(0, 5).map((a) => a.InstanceId),
    }));
    expect((await agents({ Filters: filters })).TotalCount).toBe(5);
  });
});

describe('the fleet is sized by --instances and a function of the seed and region', () => {
  const agent = loopbackAgent();
  afterAll(() => agent.destroy());

  async function ids(
    options: Parameters<typeof startEmulator>[0],
    region: string,
  ): Promise<{ total: number; ids: string[] }> {
    const emu = await startEmulator({ port: 0, rateLimit: 0, now: () => T0, ...options });
    try {
      const c = sdkClient(emu, agent, region);
      const page = (await c.request('DescribeAutomationAgentStatus', { Limit: 100 })) as AgentPage;
      return { total: page.TotalCount, ids: page.AutomationAgentSet.map((a) => a.InstanceId) };
    } finally {
      await emu.close();
    }
  }

  it('--instances adds that many online Linux CVMs; the same seed gives the same ids, another region others', async () => {
    const none = await ids({ instances: 0 }, 'ap-tokyo');
    expect(none.total).toBe(LISTED_ELSEWHERE);
    const many = await ids({ instances: 1000 }, 'ap-tokyo');
    expect(many.total).toBe(LISTED_ELSEWHERE + 1000);
    expect(many.ids.slice(0, LISTED_ELSEWHERE)).toEqual(none.ids);
    expect((await ids({ instances: 1000 }, 'ap-tokyo')).ids).toEqual(many.ids);
    const other = await ids({ instances: 1000 }, 'ap-seoul');
    expect(other.ids.filter((id) => many.ids.includes(id))).toEqual([]);
    const reseeded = await ids({ instances: 1000, seed: 5 }, 'ap-tokyo');
    expect(reseeded.ids).not.toEqual(many.ids);
  });
});
