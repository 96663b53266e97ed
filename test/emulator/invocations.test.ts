/** DescribeInvocations: seed examples, limits, filters, ordering and pagination. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Invocation } from '../../src/api/types.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { Client, start, testClock } from './helpers.js';

/** The seed page's example output, verbatim (key order included). */
const PAGE_EXAMPLE = `{
  "CommandId": "cmd-9dxzty3m", "CommandContent": "cHdk", "CommandType": "SHELL", "Timeout": 60, "InvocationSource": "USER",
  "WorkingDirectory": "/root", "InvocationId": "inv-q4zp60g0", "InstanceKind": "CVM", "InvocationStatus": "SUCCESS",
  "Description": "Test Invocation", "Parameters": "", "DefaultParameters": "{\\"k1\\":\\"v1\\"}", "Username": "root",
  "OutputCOSKeyPrefix": "cosprefix", "OutputCOSBucketUrl": "https://example-123456789.cos.ap-beijing.myqcloud.com",
  "InvocationTaskBasicInfoSet": [
    { "InvocationTaskId": "invt-kakne8h2", "TaskStatus": "SUCCESS", "InstanceId": "ins-zj0f57ew" },
    { "InvocationTaskId": "invt-jc2onrxm", "TaskStatus": "SUCCESS", "InstanceId": "ins-zj0f57ex" },
    { "InvocationTaskId": "invt-6xmuisyq", "TaskStatus": "SUCCESS", "InstanceId": "ins-zj0f57ev" }
  ],
  "StartTime": "2020-11-09T07:21:59+00:00", "EndTime": "2020-11-09T07:22:08+00:00",
  "CreatedTime": "2020-11-09T07:21:59+00:00", "UpdatedTime": "2020-11-09T07:22:08+00:00"
}`;

type Page = { TotalCount: number; InvocationSet: Invocation[]; Error?: { Code: string } };

describe('DescribeInvocations', () => {
  const clock = testClock();
  let emu: RunningEmulator;
  let strict: RunningEmulator;
  let client: Client;
  const list = async (body: unknown): Promise<Page> => (await client.call(body)) as unknown as Page;
  const all = async (filters?: unknown): Promise<Invocation[]> => {
    const out: Invocation[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await list({ Limit: 100, Offset: offset, ...(filters ? { Filters: filters } : {}) });
      out.push(...page.InvocationSet);
      if (page.InvocationSet.length < 100) return out;
    }
  };
  beforeAll(async () => {
    emu = await start({ now: clock.now });
    strict = await start({ now: clock.now, strictFilters: true });
    client = new Client(emu, clock.now);
  });
  afterAll(async () => {
    await emu.close();
    await strict.close();
  });

  it('returns inv-q4zp60g0 exactly as the seed page documents it, same key order', async () => {
    const res = await client.raw({ Offset: 0, Limit: 1, InvocationIds: ['inv-q4zp60g0'] });
    const response = JSON.parse(res.text).Response;
    expect(Object.keys(response)).toEqual(['RequestId', 'TotalCount', 'InvocationSet']);
    expect(response.TotalCount).toBe(1);
    expect(JSON.stringify(response.InvocationSet[0])).toBe(JSON.stringify(JSON.parse(PAGE_EXAMPLE)));
  });

  it('returns inv-hc91n6ga8c with the values of the InvocationSet example (Z times, REGISTERINST)', async () => {
    const page = await list({ InvocationIds: ['inv-hc91n6ga8c'] });
    expect(page.InvocationSet[0]).toEqual({
      CommandContent: 'cHdk',
      CommandId: 'cmd-kpfoo6py',
      CommandType: 'SHELL',
      CreatedTime: '2024-10-25T03:18:37Z',
      DefaultParameters: '',
      Description: '',
      EndTime: '2024-10-25T03:18:38Z',
      InstanceKind: 'REGISTERINST',
      InvocationId: 'inv-hc91n6ga8c',
      InvocationSource: 'USER',
      InvocationStatus: 'SUCCESS',
      InvocationTaskBasicInfoSet: [
        { InstanceId: 'rins-0c54k0xs', InvocationTaskId: 'invt-hc91n6ga8d', TaskStatus: 'SUCCESS' },
      ],
      OutputCOSBucketUrl: '',
      OutputCOSKeyPrefix: '',
      Parameters: '',
      StartTime: '2024-10-25T03:18:37Z',
      Timeout: 60,
      UpdatedTime: '2024-10-25T03:18:38Z',
      Username: 'root',
      WorkingDirectory: '/root',
    });
  });

  it('every invocation uses the seed page key order', async () => {
    const order = Object.keys(JSON.parse(PAGE_EXAMPLE));
    for (const inv of (await list({ Limit: 100 })).InvocationSet) {
      expect(Object.keys(inv).filter((k) => k !== 'CommandName')).toEqual(order);
    }
  });

  it('defaults to Limit 20, Offset 0, newest first', async () => {
    const page = await list({});
    expect(page.InvocationSet).toHaveLength(20);
    expect(page.TotalCount).toBe(252);
    const first = await list({ Limit: 100 });
    expect(page.InvocationSet).toEqual(first.InvocationSet.slice(0, 20));
  });

  it('pages concatenate to the full set, newest first, no duplicate or loss, TotalCount exact', async () => {
    const total = (await list({ Limit: 1 })).TotalCount;
    for (const size of [7, 20, 100]) {
      const ids: string[] = [];
      for (let offset = 0; offset < total + size; offset += size) {
        const page = await list({ Limit: size, Offset: offset });
        expect(page.TotalCount).toBe(total);
        ids.push(...page.InvocationSet.map((i) => i.InvocationId));
      }
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
    }
    const everything = await all();
    const times = everything.map((i) => Date.parse(i.CreatedTime));
    for (let i = 1; i < times.length; i += 1) {
      expect(times[i - 1]).toBeGreaterThanOrEqual(times[i] as number);
      if (times[i - 1] === times[i])
        expect((everything[i - 1] as Invocation).InvocationId < (everything[i] as Invocation).InvocationId).toBe(true);
    }
    expect(everything.at(-1)?.InvocationId).toBe('inv-q4zp60g0');
  });

  it('an offset past the end gives an empty page with the exact TotalCount; Limit 0 gives only the count', async () => {
    expect(await list({ Offset: 10_000 })).toMatchObject({ TotalCount: 252, InvocationSet: [] });
    expect(await list({ Limit: 0 })).toMatchObject({ TotalCount: 252, InvocationSet: [] });
  });

  it('InvocationIds: found ones only, duplicates once, TotalCount counts found ones', async () => {
    const page = await list({ InvocationIds: ['inv-hc91n6ga8c', 'inv-q4zp60g0', 'inv-zzzzzzzz', 'inv-q4zp60g0'] });
    expect(page.TotalCount).toBe(2);
    expect(page.InvocationSet.map((i) => i.InvocationId)).toEqual(['inv-hc91n6ga8c', 'inv-q4zp60g0']);
    expect(await list({ InvocationIds: ['inv-00000000'] })).toMatchObject({ TotalCount: 0, InvocationSet: [] });
  });

  describe('limits and their codes', () => {
    const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `inv-${String(i).padStart(8, '0')}`);
    const filters = (n: number): unknown[] =>
      Array.from({ length: n }, () => ({ Name: 'instance-kind', Values: ['CVM'] }));
    it('100 ids pass, 101 → InvalidParameterValue.LimitExceeded', async () => {
      expect((await list({ InvocationIds: ids(100) })).Error).toBeUndefined();
      expect(await client.errorCode({ InvocationIds: ids(101) })).toBe('InvalidParameterValue.LimitExceeded');
    });
    it('10 filters pass, 11 → InvalidParameterValue.LimitExceeded', async () => {
      expect((await list({ Filters: filters(10) })).Error).toBeUndefined();
      expect(await client.errorCode({ Filters: filters(11) })).toBe('InvalidParameterValue.LimitExceeded');
    });
    it('5 values pass, 6 → LimitExceeded.FilterValueExceeded', async () => {
      // Kinds the API knows, in any case: an unknown value would be refused for itself (InvalidFilter).
      const v = ['CVM', 'LIGHTHOUSE', 'REGISTERINST', 'cvm', 'Lighthouse', 'registerinst'];
      expect((await list({ Filters: [{ Name: 'instance-kind', Values: v.slice(0, 5) }] })).Error).toBeUndefined();
      expect(await client.errorCode({ Filters: [{ Name: 'instance-kind', Values: v }] })).toBe(
        'LimitExceeded.FilterValueExceeded',
      );
    });
    it('Limit 100 passes, 101 → InvalidParameterValue.LimitExceeded; negative Limit/Offset → InvalidParameterValue', async () => {
      expect((await list({ Limit: 100 })).InvocationSet).toHaveLength(100);
      expect(await client.errorCode({ Limit: 101 })).toBe('InvalidParameterValue.LimitExceeded');
      expect(await client.errorCode({ Limit: -1 })).toBe('InvalidParameterValue');
      expect(await client.errorCode({ Offset: -1 })).toBe('InvalidParameterValue');
    });
    it('ids with filters → InvalidParameter.ConflictParameter', async () => {
      expect(
        await client.errorCode({
          InvocationIds: ['inv-q4zp60g0'],
          Filters: [{ Name: 'instance-kind', Values: ['CVM'] }],
        }),
      ).toBe('InvalidParameter.ConflictParameter');
    });
    it('malformed ids → InvalidParameterValue.InvalidInvocationId / InvalidCommandId', async () => {
      expect(await client.errorCode({ InvocationIds: ['q4zp60g0'] })).toBe('InvalidParameterValue.InvalidInvocationId');
      expect(await client.errorCode({ InvocationIds: ['inv-Q4ZP 60G0'] })).toBe(
        'InvalidParameterValue.InvalidInvocationId',
      );
      expect(await client.errorCode({ Filters: [{ Name: 'invocation-id', Values: ['invt-kakne8h2'] }] })).toBe(
        'InvalidParameterValue.InvalidInvocationId',
      );
      expect(await client.errorCode({ Filters: [{ Name: 'command-id', Values: ['cmd-9dxzty3m', 'command-1'] }] })).toBe(
        'InvalidParameterValue.InvalidCommandId',
      );
      expect(await client.errorCode({ Filters: [{ Name: 'instance-id', Values: ['i-123'] }] })).toBe(
        'InvalidParameterValue',
      ); // it documents no InvalidInstanceId (error-codes.ts)
    });
    it('unknown filter names and empty Values → InvalidParameterValue.InvalidFilter', async () => {
      expect(await client.errorCode({ Filters: [{ Name: 'status', Values: ['SUCCESS'] }] })).toBe(
        'InvalidParameterValue.InvalidFilter',
      );
      expect(await client.errorCode({ Filters: [{ Name: 'command-id', Values: [] }] })).toBe(
        'InvalidParameterValue.InvalidFilter',
      );
      expect(await client.errorCode({ Filters: [{ Name: 'command-created-by', Values: ['ROBOT'] }] })).toBe(
        'InvalidParameterValue',
      );
    });
    it('instance-kind values the API does not know → InvalidParameterValue.InvalidFilter; known ones in any case pass', async () => {
      expect(await client.errorCode({ Filters: [{ Name: 'instance-kind', Values: ['CVM', 'BAREMETAL'] }] })).toBe(
        'InvalidParameterValue.InvalidFilter',
      );
      expect(await client.errorCode({ Filters: [{ Name: 'instance-kind', Values: ['A'] }] })).toBe(
        'InvalidParameterValue.InvalidFilter',
      );
      const lower = await list({ Filters: [{ Name: 'instance-kind', Values: ['registerinst'] }] });
      expect(lower.Error).toBeUndefined();
      expect(lower.TotalCount).toBeGreaterThan(0);
      expect(new Set(lower.InvocationSet.map((i) => i.InstanceKind))).toEqual(new Set(['REGISTERINST']));
    });
  });

  describe('filters', () => {
    it('invocation-id: OR within the values', async () => {
      const page = await list({ Filters: [{ Name: 'invocation-id', Values: ['inv-q4zp60g0', 'inv-hc91n6ga8c'] }] });
      expect(page.InvocationSet.map((i) => i.InvocationId).sort()).toEqual(['inv-hc91n6ga8c', 'inv-q4zp60g0']);
    });
    it('command-id matches exactly the invocations of that command', async () => {
      const everything = await all();
      const cmd = (everything[5] as Invocation).CommandId;
      const got = await all([{ Name: 'command-id', Values: [cmd] }]);
      expect(got.map((i) => i.InvocationId)).toEqual(
        everything.filter((i) => i.CommandId === cmd).map((i) => i.InvocationId),
      );
      expect(got.length).toBeGreaterThan(1);
    });
    it('command-created-by splits the fleet into TAT and USER commands', async () => {
      const total = (await list({ Limit: 1 })).TotalCount;
      const tat = await all([{ Name: 'command-created-by', Values: ['TAT'] }]);
      const user = await all([{ Name: 'command-created-by', Values: ['USER'] }]);
      expect(tat.length).toBeGreaterThan(0);
      expect(tat.every((i) => i.CommandName === undefined || i.CommandName.startsWith('TAT-'))).toBe(true);
      expect(tat.length + user.length).toBe(total);
      expect((await list({ Filters: [{ Name: 'command-created-by', Values: ['TAT', 'USER'] }] })).TotalCount).toBe(
        total,
      );
    });
    it('instance-kind matches the kind; values are ORed', async () => {
      const cvm = await all([{ Name: 'instance-kind', Values: ['CVM'] }]);
      const lh = await all([{ Name: 'instance-kind', Values: ['LIGHTHOUSE'] }]);
      const both = await all([{ Name: 'instance-kind', Values: ['CVM', 'LIGHTHOUSE'] }]);
      expect(cvm.every((i) => i.InstanceKind === 'CVM')).toBe(true);
      expect(
        lh.every(
          (i) =>
            i.InstanceKind === 'LIGHTHOUSE' &&
            i.InvocationTaskBasicInfoSet.every((t) => t.InstanceId.startsWith('lhins-')),
        ),
      ).toBe(true);
      expect(both.length).toBe(cvm.length + lh.length);
    });
    it('instance-id matches any task instance', async () => {
      const got = await all([{ Name: 'instance-id', Values: ['ins-zj0f57ex'] }]);
      expect(got.map((i) => i.InvocationId)).toEqual(['inv-q4zp60g0']);
      const everything = await all();
      const instance = (everything[20] as Invocation).InvocationTaskBasicInfoSet[0]?.InstanceId as string;
      const expected = everything.filter((i) => i.InvocationTaskBasicInfoSet.some((t) => t.InstanceId === instance));
      expect((await all([{ Name: 'instance-id', Values: [instance] }])).map((i) => i.InvocationId)).toEqual(
        expected.map((i) => i.InvocationId),
      );
    });
    it('filters are ANDed', async () => {
      const everything = await all();
      const inv = everything[30] as Invocation;
      const got = await all([
        { Name: 'command-id', Values: [inv.CommandId] },
        { Name: 'instance-kind', Values: [inv.InstanceKind] },
      ]);
      expect(got.map((i) => i.InvocationId)).toEqual(
        everything
          .filter((i) => i.CommandId === inv.CommandId && i.InstanceKind === inv.InstanceKind)
          .map((i) => i.InvocationId),
      );
      expect(
        await all([
          { Name: 'invocation-id', Values: ['inv-q4zp60g0'] },
          { Name: 'instance-kind', Values: ['LIGHTHOUSE'] },
        ]),
      ).toEqual([]);
    });
    it('with --strict-filters, instance-id → InvalidParameterValue.InvalidFilter; the four names still work', async () => {
      const strictClient = new Client(strict, clock.now);
      expect(await strictClient.errorCode({ Filters: [{ Name: 'instance-id', Values: ['ins-zj0f57ex'] }] })).toBe(
        'InvalidParameterValue.InvalidFilter',
      );
      for (const [name, value] of [
        ['invocation-id', 'inv-q4zp60g0'],
        ['command-id', 'cmd-9dxzty3m'],
        ['command-created-by', 'USER'],
        ['instance-kind', 'CVM'],
      ]) {
        expect(await strictClient.errorCode({ Filters: [{ Name: name, Values: [value] }] })).toBeUndefined();
      }
    });
  });
});
