/** `--data FILE`: what files are read and how, wrong types refused, and loading in one pass. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_DATA_FILE_BYTES, readDataFile, recordsFromJson } from '../../src/emulator/data/load.js';
import { secretKeyFrom, tokensFrom } from '../../src/emulator/secrets.js';
import { readTextFile } from '../../src/emulator/text-file.js';

const loadDataFile = (path: string): ReturnType<typeof recordsFromJson> => recordsFromJson(readDataFile(path));
const dir = mkdtempSync(join(tmpdir(), 'tat-emu-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const one = {
  InvocationId: 'inv-bom00001',
  InvocationStatus: 'FAILED',
  CreatedTime: '2025-01-02T00:00:00Z',
  InvocationTaskBasicInfoSet: [{ InvocationTaskId: 'invt-bom00001', TaskStatus: 'FAILED', InstanceId: 'ins-bom00001' }],
};
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('--data files', () => {
  it('accepts UTF-8 with a byte-order mark, and UTF-16 with one (as Windows editors save JSON)', () => {
    const json = JSON.stringify([one]);
    for (const [name, bytes] of [
      ['bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])],
      ['utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')])],
      ['utf16be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()])],
    ] as const) {
      expect(loadDataFile(file(name, bytes)).map((record) => record.invocation(0).InvocationStatus)).toEqual([
        'FAILED',
      ]);
    }
  });

  it('refuses bytes that are not UTF-8, naming the file', () => {
    const path = file('latin1.json', Buffer.from('[{"Description":"caf\xe9"}]', 'latin1'));
    expect(() => loadDataFile(path)).toThrow(
      `cannot read data file ${path}: it is not UTF-8 text (nor UTF-16 with a byte-order mark)`,
    );
  });

  it(`refuses a file over ${MAX_DATA_FILE_BYTES / 2 ** 20} MiB from its size, before reading it (a sparse 1.1 GB file)`, () => {
    const path = file('huge.json', '');
    truncateSync(path, 1_181_116_006); // 1.1 GiB
    expect(() => loadDataFile(path)).toThrow(
      /cannot read data file .*huge\.json: it is larger than 256 MiB \(1181116006 bytes or more\)/,
    );
  });

  it('refuses devices; a file at the cap is read, one a byte over it is not', () => {
    expect(() => readTextFile('/dev/zero', 1024)).toThrow('it is a character device, not a regular file');
    const path = file('eleven.json', '[         ]');
    expect(readTextFile(path, 11)).toBe('[         ]');
    expect(() => readTextFile(path, 10)).toThrow('it is larger than');
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const path = join(dir, 'fifo.json');
    execFileSync('mkfifo', [path]);
    expect(() => loadDataFile(path)).toThrow(
      `cannot read data file ${path}: it is a FIFO (named pipe), not a regular file`,
    );
  });

  it('--secret-key-file and --token-file are read the same way: a FIFO there does not hang the start', () => {
    const path = join(dir, 'fifo.json');
    expect(() => secretKeyFrom(undefined, path, {})).toThrow(
      `--secret-key-file: cannot read ${path} (it is a FIFO (named pipe), not a regular file)`,
    );
    expect(() => tokensFrom(undefined, path, {})).toThrow(
      `--token-file: cannot read ${path} (it is a FIFO (named pipe), not a regular file)`,
    );
    expect(
      secretKeyFrom(
        undefined,
        file('key', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('fileKey\n')])),
        {},
      ),
    ).toBe('fileKey');
  });

  it('refuses a folder', () => {
    expect(() => loadDataFile(dir)).toThrow('it is a folder, not a regular file');
  });
});

describe('--data types', () => {
  const refused = (data: unknown): string => {
    try {
      recordsFromJson(data);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('not refused');
  };

  it('refuses a field of the wrong type, naming the record and the field, instead of serving a default', () => {
    expect(refused([{ ...one, InvocationStatus: 5 }])).toBe(
      'invocation inv-bom00001: InvocationStatus must be a string, not an integer',
    );
    expect(refused([{ ...one, Timeout: '60' }])).toBe(
      'invocation inv-bom00001: Timeout must be an integer, not a string',
    );
    expect(refused([{ ...one, Timeout: 1.5 }])).toBe(
      'invocation inv-bom00001: Timeout must be an integer, not a number',
    );
    expect(refused([{ ...one, EndTime: 0 }])).toBe(
      'invocation inv-bom00001: EndTime must be a string or null, not an integer',
    );
    expect(refused([{ ...one, InvocationTaskBasicInfoSet: 'invt-x' }])).toBe(
      'invocation inv-bom00001: InvocationTaskBasicInfoSet must be an array, not a string',
    );
    expect(refused([{ ...one, InvocationTaskBasicInfoSet: [5] }])).toBe(
      'invocation inv-bom00001: InvocationTaskBasicInfoSet.0 must be an object, not an integer',
    );
    expect(
      refused([{ ...one, InvocationTaskBasicInfoSet: [{ InvocationTaskId: 'invt-x', TaskStatus: ['SUCCESS'] }] }]),
    ).toBe('invocation inv-bom00001: InvocationTaskBasicInfoSet.0.TaskStatus must be a string, not an array');
  });

  it('checks the tasks the file gives too, and their TaskResult and CommandDocument', () => {
    const task = (fields: Record<string, unknown>): unknown => ({
      InvocationSet: [one],
      InvocationTaskSet: [{ InvocationTaskId: 'invt-bom00001', ...fields }],
    });
    expect(refused(task({ TaskStatus: 5 }))).toBe('task invt-bom00001: TaskStatus must be a string, not an integer');
    expect(refused(task({ TaskResult: { ExitCode: '1' } }))).toBe(
      'task invt-bom00001: TaskResult.ExitCode must be an integer, not a string',
    );
    expect(refused(task({ TaskResult: 'ok' }))).toBe(
      'task invt-bom00001: TaskResult must be an object or null, not a string',
    );
    expect(refused(task({ CommandDocument: { Timeout: null, Content: 7 } }))).toBe(
      'task invt-bom00001: CommandDocument.Content must be a string, not an integer',
    );
    expect(refused({ InvocationSet: [one], InvocationTaskSet: [null] })).toBe(
      'InvocationTaskSet.0 must be an object, not null',
    );
  });

  it('serves what a right-typed file says, nested fields merged over the defaults; null counts as absent where the API has no null', () => {
    const [record] = recordsFromJson({
      InvocationSet: [{ ...one, CommandName: null, Timeout: null }],
      InvocationTaskSet: [
        {
          InvocationTaskId: 'invt-bom00001',
          TaskStatus: null,
          TaskResult: { ExitCode: 3, Output: 'b2sK' },
          StartTime: null,
        },
      ],
    });
    expect(record!.invocation(0)).toMatchObject({ Timeout: 60 });
    expect(record!.invocation(0)).not.toHaveProperty('CommandName');
    const [task] = record!.tasks(0);
    expect(task).toMatchObject({
      TaskStatus: 'FAILED',
      StartTime: null,
      TaskResult: { ExitCode: 3, Output: 'b2sK', Dropped: 0, OutputUrl: '' },
    });
  });
});

describe('--data loading cost', () => {
  it('looks each task up once: reads of InvocationTaskId grow with the tasks, not with their square', () => {
    const reads = { count: 0 };
    const build = (n: number): unknown => {
      const invocations = Array.from({ length: 10 }, (_, i) => ({
        InvocationId: `inv-load${String(i).padStart(4, '0')}`,
        CreatedTime: '2025-01-02T00:00:00Z',
        InvocationTaskBasicInfoSet: Array.from({ length: n / 10 }, (_, j) => ({
          InvocationTaskId: `invt-l${i}t${j}`,
          TaskStatus: 'SUCCESS',
          InstanceId: `ins-l${i}t${j}`,
        })),
      }));
      // Each given task counts the reads of its InvocationTaskId: a search reads it once per look-up.
      const tasks = invocations.flatMap((inv) =>
        inv.InvocationTaskBasicInfoSet.map(
          (basic) =>
            new Proxy(
              { InvocationTaskId: basic.InvocationTaskId, TaskResult: { ExitCode: 0, Output: '' } } as Record<
                string,
                unknown
              >,
              {
                get(target, key) {
                  if (key === 'InvocationTaskId') reads.count++;
                  return target[key as string];
                },
              },
            ),
        ),
      );
      return { InvocationSet: invocations, InvocationTaskSet: tasks };
    };
    const small = build(1000);
    reads.count = 0;
    expect(recordsFromJson(small).flatMap((record) => record.tasks(0))).toHaveLength(1000);
    const smallReads = reads.count;
    const large = build(4000);
    reads.count = 0;
    recordsFromJson(large);
    // Linear: 4× the tasks, 4× the reads (a search per task would be 16× and, here, 2,000,000 reads).
    expect(reads.count).toBe(4 * smallReads);
    expect(reads.count).toBeLessThanOrEqual(5 * 4000);
  });
});
