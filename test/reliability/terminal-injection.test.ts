import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, run, tat, TAT } from '../helpers/spawn.js';

/**
 * A server that writes terminal control sequences into every string it returns: an OSC title
 * change, a screen clear, a C1 CSI (U+009B), a bidi override. On a real pseudo-terminal none of
 * them may reach the screen raw, in errors, notices, tables, detail views or `-o content`; piped,
 * `-o content` stays byte-exact.
 */

const OSC_TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J';
const C1_CSI = '\u009b31m';
const BIDI = '\u202e';
const HOSTILE = `${OSC_TITLE}${CLEAR}${C1_CSI}${BIDI}x`;
/** Every raw sequence above, which a terminal would act on. */
const RAW = [OSC_TITLE, '\u001b]', CLEAR, '\u009b', BIDI, '\u0007'];
const SCRIPT = `echo hi${OSC_TITLE}\n${CLEAR}printf done${C1_CSI}\n`;

const record = {
  InvocationId: `inv-aaaa${HOSTILE}`,
  CommandId: 'cmd-aaaa',
  CommandName: `name${HOSTILE}`,
  CommandContent: Buffer.from(SCRIPT).toString('base64'),
  InvocationStatus: `SUCCESS${HOSTILE}`,
  Description: `desc${HOSTILE}`,
  Parameters: JSON.stringify({ key: `v${HOSTILE}` }),
  InvocationTaskBasicInfoSet: [
    { InvocationTaskId: `invt-${HOSTILE}`, TaskStatus: `FAILED${HOSTILE}`, InstanceId: `ins-${HOSTILE}` },
  ],
  CreatedTime: `2024-01-01T00:00:00Z${HOSTILE}`,
  StartTime: '2024-01-01T00:00:00Z',
  EndTime: '2024-01-01T00:00:01Z',
  Timeout: 60,
  Username: `root${HOSTILE}`,
};

/** The task `get` fetches for its task table's EXIT CODE and ERROR columns. */
const hostileTask = {
  InvocationId: 'inv-aaaa',
  InvocationTaskId: `invt-${HOSTILE}`,
  TaskStatus: 'FAILED',
  InstanceId: 'ins-aaaa',
  TaskResult: {
    ExitCode: 1,
    Output: '',
    ExecStartTime: '2024-01-01T00:00:00Z',
    ExecEndTime: '2024-01-01T00:00:01Z',
    Dropped: 0,
    OutputUrl: '',
    OutputUploadCOSErrorInfo: '',
  },
  ErrorInfo: `oops${HOSTILE}`,
};

let server: Server;
let url: string;
let emulator: RunningEmulator;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { InvocationIds?: string[] };
      const asked = body.InvocationIds?.[0];
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // `get inv-error` is answered with a hostile API error; `get <id>` with the hostile record under
      // that id; a list with the record under a hostile id.
      if (req.headers['x-tc-action'] === 'DescribeInvocationTasks')
        res.end(JSON.stringify({ Response: { TotalCount: 1, InvocationTaskSet: [hostileTask], RequestId: 'req-2' } }));
      else if (asked === 'inv-error')
        res.end(
          JSON.stringify({
            Response: {
              Error: { Code: `InvalidParameter${HOSTILE}`, Message: `bad${HOSTILE}` },
              RequestId: `req${HOSTILE}`,
            },
          }),
        );
      else
        res.end(
          JSON.stringify({
            Response: {
              TotalCount: 1,
              InvocationSet: [{ ...record, InvocationId: asked ?? record.InvocationId }],
              RequestId: 'req-1',
            },
          }),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  emulator = await startEmulator({ port: 0, rateLimit: 0 });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await emulator.close();
});

/** Runs tat on a real pseudo-terminal (util-linux `script`); returns everything the terminal got. */
async function onTerminal(args: string[], endpoint = url): Promise<{ code: number | null; screen: string }> {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const result = await run('script', ['-qec', `stty cols 200 2>/dev/null; node ${TAT} ${quoted}`, '/dev/null'], {
    ...emulatorEnv(endpoint),
    TERM: 'xterm-256color',
  });
  return { code: result.code, screen: result.stdout };
}

function expectNothingRaw(screen: string): void {
  for (const sequence of RAW) expect(screen).not.toContain(sequence);
}

describe('server text on a real terminal', () => {
  it('an API error: Code, Message and RequestId are shown escaped', async () => {
    const { code, screen } = await onTerminal(['invocations', 'get', 'inv-error']);
    expect(code).toBe(1);
    expect(screen).toContain('InvalidParameter\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m\\u202ex: bad');
    expect(screen).toContain('RequestId req\\x1b]0;pwned');
    expectNothingRaw(screen);
  });

  it('the emulator echoing a filter value into its error message', async () => {
    const { code, screen } = await onTerminal(
      ['invocations', 'list', '--filter', `${OSC_TITLE}${C1_CSI}=x`],
      emulator.url,
    );
    expect(code).not.toBe(0);
    expect(screen).toContain('\\x1b]0;pwned\\x07\\u009b31m');
    expectNothingRaw(screen);
  });

  it('the table of a list', async () => {
    const { code, screen } = await onTerminal(['invocations', 'list']);
    expect(code).toBe(0);
    expect(screen).toContain('inv-aaaa\\x1b]0;pwned');
    expect(screen).toContain('name\\x1b]0;pwn'); // truncated to fit
    expectNothingRaw(screen);
  });

  it('the detail view of get, with its task table', async () => {
    const { code, screen } = await onTerminal(['invocations', 'get', 'inv-aaaa']);
    expect(code).toBe(0);
    expect(screen).toContain('Command content');
    expect(screen).toContain('SUCCESS\\x1b]0;pwned'); // status
    expect(screen).toContain('root\\x1b]0;pwned'); // a text field
    expect(screen).toContain('ins-\\x1b]0;pwned'); // the task table
    expect(screen).toContain('oops\\x1b]0;pw'); // its ERROR column (from DescribeInvocationTasks)
    expect(screen).toContain('"v\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m'); // parameters, pretty-printed
    expectNothingRaw(screen);
  });

  it('-o content shows the script with its control characters visible', async () => {
    const { code, screen } = await onTerminal(['invocations', 'get', 'inv-aaaa', '-o', 'content']);
    expect(code).toBe(0);
    expect(screen).toContain('echo hi\\x1b]0;pwned\\x07');
    expect(screen).toContain('printf done\\u009b31m');
    expectNothingRaw(screen);
  });

  it('--debug lines quoting the answer', async () => {
    const { screen } = await onTerminal(['invocations', 'get', 'inv-aaaa', '-o', 'json', '--debug']);
    expect(screen).toContain('[debug] < {"Response"');
    expect(screen).toContain('\\u009b31m');
    expectNothingRaw(screen);
  });
});

describe('server text in a pipe', () => {
  it('-o content is byte-exact', async () => {
    const result = await tat(['invocations', 'get', 'inv-aaaa', '-o', 'content'], emulatorEnv(url));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(SCRIPT);
  });

  it('-o json keeps the values but writes C1 controls and bidi overrides as \\u escapes', async () => {
    const result = await tat(['invocations', 'get', 'inv-aaaa', '-o', 'json'], emulatorEnv(url));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ...record, InvocationId: 'inv-aaaa' });
    expect(result.stdout).not.toContain('\u009b');
    expect(result.stdout).toContain('\\u009b31m');
  });

  it('--query results write C1 controls and bidi overrides as \\u escapes too', async () => {
    for (const format of ['json', 'ndjson']) {
      const result = await tat(
        ['invocations', 'get', 'inv-aaaa', '--query', 'CommandName', '-o', format],
        emulatorEnv(url),
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toBe(record.CommandName);
      for (const sequence of RAW) expect(result.stdout).not.toContain(sequence);
    }
  });

  it('errors on a piped stderr are escaped too', async () => {
    const result = await tat(['invocations', 'get', 'inv-error'], emulatorEnv(url));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    for (const sequence of RAW) expect(result.stderr).not.toContain(sequence);
    expect(result.stderr).toMatch(/^error: .*InvalidParameter\\x1b\]0;pwned\\x07/);
  });
});
