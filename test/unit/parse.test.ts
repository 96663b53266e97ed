import { describe, expect, it } from '@jest/globals';
import { parseFilters, parseInvocationIds } from '../../src/cli/parse.js';
import { parseDuration, parseEndpoint, parseInteger } from '../../src/values.js';
import { colorLevel } from '../../src/cli/color.js';
import { UsageError } from '../../src/errors.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['30', 30_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text, '--timeout')).toBe(ms));

  it.each(['', '-1s', '10x', 's', 'NaN'])('refuses %j naming the flag', (text) => {
    expect(() => parseDuration(text, '--timeout')).toThrow(new UsageError(`--timeout '${text}' is not a duration`));
  });

  it.each([
    ['0s', 'must be positive'],
    ['0', 'must be positive'],
    ['0.4ms', 'is shorter than 1ms'],
    ['25h', 'is longer than 24h'],
  ])('refuses %j: it %s', (text, why) => {
    expect(() => parseDuration(text, '--timeout')).toThrow(new UsageError(`--timeout '${text}' ${why}`));
  });
});

describe('parseInteger', () => {
  it('accepts the range and refuses outside it', () => {
    expect(parseInteger('7', '--limit', { min: 1, max: 10 })).toBe(7);
    for (const bad of ['0', '11', '1.5', '1e3', ' ', 'x', '-3'])
      expect(() => parseInteger(bad, '--limit', { min: 1, max: 10 })).toThrow(/--limit/);
  });
});

describe('parseInvocationIds', () => {
  it('splits commas, trims, removes duplicates and keeps order', () => {
    expect(parseInvocationIds(['inv-b, inv-a', 'inv-b,inv-c'], '--id')).toEqual(['inv-b', 'inv-a', 'inv-c']);
  });
  it('accepts both id lengths seen in the documentation', () => {
    expect(parseInvocationIds(['inv-q4zp60g0,inv-hc91n6ga8c'], '--id')).toHaveLength(2);
  });
});

describe('parseFilters', () => {
  it('ORs values within a name and keeps names in first-seen order', () => {
    expect(parseFilters(['command-id=cmd-1,cmd-2', 'instance-kind=CVM', 'command-id=cmd-3,cmd-1'])).toEqual([
      { Name: 'command-id', Values: ['cmd-1', 'cmd-2', 'cmd-3'] },
      { Name: 'instance-kind', Values: ['CVM'] },
    ]);
  });
  it('takes the closed-list values (instance-kind, command-created-by) in any case, and refuses others as the API does', () => {
    expect(parseFilters(['instance-kind=cvm,Lighthouse,REGISTERINST', 'command-created-by=user'])).toEqual([
      { Name: 'instance-kind', Values: ['cvm', 'Lighthouse', 'REGISTERINST'] },
      { Name: 'command-created-by', Values: ['user'] },
    ]);
    expect(() => parseFilters(['instance-kind=CVM', 'instance-kind=BAREMETAL'])).toThrow(UsageError);
  });
  it('keeps = inside values', () => {
    expect(parseFilters(['tag=a=b'])).toEqual([{ Name: 'tag', Values: ['a=b'] }]);
  });
  it('does not refuse unknown names (servers add filters)', () => {
    expect(parseFilters(['brand-new-filter=x'])).toEqual([{ Name: 'brand-new-filter', Values: ['x'] }]);
  });
});

describe('parseEndpoint', () => {
  it.each([
    ['tat.ap-shanghai.tencentcloudapi.com', 'https://tat.ap-shanghai.tencentcloudapi.com/'],
    ['http://127.0.0.1:9000', 'http://127.0.0.1:9000/'],
    ['https://tat.tencentcloudapi.com/', 'https://tat.tencentcloudapi.com/'],
    ['localhost:9000', 'https://localhost:9000/'],
  ])('%s → %s', (input, href) => expect(parseEndpoint(input).href).toBe(href));

  it.each([
    ['', /empty/],
    ['ftp://x', /http or https/],
    ['https://u:p@host', /credentials/],
    ['https://host/path', /path or query/],
    ['http://', /not a host or URL/],
  ])('refuses %j', (input, message) => expect(() => parseEndpoint(input)).toThrow(message));
});

describe('colorLevel', () => {
  it('follows --no-color, NO_COLOR, FORCE_COLOR and the terminal, in that order', () => {
    expect(colorLevel({}, true, false)).toBe(1);
    expect(colorLevel({ TERM: 'xterm-256color' }, true, false)).toBe(2);
    expect(colorLevel({ COLORTERM: 'truecolor' }, true, false)).toBe(3);
    expect(colorLevel({}, false, false)).toBe(0);
    expect(colorLevel({ TERM: 'dumb' }, true, false)).toBe(0);
    expect(colorLevel({}, true, true)).toBe(0);
    expect(colorLevel({ NO_COLOR: '1', FORCE_COLOR: '3' }, true, false)).toBe(0);
    expect(colorLevel({ NO_COLOR: '' }, true, false)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: '1' }, false, false)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: '3' }, false, false)).toBe(3);
    expect(colorLevel({ FORCE_COLOR: '0' }, true, false)).toBe(0);
  });
});
