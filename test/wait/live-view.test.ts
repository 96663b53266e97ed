import { describe, expect, it } from '@jest/globals';
import type { Invocation } from '../../src/api/types.js';
import type { LiveLine } from '../../src/cli/terminal/live-block.js';
import { renderLiveView } from '../../src/cli/wait/live-view.js';
import { newState, type Found, type WaitState } from '../../src/cli/wait/state.js';
import { numbered } from '../helpers/invocations.js';

const T0 = Date.UTC(2026, 10, 28, 12);

function stateWith(specs: Array<{ status: string; tasks: string[]; final?: boolean; instance?: string }>): WaitState {
  const state = newState(
    specs.map((_, i) => `inv-${String(i).padStart(8, '0')}`),
    T0,
  );
  specs.forEach((spec, i) => {
    const id = state.entries[i]!.id;
    const invocation = numbered(i, {
      InvocationId: id,
      InvocationStatus: spec.status,
      CreatedTime: new Date(T0).toISOString(),
      EndTime: spec.final ? new Date(T0 + 30_000).toISOString() : null,
      InvocationTaskBasicInfoSet: spec.tasks.map((task, t) => ({
        InvocationTaskId: `invt-${i}x${t}`,
        TaskStatus: task,
        InstanceId: spec.instance ?? `ins-${i}x${t}`,
      })),
    }) as Invocation;
    state.entries[i] = spec.final
      ? { kind: 'final', id, region: 'ap-guangzhou', invocation, finishedAt: T0 + 30_000 }
      : { kind: 'found', id, region: 'ap-guangzhou', invocation, seenAt: T0 };
  });
  return state;
}

/** The text of each line as the block would show it on a wide terminal (before making it visible). */
const plain = (lines: LiveLine[]) => lines.map((line) => line.map(([text]) => text).join(''));

describe('live view', () => {
  it('one line per invocation, one per instance under it, finished ones marked, and a footer', () => {
    const state = stateWith([
      { status: 'RUNNING', tasks: ['SUCCESS', 'RUNNING', 'FAILED'] },
      { status: 'SUCCESS', tasks: ['SUCCESS'], final: true },
    ]);
    const lines = plain(renderLiveView(state, { lines: 28, now: T0 + 42_000 }));
    expect(lines).toEqual([
      '· inv-00000000  RUNNING  2 of 3 instances done  42s',
      '    ✓ ins-0x0  SUCCESS',
      '    · ins-0x1  RUNNING',
      '    ✗ ins-0x2  FAILED',
      '✓ inv-00000001  SUCCESS  1 of 1 instance done  30s',
      '    ✓ ins-1x0  SUCCESS',
      'Waiting for 1 of 2 invocations · 42s · checking now · Ctrl+C stops waiting',
    ]);
  });

  it.each([0, 1, 2, 5, 40])('never more lines than it is given (%i: at least the footer)', (budget) => {
    const state = stateWith(
      Array.from({ length: 30 }, (_, i) => ({
        status: i % 3 ? 'RUNNING' : 'SUCCESS',
        tasks: ['RUNNING', 'SUCCESS', 'DELIVERING'],
        final: i % 3 === 0,
      })),
    );
    const lines = renderLiveView(state, { lines: budget, now: T0 });
    expect(lines.length).toBe(Math.max(1, budget));
    expect(plain(lines).at(-1)).toMatch(/^Waiting for 20 of 30 invocations/);
  });

  it('several regions: the REGION column is as wide as the longest region holding an id, not of every region asked', () => {
    const state = stateWith([
      { status: 'RUNNING', tasks: [] },
      { status: 'RUNNING', tasks: [] },
    ]);
    const regional = { ...state, regions: ['ap-guangzhou', 'na-siliconvalley', 'ap-shanghai'] };
    regional.entries[1] = { ...(regional.entries[1] as Found), region: 'ap-shanghai' };
    const lines = plain(renderLiveView(regional, { lines: 28, now: T0 + 5_000 }));
    expect(lines.slice(0, 2)).toEqual([
      '· ap-guangzhou  inv-00000000  RUNNING  5s',
      '· ap-shanghai   inv-00000001  RUNNING  5s',
    ]);
  });

  it('ids of different lengths are padded so the statuses line up', () => {
    const state = newState(['inv-q4zp60g0', 'inv-hc91n6ga8c'], T0);
    const lines = plain(renderLiveView(state, { lines: 28, now: T0 + 1_000 }));
    expect(lines.slice(0, 2)).toEqual([
      '· inv-q4zp60g0    not visible yet  1s',
      '· inv-hc91n6ga8c  not visible yet  1s',
    ]);
  });

  it('folds finished invocations to one line before dropping anything', () => {
    const state = stateWith([
      { status: 'SUCCESS', tasks: ['SUCCESS', 'SUCCESS', 'SUCCESS'], final: true },
      { status: 'RUNNING', tasks: ['RUNNING', 'RUNNING'] },
    ]);
    const lines = plain(renderLiveView(state, { lines: 5, now: T0 }));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('inv-00000000  SUCCESS');
    expect(lines[1]).toContain('inv-00000001  RUNNING');
    expect(lines.slice(2, 4).every((line) => line.includes('RUNNING') && line.startsWith('    '))).toBe(true);
  });

  it('a summary line stands for the invocations that do not fit; the ones still going come first', () => {
    const state = stateWith(
      Array.from({ length: 12 }, (_, i) => ({
        status: i < 8 ? 'SUCCESS' : 'RUNNING',
        tasks: ['SUCCESS'],
        final: i < 8,
      })),
    );
    const lines = plain(renderLiveView(state, { lines: 5, now: T0 }));
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 3).every((line) => line.includes('RUNNING'))).toBe(true);
    expect(lines[3]).toBe('… 9 more invocations: 1 waiting, 8 done');
    expect(lines[4]).toMatch(/^Waiting for 4 of 12 invocations/);
  });

  it('several regions: a REGION column after the mark; an invocation whose region failed says so', () => {
    const base = stateWith([
      { status: 'RUNNING', tasks: ['RUNNING'] },
      { status: 'RUNNING', tasks: ['RUNNING'] },
      { status: 'RUNNING', tasks: [] },
    ]);
    const state: WaitState = {
      ...base,
      regions: ['ap-guangzhou', 'ap-shanghai'],
      failedRegions: new Set(['ap-shanghai']),
    };
    const second = state.entries[1]! as Found;
    state.entries[1] = { kind: 'unreachable', id: second.id, region: 'ap-shanghai', invocation: second.invocation };
    state.entries[2] = { kind: 'unseen', id: state.entries[2]!.id };
    const lines = plain(renderLiveView(state, { lines: 28, now: T0 + 5_000 }));
    expect(lines).toEqual([
      // The status column is as wide as its widest entry ('not visible yet'), so what follows lines up.
      '· ap-guangzhou  inv-00000000  RUNNING          0 of 1 instance done  5s',
      '    · ins-0x0  RUNNING',
      '! ap-shanghai   inv-00000001  RUNNING          region failed, no longer waited on',
      '·               inv-00000002  not visible yet  5s',
      'Waiting for 2 of 3 invocations in 1 region · 5s · checking now · Ctrl+C stops waiting',
    ]);
  });

  it('keeps server text as it is: the block makes it visible (test/unit/live-block.test.ts)', () => {
    const state = stateWith([{ status: 'RUNNING', tasks: ['RUNNING'], instance: 'ins-\x1b[2Jevil' }]);
    const lines = plain(renderLiveView(state, { lines: 22, now: T0 }));
    expect(lines[1]).toContain('ins-\x1b[2Jevil');
  });

  it('a frame reads each entry a bounded number of times and builds only the lines shown, however many ids (issue 23.9)', () => {
    /** Property reads of the entries during one frame of `n` ids, all still running with 3 instances. */
    const reads = (n: number): { perEntry: number; lines: number } => {
      const state = stateWith(
        Array.from({ length: n }, (_, i) => ({
          status: i % 2 ? 'RUNNING' : 'SUCCESS',
          tasks: ['RUNNING', 'SUCCESS', 'RUNNING'],
          final: i % 2 === 0,
        })),
      );
      let count = 0;
      const counted = state.entries.map(
        (entry) => new Proxy(entry, { get: (target, key, receiver) => (count++, Reflect.get(target, key, receiver)) }),
      );
      const lines = renderLiveView({ ...state, entries: counted }, { lines: 22, now: T0 }).length;
      return { perEntry: count / n, lines };
    };
    const small = reads(1_000);
    const large = reads(16_000);
    expect(large.lines).toBe(22);
    // Linear: the same few reads per entry at 16 times the ids (a frame that measured the id column
    // per line read every entry for each of them: 16 times more per entry).
    expect(large.perEntry).toBeLessThan(small.perEntry * 1.5);
    expect(large.perEntry).toBeLessThan(20);
  });
});
