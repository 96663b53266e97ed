import { describe, expect, it } from '@jest/globals';
import { batchesOf, callsOf, parseCount } from '../../src/cli/commands/run/batches.js';

describe('rolling batches', () => {
  it('reads N and N% of the targets: batches round up (at least one), failures round down', () => {
    expect(parseCount('10%', '--batch-size', 25, { min: 1, round: 'up' }).value).toBe(3);
    expect(parseCount('1%', '--batch-size', 5, { min: 1, round: 'up' }).value).toBe(1);
    expect(parseCount('10%', '--max-failures', 25, { min: 0, round: 'down' }).value).toBe(2);
    expect(parseCount('1%', '--max-failures', 5, { min: 0, round: 'down' }).value).toBe(0);
    expect(parseCount(' 7 ', '--batch-size', 5, { min: 1, round: 'up' })).toEqual({ text: '7', value: 7 });
  });

  it('cuts the targets into batches, all of them in one without a size', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    expect(batchesOf(ids, 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(batchesOf(ids, undefined)).toEqual([ids]);
  });

  it('sends a batch in calls of at most 200 instances of one kind each (CVM and Lighthouse never mixed)', () => {
    const cvm = Array.from({ length: 250 }, (_, i) => `ins-${String(i).padStart(8, '0')}`);
    const lighthouse = ['lhins-aaaaaaaa', 'lhins-bbbbbbbb'];
    const calls = callsOf([cvm[0]!, lighthouse[0]!, ...cvm.slice(1), lighthouse[1]!]);
    expect(calls.map((call) => call.length)).toEqual([200, 50, 2]);
    expect(calls[2]).toEqual(lighthouse);
    expect(calls.slice(0, 2).flat()).toEqual(cvm);
  });
});
