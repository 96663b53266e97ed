import { describe, it, expect } from '@jest/globals';
import {
  durationSeconds,
  formatDuration,
  formatElapsed,
  formatLocal,
  relativeTime,
  toUtcIso,
} from '../../src/output/time.js';
import { parseApiTime } from '../../src/api/time.js';
import { statusCategory } from '../../src/output/status.js';
import { displayWidth, fitWidths, truncate } from '../../src/output/fit.js';
import { escapeField, escapeForTerminal, escapeJsonText, visible } from '../../src/output/escape.js';
import { decodeBase64Strict } from '../../src/output/base64.js';

describe('time', () => {
  it('parses Z and any offset to the same instant', () => {
    const z = parseApiTime('2020-11-09T07:21:59Z');
    expect(z).toBe(Date.UTC(2020, 10, 9, 7, 21, 59));
    expect(parseApiTime('2020-11-09T07:21:59+00:00')).toBe(z);
    expect(parseApiTime('2020-11-09T15:21:59+08:00')).toBe(z);
    expect(parseApiTime('2020-11-09T15:21:59+0800')).toBe(z);
    expect(parseApiTime('2020-11-09T02:21:59-05:00')).toBe(z);
    expect(parseApiTime('yesterday')).toBeUndefined();
    expect(parseApiTime(null)).toBeUndefined();
  });

  it('reads a time without a zone as UTC, and an offset after a space (issue 23.6; the zone itself: test/e2e/time-zone.test.ts)', () => {
    const z = Date.UTC(2020, 10, 9, 7, 21, 59);
    expect(parseApiTime('2020-11-09 07:21:59')).toBe(z);
    expect(parseApiTime('2020-11-09T07:21:59')).toBe(z);
    expect(parseApiTime('2020-11-09T15:21:59 +08:00')).toBe(z);
    expect(parseApiTime('2020-11-09 15:21:59+08:00')).toBe(z);
    expect(parseApiTime('2020-11-09')).toBe(Date.UTC(2020, 10, 9));
  });

  it('refuses dates and times that do not exist instead of rolling them over', () => {
    for (const text of [
      '2026-02-30',
      '2026-02-29T00:00:00Z',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-01T24:00:00Z',
      '2026-01-01T12:60:00Z',
      '2026-01-01T12:00:60Z',
      '2026-01-01T12:00:00+15:00',
    ])
      expect(parseApiTime(text)).toBeUndefined();
    expect(parseApiTime('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseApiTime('0099-12-31T00:00:00Z')).toBe(new Date('0099-12-31T00:00:00Z').getTime());
    expect(parseApiTime('2020-11-09T07:21:59.25Z')).toBe(Date.UTC(2020, 10, 9, 7, 21, 59, 250));
  });

  it('normalises to ISO 8601 UTC with Z', () => {
    expect(toUtcIso('2020-11-09T07:21:59+00:00')).toBe('2020-11-09T07:21:59Z');
    expect(toUtcIso('2020-11-09T15:21:59+08:00')).toBe('2020-11-09T07:21:59Z');
    expect(toUtcIso('2020-11-09T07:21:59.250Z')).toBe('2020-11-09T07:21:59.250Z');
    expect(toUtcIso(null)).toBe('');
    expect(toUtcIso('garbage')).toBe('garbage');
  });

  it('says how long ago', () => {
    const now = Date.UTC(2024, 0, 10, 12, 0, 0);
    expect(relativeTime(now - 5_000, now)).toBe('just now');
    expect(relativeTime(now - 60_000, now)).toBe('1 minute ago');
    expect(relativeTime(now - 3 * 60_000, now)).toBe('3 minutes ago');
    expect(relativeTime(now - 2 * 3_600_000, now)).toBe('2 hours ago');
    expect(relativeTime(now - 2 * 86_400_000, now)).toBe('2 days ago');
    expect(relativeTime(now - 400 * 86_400_000, now)).toBe('1 year ago');
    expect(relativeTime(now + 5 * 60_000, now)).toBe('in 5 minutes');
  });

  it('formats durations one way: the two largest units, the second always two digits (issue 20.3)', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(9)).toBe('9s');
    expect(formatDuration(59.9)).toBe('59s');
    expect(formatDuration(87)).toBe('1m27s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(120)).toBe('2m00s');
    expect(formatDuration(3780)).toBe('1h03m');
    expect(formatDuration(2 * 3600 + 5 * 60 + 59)).toBe('2h05m');
    expect(formatDuration(3 * 86400 + 4 * 3600 + 5)).toBe('3d04h');
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(Number.NaN)).toBe('0s');
    expect(formatElapsed(87_999)).toBe('1m27s');
    expect(durationSeconds('2020-11-09T07:21:59+00:00', '2020-11-09T07:22:08Z')).toBe(9);
    expect(durationSeconds('2020-11-09T07:21:59+00:00', null)).toBeUndefined();
  });

  it('formats local time in a given zone', () => {
    const ms = Date.UTC(2020, 10, 9, 7, 21, 59);
    expect(formatLocal(ms, 'Asia/Shanghai')).toBe('2020-11-09 15:21:59 +08:00');
    expect(formatLocal(ms, 'UTC')).toBe('2020-11-09 07:21:59 +00:00');
    expect(formatLocal(ms, 'America/St_Johns')).toBe('2020-11-09 03:51:59 -03:30');
    expect(formatLocal(ms, ':/etc/localtime')).toMatch(/^2020-11-09 \d\d:\d\d:59 [+-]\d\d:\d\d$/);
    expect(formatLocal(Date.UTC(2020, 11, 31, 23, 30, 0), 'Asia/Kolkata')).toBe('2021-01-01 05:00:00 +05:30');
  });
});

describe('status', () => {
  it('maps invocation and task statuses, case-insensitively', () => {
    expect(statusCategory('SUCCESS')).toBe('success');
    expect(statusCategory('success')).toBe('success');
    for (const s of ['FAILED', 'TIMEOUT', 'PARTIAL_FAILED', 'TASK_TIMEOUT', 'START_FAILED']) {
      expect(statusCategory(s)).toBe('failure');
    }
    for (const s of ['PENDING', 'RUNNING', 'CANCELLING', 'DELIVERING']) expect(statusCategory(s)).toBe('progress');
    expect(statusCategory('CANCELLED')).toBe('cancelled');
    expect(statusCategory('SOMETHING_NEW')).toBe('unknown');
  });
});

describe('fit', () => {
  it('measures wide characters as two cells', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日志')).toBe(4);
    expect(displayWidth('é')).toBe(1);
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('日志清理', 5)).toBe('日志…');
  });

  it('takes width from the widest flexible column first', () => {
    const cols = [
      { natural: 12, flexible: false, min: 2, pinned: true },
      { natural: 30, flexible: true, min: 7 },
      { natural: 10, flexible: true, min: 4 },
    ];
    expect(fitWidths(cols, 0)).toEqual([12, 30, 10]);
    expect(fitWidths(cols, 52)).toEqual([12, 30, 10]);
    expect(fitWidths(cols, 42)).toEqual([12, 20, 10]);
    expect(fitWidths(cols, 30)).toEqual([12, 9, 9]);
    expect(fitWidths(cols, 46, 2)).toEqual([12, 20, 10]);
  });

  it('hides droppable columns, lowest drop first, before truncating below the minimum', () => {
    const cols = [
      { natural: 14, flexible: false, min: 2, pinned: true },
      { natural: 40, flexible: true, min: 12 },
      { natural: 10, flexible: true, min: 5, drop: 2 },
      { natural: 7, flexible: true, min: 4, drop: 1 },
    ];
    expect(fitWidths(cols, 50, 2)).toEqual([14, 13, 10, 7]);
    expect(fitWidths(cols, 40, 2)).toEqual([14, 12, 10, 0]);
    expect(fitWidths(cols, 30, 2)).toEqual([14, 14, 0, 0]);
  });

  it('as a last resort truncates anything but pinned columns', () => {
    const cols = [
      { natural: 12, flexible: false, min: 2, pinned: true },
      { natural: 30, flexible: true, min: 7 },
      { natural: 10, flexible: false, min: 10 },
    ];
    expect(fitWidths(cols, 16)).toEqual([12, 2, 2]);
    expect(fitWidths(cols, 5)).toEqual([12, 1, 1]);
  });
});

describe('escape', () => {
  it('keeps a tsv field on one line, reversibly', () => {
    expect(escapeField('a\tb\nc\\d\re\u001b')).toBe('a\\tb\\nc\\\\d\\re\\x1b');
  });
  it('keeps newlines in blocks but neutralises terminal controls', () => {
    expect(escapeForTerminal('a\r\nb\u001b[31m')).toBe('a\nb\\x1b[31m');
  });
  it('treats every bidi control alike: the marks LRM, RLM and ALM as the overrides and isolates (issue 23.18)', () => {
    const marks = 'a\u200eb\u200fc\u061cd\u202ae\u2067f';
    const shown = 'a\\u200eb\\u200fc\\u061cd\\u202ae\\u2067f';
    expect(visible(marks)).toBe(shown);
    expect(visible(marks, { multiline: true })).toBe(shown);
    expect(escapeJsonText(JSON.stringify(marks))).toBe(`"${shown}"`);
    expect(JSON.parse(escapeJsonText(JSON.stringify(marks)))).toBe(marks);
    // Letters of right-to-left scripts are text, not controls.
    expect(visible('שלום مرحبا')).toBe('שלום مرحبا');
  });

  it('shows C1 controls, bidi overrides and separators, in cells and in blocks', () => {
    const hostile = 'a\u009b2J\u202eb\u2028c\u0085d\u007f';
    expect(visible(hostile)).toBe('a\\u009b2J\\u202eb\\u2028c\\u0085d\\x7f');
    expect(visible(hostile, { multiline: true })).toBe('a\\u009b2J\\u202eb\\u2028c\\u0085d\\x7f');
    expect(visible('C:\\dir\tx\ny')).toBe('C:\\dir\\tx\\ny');
    expect(visible('部署 nginx — ok')).toBe('部署 nginx — ok');
  });
  it('writes what JSON.stringify leaves raw as \\u escapes, the parsed value unchanged', () => {
    const value = { s: 'a\u009b\u202e\u2028\u007f\u001b' };
    const text = escapeJsonText(JSON.stringify(value));
    expect(text).toBe('{"s":"a\\u009b\\u202e\\u2028\\u007f\\u001b"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('base64', () => {
  it('decodes strictly', () => {
    expect(Buffer.from(decodeBase64Strict('cHdk') ?? []).toString()).toBe('pwd');
    expect(decodeBase64Strict('')?.length).toBe(0);
    expect(decodeBase64Strict('cm9vdAo=')).toBeDefined();
    for (const bad of ['cHd', 'cm9vdAo', 'cH*k', 'cm9v dAo=', 'cm9vdA=o', '====', 'cHdk\n', 'cHd===', 'cHdk-_8=']) {
      expect(decodeBase64Strict(bad)).toBeUndefined();
    }
  });

  it('checks ten million characters without overflowing the stack (issue 23.8)', () => {
    const valid = 'QUJD'.repeat(2_500_000);
    expect(decodeBase64Strict(valid)?.length).toBe(7_500_000);
    expect(decodeBase64Strict(`${valid.slice(0, -1)}*`)).toBeUndefined();
    expect(decodeBase64Strict(`*${valid.slice(1)}`)).toBeUndefined();
  });
});
