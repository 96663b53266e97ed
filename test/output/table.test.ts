import { describe, it, expect } from '@jest/globals';
import type { Invocation } from '../../src/api/types.js';
import { createPrinter } from '../../src/output/printer.js';
import { displayWidth } from '../../src/output/fit.js';
import { SEED, RUNNING, NOW, ANSI, stripAnsi, fakeOut, context } from './fixtures.js';

type Options = Parameters<typeof context>[1];

async function table(records: Invocation[], options: Options = {}, columns = 0): Promise<string> {
  const out = fakeOut(true, columns);
  const f = await createPrinter('table', context(out, options));
  await f.write(records);
  expect(out.chunks).toHaveLength(0);
  await f.end();
  return out.text();
}

const LONG: Invocation = {
  ...SEED,
  InvocationId: 'inv-longname1',
  InvocationStatus: 'FAILED',
  CommandName: 'rotate and compress the application logs on every web server in the fleet',
};

describe('table (list)', () => {
  it('has the headers and one row per invocation', async () => {
    const text = await table([SEED, RUNNING]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]?.split(/\s+/)).toEqual([
      'ID',
      'STATUS',
      'COMMAND',
      'TYPE',
      'INSTANCES',
      'SOURCE',
      'CREATED',
      'DURATION',
    ]);
    expect(lines[1]?.split(/\s{2,}/)).toEqual([
      'inv-q4zp60g0',
      'SUCCESS',
      'cmd-9dxzty3m',
      'SHELL',
      '3 (3 ok)',
      'USER',
      '3 years ago',
      '9s',
    ]);
    expect(lines[2]?.split(/\s{2,}/)).toEqual([
      'inv-7h3kd9x2ab',
      'RUNNING',
      '部署 nginx — 日志清理',
      'POWERSHELL',
      '5 (2 ok)',
      'INVOKER',
      '3 minutes ago',
      'running',
    ]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('shows creation time relative to ctx.now and durations in units', async () => {
    const created = (ms: number, end: string | null): Invocation => ({
      ...SEED,
      CreatedTime: new Date(ms).toISOString(),
      StartTime: '2024-03-01T10:00:00+08:00',
      EndTime: end,
    });
    const text = await table([
      created(NOW - 10_000, '2024-03-01T10:02:05+08:00'),
      created(NOW - 2 * 86_400_000, '2024-03-01T11:03:00+08:00'),
      created(NOW - 3 * 60_000, null),
    ]);
    const rows = text
      .split('\n')
      .slice(1, 4)
      .map((l) => l.split(/\s{2,}/).slice(-2));
    expect(rows).toEqual([
      ['just now', '2m05s'],
      ['2 days ago', '1h03m'],
      ['3 minutes ago', 'running'],
    ]);
  });

  it('shows the command id when there is no name', async () => {
    expect(await table([SEED])).toContain('cmd-9dxzty3m');
    expect(await table([RUNNING])).not.toContain('cmd-pw5h1q0k');
  });

  it('fits the terminal width, truncating the widest text first, never the id', async () => {
    const wide = await table([SEED, RUNNING, LONG]);
    expect(wide).toContain(LONG.CommandName);
    for (const columns of [120, 100, 80, 60]) {
      const text = await table([SEED, RUNNING, LONG], {}, columns);
      for (const line of text.trimEnd().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
      expect(text).toContain('inv-longname1');
      expect(text).toContain('inv-7h3kd9x2ab');
      expect(text).toContain('…');
    }
    const at100 = await table([SEED, RUNNING, LONG], {}, 100);
    expect(at100).toContain('rotate and');
    expect(at100).not.toContain(LONG.CommandName);
    expect(at100).toContain('POWERSHELL');
  });

  it('keeps every STATUS whole at 60, 80 and 200 columns, shortening CREATED and dropping columns first', async () => {
    const statuses = ['PARTIAL_FAILED', 'PARTIAL_CANCELLED', 'CANCELLING', 'CANCELLED', 'SUCCESS', 'RUNNING'];
    const records = statuses.map((status, i) => ({
      ...LONG,
      InvocationId: `inv-status0${i}x`,
      InvocationStatus: status,
      CreatedTime: new Date(NOW - 17 * 60_000).toISOString(),
    }));
    for (const columns of [60, 80, 200]) {
      const lines = (await table(records, {}, columns)).trimEnd().split('\n');
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
      expect(lines[0]).toMatch(/^ID +STATUS +COMMAND/);
      statuses.forEach((status, i) => expect(lines[i + 1]).toMatch(new RegExp(`^inv-status0${i}x +${status} +`)));
      if (columns === 200) expect(lines[1]).toContain('17 minutes ago');
      else expect(lines[1]).toMatch(/ 17m ago( |$)/);
    }
    const at60 = await table(records, {}, 60);
    expect(at60).not.toContain('SOURCE');
    expect(at60).not.toContain('TYPE');
  });

  it('renders 300,000 rows without overflowing the stack', async () => {
    const many = Array.from({ length: 300_000 }, (_, i) => ({
      ...SEED,
      InvocationId: `inv-${i.toString(36).padStart(8, '0')}`,
    }));
    const text = await table(many, {}, 100);
    expect(text.split('\n')).toHaveLength(300_002);
  });

  it('writes no ANSI codes at colour level 0, and coloured statuses above it', async () => {
    const plain = await table([SEED, RUNNING, LONG, { ...SEED, InvocationStatus: 'CANCELLED' }]);
    expect(plain).not.toMatch(ANSI);
    const coloured = await table([SEED, RUNNING, LONG, { ...SEED, InvocationStatus: 'CANCELLED' }], { colorLevel: 1 });
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[32mSUCCESS\u001b[39m');
    expect(coloured).toContain('\u001b[33mRUNNING\u001b[39m');
    expect(coloured).toContain('\u001b[31mFAILED\u001b[39m');
    expect(coloured).toContain('\u001b[2mCANCELLED\u001b[22m');
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('escapes control characters so a row stays one line', async () => {
    const text = await table([{ ...SEED, CommandName: 'evil\u001b]0;x\u0007\nname' }]);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('evil\\x1b]0;x\\x07\\nname');
  });

  it('writes nothing for no records', async () => {
    expect(await table([])).toBe('');
  });
});

describe('table (get: detail view)', () => {
  const get: Options = { cardinality: 'one', layout: 'detail', timeZone: 'Asia/Shanghai' };

  it('labels every field and shows local and UTC times', async () => {
    const text = await table([SEED], get);
    for (const label of [
      'Invocation ID',
      'Status',
      'Command ID',
      'Command name',
      'Description',
      'Type',
      'Instance kind',
      'Source',
      'Username',
      'Working directory',
      'Timeout',
      'Created',
      'Started',
      'Ended',
      'Updated',
      'Output COS bucket',
      'Output COS prefix',
      'Parameters',
      'Default parameters',
      'Command content',
      'Tasks',
    ]) {
      expect(text).toMatch(new RegExp(`^${label}`, 'm'));
    }
    expect(text).toMatch(/^Invocation ID +inv-q4zp60g0$/m);
    expect(text).toMatch(/^Created +2020-11-09 15:21:59 \+08:00 +\(2020-11-09T07:21:59Z\)$/m);
    expect(text).toMatch(/^Ended +2020-11-09 15:22:08 \+08:00 +\(2020-11-09T07:22:08Z\)$/m);
    expect(text).toMatch(/^Timeout +1m00s$/m);
    expect(text).toMatch(/^Command name +-$/m);
    expect(text).toMatch(/^Output COS bucket +https:\/\/example-123456789\.cos\.ap-beijing\.myqcloud\.com$/m);
  });

  it('decodes the command content into an indented block', async () => {
    expect(await table([SEED], get)).toContain('Command content\n    pwd\n');
    expect(await table([RUNNING], get)).toContain('Command content\n    Write-Host "héllo 世界"\n    Get-Date\n');
  });

  it('pretty-prints parameters, shows - when empty and the raw text when not JSON', async () => {
    const seed = await table([SEED], get);
    expect(seed).toMatch(/^Parameters +-$/m);
    expect(seed).toMatch(/^Default parameters +\{\n +"k1": "v1"\n +\}$/m);
    const running = await table([RUNNING], get);
    expect(running).toMatch(/^Parameters +\{\n +"path": "C:\\\\logs",\n +"days": 7,\n +"名字": "世界"\n +\}$/m);
    expect(running).toMatch(/^Default parameters +not json \{$/m);
  });

  it('shows a running invocation as running', async () => {
    const text = await table([RUNNING], get);
    expect(text).toMatch(/^Ended +running$/m);
    expect(text).toMatch(/^Duration +running for 2m55s$/m);
    expect(text).toMatch(/^Command name +部署 nginx — 日志清理$/m);
  });

  it('shows a timeout of whole seconds as a duration: 1h00m, not 3600s', async () => {
    expect(await table([RUNNING], get)).toMatch(/^Timeout +1h00m$/m);
    expect(await table([{ ...SEED, Timeout: 5400 }], get)).toMatch(/^Timeout +1h30m$/m);
  });

  it('never lets a 60-column terminal break a time in two: the UTC form moves to its own line', async () => {
    const text = await table([SEED], get, 60);
    expect(text).toMatch(/^Created +2020-11-09 15:21:59 \+08:00\n +\(2020-11-09T07:21:59Z\)$/m);
    const timeLines = text.split('\n').filter((line) => /\d\d:\d\d:\d\d/.test(line));
    expect(timeLines.length).toBeGreaterThanOrEqual(8);
    for (const line of timeLines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(await table([SEED], get, 80)).toMatch(/^Created +2020-11-09 15:21:59 \+08:00 +\(2020-11-09T07:21:59Z\)$/m);
  });

  it('lists the per-instance tasks in a small table with coloured statuses', async () => {
    const plain = await table([RUNNING], get);
    expect(plain).toContain('Tasks (5, 2 ok)\n');
    expect(plain).toMatch(/^ {2}TASK ID +INSTANCE ID +STATUS +EXIT CODE +ERROR$/m);
    expect(plain).toMatch(/^ {2}invt-a2 +ins-aaaa0002 +FAILED$/m);
    expect(plain).toMatch(/^ {2}invt-a3 +lhins-bbbb0003 +RUNNING$/m);
    expect(plain).not.toMatch(ANSI);
    const coloured = await table([RUNNING], { ...get, colorLevel: 3 });
    expect(coloured).toContain('\u001b[31mFAILED\u001b[39m');
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('separates several invocations with a blank line', async () => {
    const text = await table([SEED, RUNNING], { ...get, cardinality: 'many' });
    expect(text).toMatch(/ins-zj0f57ev +SUCCESS\n\nInvocation ID +inv-7h3kd9x2ab\n/);
  });
});
