import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { regionalApi } from '../helpers/regional-api.js';
import { timelineApi } from '../helpers/wait-api.js';

/**
 * Server text reaching stderr through every error path: a region that fails (listing, get, wait
 * piped and under the live view), one region's failure reported by main, --debug lines. The
 * error code carries an OSC title change, a screen clear, a C1 CSI and a BEL; none may reach
 * the terminal raw (issue 19.6). What tat draws itself (the live view's cursor moves and colours)
 * is taken out first; nothing else may be a control sequence.
 */

const HOSTILE = 'Internal\u001b]0;pwned\u0007\u001b[2J\u009b31mError';
const SHOWN = 'Internal\\x1b]0;pwned\\x07\\x1b[2J\\u009b31mError';
const GZ = 'ap-guangzhou';
const SH = 'ap-shanghai';

/** stderr without tat's own sequences (src/cli/terminal/ansi.ts): what is left must be plain text. */
function foreign(stderr: string): string[] {
  // eslint-disable-next-line no-control-regex
  const own = stderr.replace(/\r|\x1b[78]|\x1b\[(?:\d*[AB]|2K|K|\?25[lh]|\d+m)/g, '');
  // eslint-disable-next-line no-control-regex
  return [...own.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)].map((match) => JSON.stringify(match[0]));
}

const A = 'inv-aaaaaaaa';
const B = 'inv-bbbbbbbb';

function waitApi(failing: Record<string, { code: string; after?: number }>) {
  const clock = fakeClock();
  const api = timelineApi(
    clock,
    {
      [A]: [
        [0, 'RUNNING', ['RUNNING']],
        [3000, 'SUCCESS', ['SUCCESS']],
      ],
      [B]: [[0, 'RUNNING', ['RUNNING']]],
    },
    { regionOf: { [A]: GZ, [B]: SH }, failing },
  );
  return { fetch: api.fetch, clock };
}

describe('server text on stderr, through every error path', () => {
  it.each([
    ['wait across regions, piped', ['invocations', 'wait', A, B, '--region', `${GZ},${SH}`], {}],
    [
      'wait across regions, under the live view',
      ['invocations', 'wait', A, B, '--region', `${GZ},${SH}`],
      { stderrTTY: true, rows: 20 },
    ],
    [
      'wait across regions, live view and records on the same terminal',
      ['invocations', 'wait', A, B, '--region', `${GZ},${SH}`, '-o', 'ndjson'],
      { stderrTTY: true, stdoutTTY: true, rows: 20 },
    ],
    [
      'get --wait across regions',
      ['invocations', 'get', A, B, '--wait', '--region', `${GZ},${SH}`],
      { stderrTTY: true },
    ],
  ] as const)('%s: a failed region is named with its error made visible', async (_name, argv, options) => {
    const { fetch, clock } = waitApi({ [SH]: { code: HOSTILE, after: 2 } });
    const result = await runCli([...argv], { fetch, clock, ...options });
    expect(result.code).toBe(1);
    // Whichever request the region failed on (the live view also fetches tasks).
    expect(result.stderr).toMatch(
      new RegExp(`error: region ${SH}: Describe\\w+ failed: ${SHOWN.replace(/[\\[\]]/g, '\\$&')}`),
    );
    expect(foreign(result.stderr)).toEqual([]);
  });

  it.each([
    ['list', ['invocations', 'list', '--region', `${GZ},${SH}`]],
    ['get', ['invocations', 'get', 'inv-aaaaaaaa', '--region', `${GZ},${SH}`]],
    ['list on a terminal', ['invocations', 'list', '--region', `${GZ},${SH}`]],
  ] as const)('%s across regions: the failed region is named with its error made visible', async (name, argv) => {
    const api = regionalApi({
      invocations: {
        [GZ]: [
          {
            InvocationId: 'inv-aaaaaaaa',
            InvocationStatus: 'SUCCESS',
            CreatedTime: '2026-01-01T00:00:00Z',
            InvocationTaskBasicInfoSet: [],
          },
        ],
      },
      failing: { [SH]: HOSTILE },
    });
    const tty = name.endsWith('terminal');
    const result = await runCli([...argv], { fetch: api.fetch, stderrTTY: tty, stdoutTTY: tty });
    expect(result.stderr).toContain(SHOWN);
    expect(foreign(result.stderr)).toEqual([]);
  });

  it.each([
    ['the final error (main)', []],
    ['--debug lines', ['--debug']],
  ])('%s: made visible', async (_name, extra) => {
    const api = regionalApi({ failing: { [GZ]: HOSTILE } });
    const result = await runCli(['invocations', 'list', ...extra], { fetch: api.fetch, stderrTTY: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(SHOWN);
    expect(foreign(result.stderr)).toEqual([]);
  });
});
