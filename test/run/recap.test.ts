import { describe, expect, it } from '@jest/globals';
import { recapLines, runOutcome, type RunEnd } from '../../src/cli/commands/run/recap.js';
import { Tally } from '../../src/cli/commands/run/tally.js';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `ins-${String(from + i).padStart(8, '0')}`);

function end(tally: Tally, more: Partial<RunEnd> = {}): RunEnd {
  return {
    launches: [{ InvocationId: 'inv-aaaaaaaa', CommandId: 'cmd-aaaaaaaa', instanceIds: ids(5) }],
    tally,
    skipped: [],
    unfinished: [],
    timedOut: false,
    maxWaitMs: 600_000,
    regionArg: '',
    elapsedMs: 12_000,
    ...more,
  };
}

describe('the recap', () => {
  it('names where it never started: with --instances up to 20, past that with a file of ids', () => {
    const few = new Tally();
    few.notStarted = ids(3, 100);
    expect(recapLines(end(few))).toContain(
      `Run it where it never started: tat invocations rerun inv-aaaaaaaa --instances ${ids(3, 100).join(',')}`,
    );
    const many = new Tally();
    many.notStarted = ids(30, 100);
    const lines = recapLines(end(many, { regionArg: ' --region ap-shanghai' }));
    const at = lines.indexOf(
      'Run it where it never started: tat invocations rerun inv-aaaaaaaa --instances-from FILE --region ap-shanghai',
    );
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('with FILE holding the 30 instances never started, one a line:');
    expect(lines.slice(at + 2)).toEqual(ids(30, 100).map((id) => `  ${id}`));
  });

  it('is exit 0 when every instance succeeded, 5 when one did not', () => {
    const ok = new Tally();
    for (const id of ids(2))
      ok.add({
        InstanceId: id,
        TaskStatus: 'SUCCESS',
        ExitCode: 0,
        Output: '',
        Dropped: 0,
        OutputUrl: '',
        ErrorInfo: '',
        InvocationId: 'inv-aaaaaaaa',
        InvocationTaskId: 'invt-a',
      });
    expect(runOutcome(end(ok))).toBeUndefined();
    ok.add({
      InstanceId: 'ins-zzzzzzzz',
      TaskStatus: 'TIMEOUT',
      ExitCode: -1,
      Output: '',
      Dropped: 0,
      OutputUrl: '',
      ErrorInfo: '',
      InvocationId: 'inv-aaaaaaaa',
      InvocationTaskId: 'invt-b',
    });
    expect(runOutcome(end(ok))?.exitCode).toBe(5);
    expect(recapLines(end(ok))).toContain('  ins-zzzzzzzz  TIMEOUT  exit -1  inv-aaaaaaaa');
  });
});
