/**
 * Packed fleets (src/emulator/data/packed.ts): finished invocations live in columns, not object
 * graphs, and pages are written as JSON bytes straight from them. Clients must not see any
 * difference: every packed invocation is compared with the same fleet kept as objects, field by
 * field and byte by byte, and serving a page is counted to unpack nothing.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { type CommandSpec, LINUX_COMMANDS } from '../../src/emulator/data/catalog.js';
import { generateFleet } from '../../src/emulator/data/generator.js';
import { finalTask, openTask } from '../../src/emulator/data/lifecycle.js';
import { formatTime, type StoredInvocation } from '../../src/emulator/data/model.js';
import { PackedFleet } from '../../src/emulator/data/packed.js';
import type { GeneratedInvocation } from '../../src/emulator/data/record.js';
import { DataStore } from '../../src/emulator/data/store.js';
import { successBody } from '../../src/emulator/errors.js';
import { BufferPool, ByteWriter } from '../../src/emulator/json-bytes.js';
import { describeInvocations } from '../../src/emulator/query.js';
import { Client, start } from './helpers.js';

const T0 = Date.UTC(2026, 10, 28, 0, 0, 0);
const HOUR = 3_600_000;

function bytesOf(record: StoredInvocation, nowMs: number): string {
  const out = new ByteWriter();
  record.writeInvocation?.(out, nowMs);
  return out.done().toString('utf8');
}

describe('a packed fleet', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const cases = [
    { seed: 7, count: 1200, region: 'ap-guangzhou', t0: T0 },
    {
      seed: 12345,
      count: 800,
      region: 'ap-shanghai',
      t0: T0,
      live: ['SUCCESS', 'FAILED', 'PARTIAL_FAILED'],
      speed: 10,
    },
  ];

  it.each(cases)('equals the same fleet kept as objects, field by field, at any clock (seed $seed)', (options) => {
    const packed = generateFleet(options);
    const objects = generateFleet({ ...options, packed: false });
    expect(packed).toHaveLength(objects.length);
    packed.forEach((record, i) => {
      const reference = objects[i] as StoredInvocation;
      expect([
        record.InvocationId,
        record.createdMs,
        record.commandCreatedBy,
        record.CommandId,
        record.InstanceKind,
      ]).toEqual([
        reference.InvocationId,
        reference.createdMs,
        reference.commandCreatedBy,
        reference.CommandId,
        reference.InstanceKind,
      ]);
      expect(record.taskIds).toEqual(reference.taskIds);
      expect(record.instanceIds).toEqual(reference.instanceIds);
      for (const now of [T0, T0 + HOUR]) {
        expect(JSON.stringify(record.invocation(now))).toBe(JSON.stringify(reference.invocation(now)));
        expect(JSON.stringify(record.tasks(now))).toBe(JSON.stringify(reference.tasks(now)));
      }
    });
  });

  it.each(cases)(
    'writes each invocation as exactly the bytes of JSON.stringify of its object (seed $seed)',
    (options) => {
      const packed = generateFleet(options);
      const objects = generateFleet({ ...options, packed: false });
      let written = 0;
      packed.forEach((record, i) => {
        if (!record.writeInvocation) return;
        written++;
        for (const now of [T0 - HOUR, T0, T0 + 50 * 86_400_000])
          expect(bytesOf(record, now)).toBe(JSON.stringify(objects[i]?.invocation(now)));
      });
      // Chinese descriptions and names are among them: the bytes are UTF-8, not a one-byte guess.
      expect(written).toBeGreaterThan(700);
      expect(packed.some((r) => /[\u4e00-\u9fff]/.test(bytesOf(r, T0)))).toBe(true);
    },
  );

  it('packs every finished invocation and keeps only the running ones (and --live ones) as objects', () => {
    const fleet = generateFleet({ seed: 7, count: 5000, region: 'ap-guangzhou', t0: T0, live: ['SUCCESS', 'FAILED'] });
    const objects = fleet.filter((record) => !record.writeInvocation);
    // The fleet's own 8 running invocations and the 2 --live ones: all change with the clock.
    expect(objects).toHaveLength(10);
    for (const record of objects)
      expect(JSON.stringify(record.invocation(T0))).not.toBe(JSON.stringify(record.invocation(T0 + 2 * HOUR)));
  });

  it('unpacks exactly what it packed (null times included), and refuses an invocation with more than one snapshot', () => {
    const spec = LINUX_COMMANDS[0] as CommandSpec;
    const tasks = [finalTask('SUCCESS', T0 + 500, 2000, 0), finalTask('DELIVER_FAILED', T0 + 900, 0, 0)];
    const g: GeneratedInvocation = {
      id: 'inv-aaaa1111bb',
      spec,
      commandId: 'cmd-aaaa1111',
      kind: 'LIGHTHOUSE',
      instances: ['lhins-aaaa1111', 'lhins-bbbb2222'],
      taskIds: ['invt-aaaa1111', 'invt-bbbb2222'],
      parameters: '{"threshold":"90"}',
      source: 'INVOKER',
      username: 'lighthouse',
      workingDirectory: '/home/lighthouse',
      cosBucket: 'https://b-1250000000.cos.ap-guangzhou.myqcloud.com',
      cosPrefix: 'tat/check-disk-usage',
      showName: false,
      content: 'IyEvYmluL2Jhc2gK',
      plan: { createdMs: T0, snapshots: [{ at: T0 + 3000, status: 'PARTIAL_FAILED', tasks }] },
      outputSeed: 2 ** 31 - 1,
    };
    expect(tasks[1]?.execStart).toBeNull();
    const fleet = new PackedFleet();
    expect(fleet.add(g)).toBe(0);
    expect(fleet.id(0)).toBe(g.id);
    expect(fleet.unpack(0)).toEqual(g);
    const running = {
      ...g,
      id: 'inv-cccc3333',
      plan: {
        createdMs: T0,
        snapshots: [
          { at: T0, status: 'RUNNING', tasks: tasks.map((t) => openTask('RUNNING', t.execStart)) },
          ...g.plan.snapshots,
        ],
      },
    };
    expect(fleet.add(running)).toBeUndefined();
    expect(fleet.id(1)).toBe(''); // nothing of it was stored
  });
});

describe('serving a page of a 100,000-invocation region', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });
  const store = new DataStore({ seed: 7, invocations: 100_000, t0: T0 });
  const records = store.forRegion('ap-guangzhou');

  it('unpacks no invocation and builds no invocation object', () => {
    const unpack = jest.spyOn(PackedFleet.prototype, 'unpack');
    const objects = records.filter((r) => !r.writeInvocation);
    const built = objects.map((r) => jest.spyOn(r, 'invocation'));
    const answer = describeInvocations({ Limit: 100, Offset: 5000 }, { records, nowMs: T0, strictFilters: false });
    expect(answer.TotalCount).toBe(100_002);
    expect(unpack).not.toHaveBeenCalled();
    for (const spy of built) expect(spy).not.toHaveBeenCalled();
  });

  it('answers the same bytes as the object route for pages mixing packed, running and seed-page invocations', () => {
    const reference = (offset: number): string =>
      JSON.stringify({
        Response: {
          RequestId: 'r',
          TotalCount: records.length,
          InvocationSet: records.slice(offset, offset + 100).map((r) => r.invocation(T0)),
        },
      });
    // Offset 0: the running ones (newest); the last page holds the seed page's two 2020/2024 examples.
    for (const offset of [0, 1, 4321, records.length - 100]) {
      const answer = describeInvocations({ Limit: 100, Offset: offset }, { records, nowMs: T0, strictFilters: false });
      expect(successBody(answer, 'r').toString('utf8')).toBe(reference(offset));
      expect(successBody(answer, 'r', new ByteWriter(Buffer.alloc(16))).toString('utf8')).toBe(reference(offset)); // a writer that must grow
    }
  });
});

describe('formatTime', () => {
  const reference = (ms: number, suffix: 'Z' | '+00:00' = 'Z'): string =>
    new Date(ms).toISOString().slice(0, 19) + suffix;

  it('gives what toISOString gives, to the second, for any time (leap days, year ends, epochs)', () => {
    const edges = [
      0,
      999,
      1000,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(2100, 1, 28, 12),
      Date.UTC(2100, 2, 1),
      Date.UTC(1999, 11, 31, 23, 59, 59, 500),
    ];
    edges.push(Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), -1, -86_400_001, Date.UTC(-5, 0, 1), T0);
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20000; i++) edges.push(Math.floor(next() * Date.UTC(10000, 0, 1)));
    for (const ms of edges) expect(formatTime(ms)).toBe(reference(ms));
    expect(formatTime(Date.UTC(2020, 10, 9, 7, 21, 59), '+00:00')).toBe('2020-11-09T07:21:59+00:00');
    expect(() => formatTime(NaN)).toThrow(RangeError);
  });
});

describe('responses written into pooled buffers', () => {
  it('keeps every page intact while many are in flight at once', async () => {
    const emu = await start({ invocations: 3000 });
    try {
      const client = new Client(emu);
      const ids = async (offset: number): Promise<string[]> =>
        ((await client.call({ Limit: 100, Offset: offset })).InvocationSet as Array<{ InvocationId: string }>).map(
          (i) => i.InvocationId,
        );
      const offsets = Array.from({ length: 30 }, (_, i) => i * 100);
      const expected = [];
      for (const offset of offsets) expected.push(await ids(offset));
      // Each call opens its own connection: 30 responses written and sent concurrently.
      const concurrent = await Promise.all([...offsets, ...offsets].map(ids));
      expect(concurrent).toEqual([...expected, ...expected]);
      expect(new Set(expected.flat()).size).toBe(3000);
    } finally {
      await emu.close();
    }
  });

  it('keeps at most `keep` buffers, none larger than `largest`, and never the same one twice', () => {
    const pool = new BufferPool(1024, 2, 4096);
    const [a, b, c] = [pool.take(), pool.take(), pool.take()];
    expect(a).not.toBe(b);
    for (const buffer of [a, b, c, a]) pool.give(buffer);
    expect(pool.held).toBe(2);
    pool.give(Buffer.alloc(8192));
    expect(pool.held).toBe(2);
    expect([pool.take(), pool.take()]).toEqual(expect.arrayContaining([a, b]));
    expect(pool.held).toBe(0);
  });
});
