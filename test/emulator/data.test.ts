/** The data set: determinism, coverage, regions, lifecycle by clock, and --data loading. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FINAL_INVOCATION_STATUSES, TASK_STATUSES, type Invocation, type InvocationTask } from '../../src/api/types.js';
import { generateFleet } from '../../src/emulator/data/generator.js';
import { DataStore } from '../../src/emulator/data/store.js';
import { recordsFromJson } from '../../src/emulator/data/load.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { Client, start, testClock } from './helpers.js';

const T0 = Date.UTC(2025, 4, 20, 8, 0, 0);
const snapshot = (nowMs: number, seed = 7, region = 'ap-guangzhou'): Invocation[] =>
  generateFleet({ seed, count: 250, region, t0: T0 }).map((r) => r.invocation(nowMs));

describe('generated fleet', () => {
  const fleet = snapshot(T0);
  const tasks: InvocationTask[] = generateFleet({ seed: 7, count: 250, region: 'ap-guangzhou', t0: T0 }).flatMap((r) =>
    r.tasks(T0),
  );

  it('is a pure function of seed, size, region and start time', () => {
    expect(snapshot(T0)).toEqual(fleet);
    expect(snapshot(T0, 8)).not.toEqual(fleet);
    expect(snapshot(T0, 7, 'ap-shanghai')).not.toEqual(fleet);
  });

  it('has unique, well-formed ids', () => {
    expect(new Set(fleet.map((i) => i.InvocationId)).size).toBe(250);
    for (const inv of fleet) {
      expect(inv.InvocationId).toMatch(/^inv-[a-z0-9]{8}([a-z0-9]{2})?$/);
      expect(inv.CommandId).toMatch(/^cmd-[a-z0-9]{8}$/);
      for (const t of inv.InvocationTaskBasicInfoSet) expect(t.InvocationTaskId).toMatch(/^invt-[a-z0-9]{8,10}$/);
    }
  });

  it('covers every invocation status and every task status at start', () => {
    const statuses = new Set(fleet.map((i) => i.InvocationStatus));
    for (const s of ['PENDING', 'RUNNING', 'CANCELLING', ...FINAL_INVOCATION_STATUSES]) expect(statuses).toContain(s);
    const taskStatuses = new Set(tasks.map((t) => t.TaskStatus));
    for (const s of TASK_STATUSES) expect(taskStatuses).toContain(s);
  });

  it('mixes instance kinds, command types, sources, languages and server versions', () => {
    expect(new Set(fleet.map((i) => i.InstanceKind))).toEqual(new Set(['CVM', 'LIGHTHOUSE', 'REGISTERINST']));
    const prefix = { CVM: 'ins-', LIGHTHOUSE: 'lhins-', REGISTERINST: 'rins-' } as Record<string, string>;
    for (const inv of fleet)
      for (const t of inv.InvocationTaskBasicInfoSet)
        expect(t.InstanceId.startsWith(prefix[inv.InstanceKind] as string)).toBe(true);
    expect(new Set(fleet.map((i) => i.CommandType))).toEqual(new Set(['SHELL', 'POWERSHELL', 'BAT']));
    expect(new Set(fleet.map((i) => i.InvocationSource))).toEqual(new Set(['USER', 'INVOKER']));
    expect(fleet.some((i) => /[\u4e00-\u9fff]/.test(i.Description))).toBe(true);
    expect(fleet.some((i) => /[\u4e00-\u9fff]/.test(Buffer.from(i.CommandContent, 'base64').toString()))).toBe(true);
    expect(fleet.some((i) => i.CommandName === undefined)).toBe(true);
    expect(fleet.some((i) => i.CommandName !== undefined)).toBe(true);
    expect(fleet.some((i) => i.Parameters.startsWith('{'))).toBe(true);
    expect(fleet.some((i) => i.DefaultParameters.startsWith('{'))).toBe(true);
    for (const i of fleet.filter((x) => x.Parameters !== '')) expect(() => JSON.parse(i.Parameters)).not.toThrow();
  });

  it('spreads creation times over weeks before the start; EndTime is null exactly while not final', () => {
    const ages = fleet.map((i) => T0 - Date.parse(i.CreatedTime));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeGreaterThan(21 * 86_400_000);
    for (const inv of fleet) {
      const final = (FINAL_INVOCATION_STATUSES as readonly string[]).includes(inv.InvocationStatus);
      expect(inv.EndTime === null).toBe(!final);
      expect(inv.CreatedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('has no Math.random in it: the same fleet twice even after Math.random is consumed', () => {
    Math.random();
    expect(snapshot(T0)).toEqual(fleet);
  });
});

describe('lifecycle by clock', () => {
  it('running invocations go PENDING → RUNNING → final within about a minute, without timers', () => {
    const records = generateFleet({ seed: 7, count: 250, region: 'ap-guangzhou', t0: T0 });
    const at = (s: number): Map<string, Invocation> =>
      new Map(records.map((r) => r.invocation(T0 + s * 1000)).map((i) => [i.InvocationId, i]));
    const start = at(0);
    const pending = [...start.values()].filter((i) => i.InvocationStatus === 'PENDING');
    expect(pending.length).toBeGreaterThan(0);
    const seen = new Map<string, string[]>();
    for (let s = 0; s <= 120; s += 1) {
      for (const inv of pending) {
        const now = at(s).get(inv.InvocationId) as Invocation;
        const history = seen.get(inv.InvocationId) ?? [];
        if (history.at(-1) !== now.InvocationStatus) history.push(now.InvocationStatus);
        seen.set(inv.InvocationId, history);
        if ((FINAL_INVOCATION_STATUSES as readonly string[]).includes(now.InvocationStatus))
          expect(now.EndTime).not.toBeNull();
      }
    }
    for (const history of seen.values()) {
      expect(history.slice(0, 2)).toEqual(['PENDING', 'RUNNING']);
      expect(history).toHaveLength(3);
      expect(FINAL_INVOCATION_STATUSES).toContain(history[2]);
    }
    const after = at(120);
    expect(
      [...after.values()].some(
        (i) => i.InvocationStatus === 'CANCELLED' && start.get(i.InvocationId)?.InvocationStatus === 'CANCELLING',
      ),
    ).toBe(true);
    // The long one is still running.
    expect([...after.values()].some((i) => i.InvocationStatus === 'RUNNING')).toBe(true);
  });

  it('advances over HTTP as the injected clock moves; UpdatedTime follows', async () => {
    const clock = testClock(T0);
    const emu = await start({ now: clock.now, seed: 7 });
    const client = new Client(emu, clock.now);
    try {
      const first = (
        await client.call({
          Filters: [
            {
              Name: 'invocation-id',
              Values: [(snapshot(T0).find((i) => i.InvocationStatus === 'PENDING') as Invocation).InvocationId],
            },
          ],
        })
      ).InvocationSet as Invocation[];
      const id = (first[0] as Invocation).InvocationId;
      const get = async (): Promise<Invocation> =>
        ((await client.call({ InvocationIds: [id] })).InvocationSet as Invocation[])[0] as Invocation;
      expect((await get()).InvocationStatus).toBe('PENDING');
      clock.advance(15_000);
      const running = await get();
      expect(running.InvocationStatus).toBe('RUNNING');
      expect(running.EndTime).toBeNull();
      expect(running.InvocationTaskBasicInfoSet.every((t) => ['RUNNING', 'SUCCESS'].includes(t.TaskStatus))).toBe(true);
      clock.advance(60_000);
      const done = await get();
      expect(done.InvocationStatus).toBe('SUCCESS');
      expect(done.EndTime).toBe(done.UpdatedTime);
      expect(Date.parse(done.UpdatedTime)).toBeGreaterThan(Date.parse(running.UpdatedTime));
    } finally {
      await emu.close();
    }
  });
});

describe('regions', () => {
  it('ap-guangzhou holds the seed examples; other regions hold their own fleet', () => {
    const store = new DataStore({ seed: 1, invocations: 30, t0: T0 });
    const gz = store.forRegion('ap-guangzhou').map((r) => r.InvocationId);
    const sh = store.forRegion('ap-shanghai').map((r) => r.InvocationId);
    expect(gz).toContain('inv-q4zp60g0');
    expect(gz).toHaveLength(32);
    expect(sh).not.toContain('inv-q4zp60g0');
    expect(sh).toHaveLength(30);
    expect(sh.filter((id) => gz.includes(id))).toEqual([]);
    expect(store.forRegion('ap-shanghai')).toBe(store.forRegion('ap-shanghai'));
  });
});

describe('--data loading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tat-emu-'));
  const file = join(dir, 'data.json');
  let emu: RunningEmulator;
  let client: Client;
  beforeAll(async () => {
    writeFileSync(
      file,
      JSON.stringify({
        Response: {
          InvocationSet: [
            {
              InvocationId: 'inv-aaaa1111',
              CommandId: 'cmd-aaaa1111',
              CommandName: 'mine',
              InvocationStatus: 'FAILED',
              CreatedTime: '2025-01-02T00:00:00Z',
              InstanceKind: 'LIGHTHOUSE',
              InvocationTaskBasicInfoSet: [
                { InvocationTaskId: 'invt-aaaa1111', TaskStatus: 'FAILED', InstanceId: 'lhins-aaaa1111' },
              ],
            },
            {
              InvocationId: 'inv-bbbb2222',
              CommandId: 'cmd-bbbb2222',
              InvocationStatus: 'SUCCESS',
              CreatedTime: '2025-01-03T00:00:00+00:00',
              InvocationTaskBasicInfoSet: [],
            },
          ],
        },
      }),
    );
    emu = await start({ dataFile: file });
    client = new Client(emu);
  });
  afterAll(() => emu.close());

  it('serves exactly the file, newest first, in every region', async () => {
    for (const region of ['ap-guangzhou', 'ap-tokyo']) {
      const r = await client.call({}, { region });
      expect(r.TotalCount).toBe(2);
      expect((r.InvocationSet as Invocation[]).map((i) => i.InvocationId)).toEqual(['inv-bbbb2222', 'inv-aaaa1111']);
    }
    const tasks = await client.call(
      { Filters: [{ Name: 'instance-id', Values: ['lhins-aaaa1111'] }] },
      { action: 'DescribeInvocationTasks' },
    );
    expect((tasks.InvocationTaskSet as InvocationTask[]).map((t) => [t.InvocationTaskId, t.TaskStatus])).toEqual([
      ['invt-aaaa1111', 'FAILED'],
    ]);
  });

  it('refuses a missing, non-JSON or malformed file with a clear error', async () => {
    await expect(startEmulator({ port: 0, dataFile: join(dir, 'nope.json') })).rejects.toThrow(/cannot read data file/);
    writeFileSync(join(dir, 'bad.json'), '{oops');
    await expect(startEmulator({ port: 0, dataFile: join(dir, 'bad.json') })).rejects.toThrow(/not valid JSON/);
    writeFileSync(join(dir, 'shape.json'), '{"Invocations": []}');
    await expect(startEmulator({ port: 0, dataFile: join(dir, 'shape.json') })).rejects.toThrow(/InvocationSet/);
    await expect(startEmulator({ port: 0, data: [{ InvocationId: 'x' }] })).rejects.toThrow(/InvocationId/);
    await expect(
      startEmulator({ port: 0, data: [{ InvocationId: 'inv-aaaa1111', CreatedTime: 'soon' }] }),
    ).rejects.toThrow(/CreatedTime/);
  });
});

describe('--data records that are finished but give no EndTime', () => {
  const data = {
    InvocationSet: [
      {
        InvocationId: 'inv-fail0001',
        InvocationStatus: 'FAILED',
        CreatedTime: '2025-01-02T00:00:00Z',
        InvocationTaskBasicInfoSet: [
          { InvocationTaskId: 'invt-fail0001', TaskStatus: 'FAILED', InstanceId: 'ins-fail0001' },
        ],
      },
      {
        InvocationId: 'inv-slow0001',
        InvocationStatus: 'TIMEOUT',
        CreatedTime: '2025-01-02T00:00:00+00:00',
        StartTime: '2025-01-02T00:00:05+00:00',
        Timeout: 120,
        InvocationTaskBasicInfoSet: [],
      },
      {
        InvocationId: 'inv-done0001',
        InvocationStatus: 'CANCELLED',
        CreatedTime: '2025-01-02T00:00:00Z',
        UpdatedTime: '2025-01-02T00:03:00Z',
        EndTime: null,
        InvocationTaskBasicInfoSet: [],
      },
      {
        InvocationId: 'inv-busy0001',
        InvocationStatus: 'RUNNING',
        CreatedTime: '2025-01-02T00:00:00Z',
        InvocationTaskBasicInfoSet: [
          { InvocationTaskId: 'invt-busy0001', TaskStatus: 'RUNNING', InstanceId: 'ins-busy0001' },
          { InvocationTaskId: 'invt-busy0002', TaskStatus: 'SUCCESS', InstanceId: 'ins-busy0002' },
          { InvocationTaskId: 'invt-busy0003', TaskStatus: 'TASK_TIMEOUT', InstanceId: 'ins-busy0003' },
        ],
      },
    ],
    InvocationTaskSet: [
      {
        InvocationTaskId: 'invt-busy0003',
        TaskStatus: 'TASK_TIMEOUT',
        StartTime: '2025-01-02T00:01:00Z',
        EndTime: null,
      },
    ],
  };
  const load = () => {
    const records = recordsFromJson(structuredClone(data));
    return new Map(records.map((r) => [r.InvocationId, { inv: r.invocation(0), tasks: r.tasks(0) }]));
  };
  const byId = load();
  const get = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };

  it('get one after their start: UpdatedTime when given, start + Timeout when timed out, else a second after the start', () => {
    expect(get('inv-fail0001').inv).toMatchObject({
      StartTime: '2025-01-02T00:00:00Z',
      EndTime: '2025-01-02T00:00:01Z',
      UpdatedTime: '2025-01-02T00:00:01Z',
    });
    expect(get('inv-slow0001').inv).toMatchObject({ EndTime: '2025-01-02T00:02:05+00:00' });
    expect(get('inv-done0001').inv).toMatchObject({
      EndTime: '2025-01-02T00:03:00Z',
      UpdatedTime: '2025-01-02T00:03:00Z',
    });
    for (const { inv } of byId.values())
      if (inv.EndTime !== null)
        expect(Date.parse(inv.EndTime)).toBeGreaterThan(Date.parse(inv.StartTime ?? inv.CreatedTime));
  });

  it('and so do their finished tasks; what is still running keeps none', () => {
    expect(get('inv-fail0001').tasks.map((t) => [t.EndTime, t.TaskResult?.ExecEndTime])).toEqual([
      ['2025-01-02T00:00:01Z', '2025-01-02T00:00:01Z'],
    ]);
    expect(get('inv-busy0001').inv.EndTime).toBeNull();
    expect(get('inv-busy0001').tasks.map((t) => [t.TaskStatus, t.EndTime])).toEqual([
      ['RUNNING', null],
      ['SUCCESS', '2025-01-02T00:00:01Z'],
      ['TASK_TIMEOUT', '2025-01-02T00:02:00Z'],
    ]);
  });

  it('the same on every load', () => {
    expect(load()).toEqual(byId);
  });
});

describe('--data tasks derived from InvocationTaskBasicInfoSet', () => {
  it('follow the agent: never-started ones have no start, killed or unstarted ones exit -1, FAILED is non-zero', () => {
    const statuses = [
      'SUCCESS',
      'FAILED',
      'TIMEOUT',
      'TERMINATED',
      'START_FAILED',
      'CANCELLED',
      'DELIVER_FAILED',
      'PENDING',
    ];
    const [record] = recordsFromJson([
      {
        InvocationId: 'inv-mixd0001',
        InvocationStatus: 'PARTIAL_FAILED',
        CreatedTime: '2025-01-02T00:00:00Z',
        InvocationTaskBasicInfoSet: statuses.map((TaskStatus, i) => ({
          InvocationTaskId: `invt-mixd000${i}`,
          TaskStatus,
          InstanceId: `ins-mixd000${i}`,
        })),
      },
    ]);
    expect(
      record!
        .tasks(0)
        .map((t) => [t.TaskStatus, t.TaskResult?.ExitCode, t.StartTime !== null, t.TaskResult?.ExecStartTime !== null]),
    ).toEqual([
      ['SUCCESS', 0, true, true],
      ['FAILED', 1, true, true],
      ['TIMEOUT', -1, true, true],
      ['TERMINATED', -1, true, true],
      ['START_FAILED', -1, true, true],
      ['CANCELLED', 0, false, false],
      ['DELIVER_FAILED', 0, false, false],
      ['PENDING', 0, false, false],
    ]);
  });
});
