import { describe, expect, it } from '@jest/globals';
import { stripVTControlCharacters } from 'node:util';
import type { Invocation } from '../../src/api/types.js';
import { renderLiveView } from '../../src/cli/wait/live-view.js';
import { newState, type Found, type WaitState } from '../../src/cli/wait/state.js';
import { TerminalBlock } from '../../src/cli/wait/terminal-block.js';
import { displayWidth } from '../../src/output/fit.js';
import { fakeOutput } from '../helpers/cli.js';
import { numbered } from '../helpers/invocations.js';

const T0 = Date.UTC(2026, 10, 28, 12);

function stateWith(specs: Array<{ status: string; tasks: string[]; final?: boolean; instance?: string }>): WaitState {
  const state = newState(specs.map((_, i) => `inv-${String(i).padStart(8, '0')}`), T0);
  specs.forEach((spec, i) => {
    const id = state.entries[i]!.id;
    const invocation = numbered(i, {
      InvocationId: id,
      InvocationStatus: spec.status,
      CreatedTime: new Date(T0).toISOString(),
      EndTime: spec.final ? new Date(T0 + 30_000).toISOString() : null,
      InvocationTaskBasicInfoSet: spec.tasks.map((task, t) => ({ InvocationTaskId: `invt-${i}x${t}`, TaskStatus: task, InstanceId: spec.instance ?? `ins-${i}x${t}` })),
    }) as Invocation;
    state.entries[i] = spec.final ? { kind: 'final', id, region: 'ap-guangzhou', invocation, finishedAt: T0 + 30_000 } : { kind: 'found', id, region: 'ap-guangzhou', invocation, seenAt: T0 };
  });
  return state;
}

const plain = (lines: string[]) => lines.map((line) => stripVTControlCharacters(line));

describe('live view', () => {
  it('one line per invocation, one per instance under it, finished ones marked, and a footer', () => {
    const state = stateWith([
      { status: 'RUNNING', tasks: ['SUCCESS', 'RUNNING', 'FAILED'] },
      { status: 'SUCCESS', tasks: ['SUCCESS'], final: true },
    ]);
    const lines = plain(renderLiveView(state, { columns: 100, rows: 30, now: T0 + 42_000, color: false }));
    expect(lines).toEqual([
      '· inv-00000000  RUNNING  2/3 instances done  42s',
      '    ✓ ins-0x0  SUCCESS',
      '    · ins-0x1  RUNNING',
      '    ✗ ins-0x2  FAILED',
      '✓ inv-00000001  SUCCESS  1/1 instance done  30s',
      '    ✓ ins-1x0  SUCCESS',
      'Waiting for 1 of 2 invocations · 42s · checking now · Ctrl+C stops waiting',
    ]);
  });

  it.each([
    [0, 0],
    [10, 5],
    [1, 1],
    [40, 3],
    [200, 100],
  ])('never wider than %i columns nor taller than %i rows (0 = unknown: 80x24)', (columns, rows) => {
    const state = stateWith(Array.from({ length: 30 }, (_, i) => ({ status: i % 3 ? 'RUNNING' : 'SUCCESS', tasks: ['RUNNING', 'SUCCESS', 'DELIVERING'], final: i % 3 === 0 })));
    const lines = renderLiveView(state, { columns, rows, now: T0, color: true });
    const width = columns > 0 ? columns : 80;
    const height = rows > 0 ? rows : 24;
    expect(lines.length).toBeLessThanOrEqual(Math.max(1, height - 1));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of plain(lines)) expect(displayWidth(line)).toBeLessThanOrEqual(Math.max(1, width - 1));
  });

  it('several regions: the REGION column is as wide as the longest region holding an id, not of every region asked', () => {
    const state = stateWith([
      { status: 'RUNNING', tasks: [] },
      { status: 'RUNNING', tasks: [] },
    ]);
    const regional = { ...state, regions: ['ap-guangzhou', 'na-siliconvalley', 'ap-shanghai'] };
    regional.entries[1] = { ...(regional.entries[1] as Found), region: 'ap-shanghai' };
    const lines = plain(renderLiveView(regional, { columns: 100, rows: 30, now: T0 + 5_000, color: false }));
    expect(lines.slice(0, 2)).toEqual(['· ap-guangzhou  inv-00000000  RUNNING  5s', '· ap-shanghai   inv-00000001  RUNNING  5s']);
  });

  it('ids of different lengths are padded so the statuses line up', () => {
    const state = newState(['inv-q4zp60g0', 'inv-hc91n6ga8c'], T0);
    const lines = plain(renderLiveView(state, { columns: 100, rows: 30, now: T0 + 1_000, color: false }));
    expect(lines.slice(0, 2)).toEqual(['· inv-q4zp60g0    not visible yet  1s', '· inv-hc91n6ga8c  not visible yet  1s']);
  });

  it('folds finished invocations to one line before dropping anything', () => {
    const state = stateWith([
      { status: 'SUCCESS', tasks: ['SUCCESS', 'SUCCESS', 'SUCCESS'], final: true },
      { status: 'RUNNING', tasks: ['RUNNING', 'RUNNING'] },
    ]);
    const lines = plain(renderLiveView(state, { columns: 80, rows: 6, now: T0, color: false }));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('inv-00000000  SUCCESS');
    expect(lines[1]).toContain('inv-00000001  RUNNING');
    expect(lines.slice(2, 4).every((line) => line.includes('RUNNING') && line.startsWith('    '))).toBe(true);
  });

  it('a summary line stands for the invocations that do not fit; the ones still going come first', () => {
    const state = stateWith(Array.from({ length: 12 }, (_, i) => ({ status: i < 8 ? 'SUCCESS' : 'RUNNING', tasks: ['SUCCESS'], final: i < 8 })));
    const lines = plain(renderLiveView(state, { columns: 80, rows: 6, now: T0, color: false }));
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 3).every((line) => line.includes('RUNNING'))).toBe(true);
    expect(lines[3]).toBe('… 9 more invocations: 1 waiting, 8 done');
    expect(lines[4]).toMatch(/^Waiting for 4 of 12 invocations/);
  });

  it('several regions: a REGION column after the mark; an invocation whose region failed says so', () => {
    const base = stateWith([{ status: 'RUNNING', tasks: ['RUNNING'] }, { status: 'RUNNING', tasks: ['RUNNING'] }, { status: 'RUNNING', tasks: [] }]);
    const state: WaitState = { ...base, regions: ['ap-guangzhou', 'ap-shanghai'], failedRegions: new Set(['ap-shanghai']) };
    const second = state.entries[1]! as Found;
    state.entries[1] = { kind: 'unreachable', id: second.id, region: 'ap-shanghai', invocation: second.invocation };
    state.entries[2] = { kind: 'unseen', id: state.entries[2]!.id };
    const lines = plain(renderLiveView(state, { columns: 100, rows: 30, now: T0 + 5_000, color: false }));
    expect(lines).toEqual([
      '· ap-guangzhou  inv-00000000  RUNNING  0/1 instance done  5s',
      '    · ins-0x0  RUNNING',
      '! ap-shanghai   inv-00000001  RUNNING  region failed, no longer waited on',
      '·               inv-00000002  not visible yet  5s',
      'Waiting for 2 of 3 invocations in 1 region · 5s · checking now · Ctrl+C stops waiting',
    ]);
  });

  it('shows server text harmlessly: control characters cannot move the cursor', () => {
    const state = stateWith([{ status: 'RUNNING', tasks: ['RUNNING'], instance: 'ins-\x1b[2Jevil' }]);
    const lines = renderLiveView(state, { columns: 80, rows: 24, now: T0, color: false });
    expect(lines.join('\n')).not.toContain('\x1b');
    expect(lines[1]).toContain('ins-\\x1b[2Jevil');
  });
});

describe('terminal block', () => {
  it('redraws in place: each frame goes up over the last one and clears below', async () => {
    const chunks: string[] = [];
    const block = new TerminalBlock(fakeOutput(true, 80, chunks));
    await block.draw(['a', 'b', 'c']);
    await block.draw(['d', 'e']);
    await block.passThrough('throttled, retrying in 1.0 s');
    await block.finish();
    expect(chunks[0]).toBe('\x1b[J\x1b[?25la\nb\nc\n');
    expect(chunks[1]).toBe('\x1b[3A\r\x1b[J\x1b[?25ld\ne\n');
    // Another writer's line goes above the block, which is drawn again under it.
    expect(chunks[2]).toBe('\x1b[2A\r\x1b[Jthrottled, retrying in 1.0 s\n\x1b[?25ld\ne\n');
    expect(chunks[3]).toBe('\x1b[?25h');
    // Once finished, nothing is redrawn and others write plainly.
    await block.draw(['x']);
    await block.passThrough('later\n');
    expect(chunks.slice(4)).toEqual(['later\n']);
  });
});
