import { describe, it, expect } from '@jest/globals';
import type { Invocation } from '../../src/api/types.js';
import { FORMATS, isFormat, defaultFormat, type Format } from '../../src/output/registry.js';
import { ContentDecodeError } from '../../src/output/base64.js';
import { createPrinter } from '../../src/output/printer.js';
import { SEED, RUNNING, POWERSHELL_SCRIPT, fakeOut, context } from './fixtures.js';

async function run(format: Format, pages: Invocation[][], options: Parameters<typeof context>[1] = {}, tty = false) {
  const out = fakeOut(tty, tty ? 80 : 0);
  const f = await createPrinter(format, context(out, options));
  for (const page of pages) await f.write(page);
  await f.end();
  return out;
}

const SEED_TSV =
  'inv-q4zp60g0\tSUCCESS\tcmd-9dxzty3m\t\tSHELL\tCVM\t3\t3\tins-zj0f57ew,ins-zj0f57ex,ins-zj0f57ev\tUSER\t' +
  '2020-11-09T07:21:59Z\t2020-11-09T07:21:59Z\t2020-11-09T07:22:08Z\t9\n';
const RUNNING_TSV =
  'inv-7h3kd9x2ab\tRUNNING\tcmd-pw5h1q0k\t部署 nginx — 日志清理\tPOWERSHELL\tCVM\t5\t2\t' +
  'ins-aaaa0001,ins-aaaa0002,lhins-bbbb0003,rins-cccc0004,ins-aaaa0005\tINVOKER\t' +
  '2024-03-01T10:00:00Z\t2024-03-01T10:00:05Z\t\t\n';

describe('registry', () => {
  it('knows every format and nothing else', () => {
    expect([...FORMATS]).toEqual(['table', 'tsv', 'json', 'ndjson', 'content']);
    for (const f of FORMATS) expect(isFormat(f)).toBe(true);
    expect(isFormat('yaml')).toBe(false);
    expect(isFormat('toString')).toBe(false);
    expect(defaultFormat(true)).toBe('table');
    expect(defaultFormat(false)).toBe('tsv');
  });
});

describe('json', () => {
  it('prints a list as an array, keys and order exactly as given, 2-space indent, final newline', async () => {
    const out = await run('json', [[SEED], [RUNNING]]);
    const text = out.text();
    expect(text).toBe(`${JSON.stringify([SEED, RUNNING], null, 2)}\n`);
    expect(text.startsWith('[\n  {\n    "CommandId": "cmd-9dxzty3m",\n    "CommandContent": "cHdk",')).toBe(true);
    expect(Object.keys((JSON.parse(text) as object[])[0] ?? {})).toEqual(Object.keys(SEED));
    // Written at the end from the held bytes (one slab here), then the closing bracket: never joined into one string.
    expect(out.chunks).toHaveLength(2);
    expect(out.chunks[1]).toBe('\n]\n');
  });

  it('keeps each page as text, not the records: changing a record after write does not change the output', async () => {
    const out = fakeOut();
    const f = await createPrinter('json', context(out));
    const pages = [[structuredClone(SEED), structuredClone(RUNNING)], [structuredClone(SEED)]];
    for (const page of pages) await f.write(page);
    for (const page of pages)
      for (const record of page) (record as { InvocationStatus: string }).InvocationStatus = 'CHANGED';
    await f.end();
    expect(out.text()).toBe(`${JSON.stringify([SEED, RUNNING, SEED], null, 2)}\n`);
  });

  it('is byte-identical to one JSON.stringify of all pages, whatever the page sizes', async () => {
    const records = Array.from({ length: 7 }, (_, i) => ({
      ...(i % 2 ? RUNNING : SEED),
      InvocationId: `inv-${i}\u2028\u009b`,
    }));
    const expected = `${JSON.stringify(records, null, 2)
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u009b/g, '\\u009b')}\n`;
    for (const split of [[7], [1, 6], [3, 0, 4], [1, 1, 1, 1, 1, 1, 1]]) {
      let at = 0;
      const pages = split.map((n) => records.slice(at, (at += n)));
      expect((await run('json', pages)).text()).toBe(expected);
    }
  });

  it('prints the bare object for get with one id', async () => {
    const out = await run('json', [[SEED]], { cardinality: 'one', layout: 'detail' });
    expect(out.text()).toBe(`${JSON.stringify(SEED, null, 2)}\n`);
    expect((JSON.parse(out.text()) as Invocation).InvocationStatus).toBe('SUCCESS');
  });

  it('prints an array for get with several ids, even when one was found', async () => {
    const out = await run('json', [[SEED]], { cardinality: 'many', layout: 'detail' });
    expect(out.text()).toBe(`${JSON.stringify([SEED], null, 2)}\n`);
  });

  it('writes nothing for get with one id not found, and [] for an empty list', async () => {
    expect((await run('json', [[]], { cardinality: 'one', layout: 'detail' })).chunks).toHaveLength(0);
    expect((await run('json', [[]])).text()).toBe('[]\n');
  });

  it('is the same bytes on a terminal with colour', async () => {
    const pipe = await run('json', [[SEED, RUNNING]]);
    const tty = await run('json', [[SEED, RUNNING]], { colorLevel: 3 }, true);
    expect(tty.text()).toBe(pipe.text());
  });

  it('buffers until end, so a failure half-way leaves stdout untouched', async () => {
    const out = fakeOut();
    const f = await createPrinter('json', context(out));
    await f.write([SEED]);
    expect(out.chunks).toHaveLength(0);
  });
});

describe('ndjson', () => {
  it('writes each page as it arrives, one compact record per line', async () => {
    const out = fakeOut();
    const f = await createPrinter('ndjson', context(out));
    await f.write([SEED]);
    expect(out.text()).toBe(`${JSON.stringify(SEED)}\n`);
    await f.write([RUNNING, SEED]);
    await f.end();
    const lines = out.text().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(JSON.parse(lines[1] ?? '')).toEqual(RUNNING);
    expect(lines[1]).toBe(JSON.stringify(RUNNING));
  });
});

describe('tsv', () => {
  it('writes the documented columns, UTC times with Z, empty for absent name and null end', async () => {
    const out = await run('tsv', [[SEED, RUNNING]]);
    expect(out.text()).toBe(SEED_TSV + RUNNING_TSV);
  });

  it('writes page by page with no header', async () => {
    const out = fakeOut();
    const f = await createPrinter('tsv', context(out));
    await f.write([SEED]);
    expect(out.text()).toBe(SEED_TSV);
  });

  it('escapes tabs, newlines and backslashes so a line is one record', async () => {
    const odd: Invocation = { ...SEED, CommandName: 'a\tb\nc\\d', InvocationTaskBasicInfoSet: [] };
    const line = (await run('tsv', [[odd]])).text();
    expect(line.split('\n')).toHaveLength(2);
    expect(line.split('\t')).toHaveLength(14);
    expect(line).toContain('\ta\\tb\\nc\\\\d\t');
    expect(line).toContain('\tSHELL\tCVM\t0\t0\t\tUSER\t');
  });

  it('is the same on a terminal (no colour, no truncation)', async () => {
    const out = await run('tsv', [[SEED, RUNNING]], { colorLevel: 3, columns: 20 }, true);
    expect(out.text()).toBe(SEED_TSV + RUNNING_TSV);
  });
});

describe('content', () => {
  it('writes the decoded bytes and nothing else for get with one id', async () => {
    const out = await run('content', [[SEED]], { cardinality: 'one', layout: 'detail' });
    expect(out.bytes()).toEqual(Buffer.from('pwd'));
    const ps = await run('content', [[RUNNING]], { cardinality: 'one', layout: 'detail' });
    expect(ps.bytes()).toEqual(Buffer.from(POWERSHELL_SCRIPT, 'utf8'));
  });

  it('writes arbitrary bytes unchanged', async () => {
    const raw = Buffer.from([0, 255, 10, 13, 128]);
    const out = await run('content', [[{ ...SEED, CommandContent: raw.toString('base64') }]], {
      cardinality: 'one',
      layout: 'detail',
    });
    expect(out.bytes()).toEqual(raw);
  });

  it('puts a tail-style header before each of several', async () => {
    const expected = `==> inv-q4zp60g0 <==\npwd\n\n==> inv-7h3kd9x2ab <==\n${POWERSHELL_SCRIPT}\n==> inv-q4zp60g0 <==\npwd`;
    expect((await run('content', [[SEED, RUNNING], [SEED]])).text()).toBe(expected);
    const get = await run('content', [[SEED]], { cardinality: 'many', layout: 'detail' });
    expect(get.text()).toBe('==> inv-q4zp60g0 <==\npwd');
  });

  it('refuses invalid base64 before writing anything for the record', async () => {
    for (const bad of ['cHd', 'cH*k', 'cHdk=']) {
      const out = fakeOut();
      const f = await createPrinter('content', context(out, { cardinality: 'one', layout: 'detail' }));
      const error = await f.write([{ ...SEED, CommandContent: bad }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentDecodeError);
      expect((error as Error).message).toContain('inv-q4zp60g0');
      expect(out.chunks).toHaveLength(0);
    }
  });

  it('stops at a bad record in a later page, keeping what was written before', async () => {
    const out = fakeOut();
    const f = await createPrinter('content', context(out));
    await f.write([SEED]);
    await expect(f.write([{ ...RUNNING, CommandContent: '%%%' }])).rejects.toThrow(/inv-7h3kd9x2ab/);
    expect(out.text()).toBe('==> inv-q4zp60g0 <==\npwd');
  });
});
