import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { timelineApi, type Step } from '../helpers/wait-api.js';

/**
 * "Wait again" hints are commands that run as printed: the ids still running only, with the flags
 * that decide how the wait ends. Each test pastes the hint back into tat.
 */

const S = 1000;
const id = (i: number): string => `inv-${String(i).padStart(8, '0')}`;

/** `count` invocations: the first `finished` end at 2 s, the others at 5 minutes. */
function fleet(count: number, finished: number): Record<string, Step[]> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i): [string, Step[]] => [
      id(i),
      [
        [0, 'RUNNING'],
        [i < finished ? 2 * S : 5 * 60 * S, 'SUCCESS', ['SUCCESS']],
      ],
    ]),
  );
}

/** The command between backticks after `lead`, or after `lead` to the end of its line. */
function hinted(stderr: string, lead: string): string {
  const at = stderr.indexOf(lead);
  expect(at).toBeGreaterThanOrEqual(0);
  const rest = stderr.slice(at + lead.length).trimStart();
  return rest.startsWith('`') ? rest.slice(1, rest.indexOf('`', 1)) : rest.slice(0, rest.indexOf('\n'));
}

/** Runs a hinted `tat ...` command line against the same endpoint and clock. */
function paste(
  line: string,
  api: ReturnType<typeof timelineApi>,
  clock: ReturnType<typeof fakeClock>,
  extra: Parameters<typeof runCli>[1] = {},
) {
  expect(line.startsWith('tat ')).toBe(true);
  return runCli(line.slice(4).split(' '), { fetch: api.fetch, clock, ...extra });
}

describe('wait again', () => {
  it('Ctrl+C: the ids still running, all of them, with --exit-status; pasted, it runs', async () => {
    const clock = fakeClock();
    const api = timelineApi(clock, fleet(6, 2));
    const controller = new AbortController();
    let sleeps = 0;
    const sleepy = {
      ...clock,
      sleep: async (ms: number) => {
        await clock.sleep(ms);
        if (++sleeps === 3) controller.abort('SIGINT');
      },
    };
    const result = await runCli(
      ['invocations', 'wait', ...Array.from({ length: 6 }, (_, i) => id(i)), '--exit-status'],
      { fetch: api.fetch, clock: sleepy, signal: controller.signal },
    );
    expect(result.code).toBe(130);
    const line = hinted(result.stderr, 'to wait again:');
    expect(line).toBe(`tat invocations wait ${[2, 3, 4, 5].map(id).join(' ')} --exit-status`);
    const again = await paste(line, api, clock);
    expect(again.code).toBe(0);
  });

  it('--max-wait with more ids than fit on a line: --ids-from FILE, and the ids to put in it; that runs too', async () => {
    const clock = fakeClock();
    const api = timelineApi(clock, fleet(15, 3));
    const ids = Array.from({ length: 15 }, (_, i) => id(i));
    const result = await runCli(['invocations', 'wait', ...ids, '--exit-status', '--max-wait', '1m'], {
      fetch: api.fetch,
      clock,
    });
    expect(result.code).toBe(6);
    const line = hinted(result.stderr, 'Wait longer with');
    expect(line).toBe('tat invocations wait --ids-from FILE --exit-status --max-wait 30m');
    const listed = result.stderr
      .slice(result.stderr.indexOf('FILE holding the 12 ids still running, one a line:'))
      .split('\n')
      .slice(1, 13)
      .map((text) => text.trim());
    expect(listed).toEqual(ids.slice(3));
    const file = join(mkdtempSync(join(tmpdir(), 'tat-hint-')), 'ids.txt');
    writeFileSync(file, `${listed.join('\n')}\n`);
    const again = await paste(line.replace('FILE', file), api, clock);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('12 invocations finished: 12 SUCCESS.');
  });

  it('several regions: the hint names the regions of the ids still running', async () => {
    const clock = fakeClock();
    const api = timelineApi(clock, fleet(2, 1), { regionOf: { [id(0)]: 'ap-guangzhou', [id(1)]: 'ap-shanghai' } });
    const result = await runCli(
      ['invocations', 'wait', id(0), id(1), '--region', 'ap-guangzhou,ap-shanghai', '--max-wait', '1m'],
      { fetch: api.fetch, clock },
    );
    expect(result.code).toBe(6);
    expect(hinted(result.stderr, 'Wait longer with')).toBe(
      `tat invocations wait ${id(1)} --region ap-shanghai --max-wait 30m`,
    );
  });
});

describe('--ids-from', () => {
  const setup = () => {
    const clock = fakeClock();
    return { clock, api: timelineApi(clock, fleet(3, 3)) };
  };

  it('reads ids from stdin (one a line, # comments, commas), with the ones given as arguments', async () => {
    const { clock, api } = setup();
    const result = await runCli(['invocations', 'wait', id(0), '--ids-from', '-', '-o', 'tsv'], {
      fetch: api.fetch,
      clock,
      stdin: `# from the deploy\n${id(1)}, ${id(0)}\n\n${id(2)}\n`,
    });
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((row) => row.split('\t')[0]),
    ).toEqual([id(0), id(1), id(2)]);
  });

  it.each([
    [['--ids-from', '-'], 'inv-00000000\nnot-an-id\n', "--ids-from stdin line 2: 'not-an-id' is not an invocation id"],
    [['--ids-from', '-'], '# nothing\n', '--ids-from stdin holds no invocation id'],
    [
      ['--ids-from', '/nonexistent/ids.txt'],
      undefined,
      "--ids-from '/nonexistent/ids.txt' cannot be read (no such file)",
    ],
    [[], undefined, 'no invocation id given'],
  ])('refuses %j before any request (exit 2)', async (args, stdin, message) => {
    const { clock, api } = setup();
    const result = await runCli(['invocations', 'wait', ...args], { fetch: api.fetch, clock, stdin });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(api.calls).toHaveLength(0);
  });
});
