import { nodeFetch } from '../../src/http.js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BASE_ENV, runCli } from '../helpers/cli.js';

/**
 * Servers that misbehave in every way we could think of. Each must end in exit 1 with one clear
 * error (no stack trace) and nothing on stdout, never a hang or a crash.
 */

let servers: Server[] = [];
afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => req.resume().on('end', () => handler(req, res)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function listAgainst(url: string, extra: string[] = []) {
  return runCli(['invocations', 'list', '-o', 'json', '--max-attempts', '2', ...extra], {
    env: { ...BASE_ENV, TAT_ENDPOINT: url },
    fetch: nodeFetch(),
  });
}

const validBody = JSON.stringify({
  Response: { TotalCount: 0, InvocationSet: [], RequestId: 'r', Padding: 'x'.repeat(2000) },
});

describe('hostile or broken servers', () => {
  it.each([
    ['an empty body', (_q: IncomingMessage, s: ServerResponse) => s.end(), /not JSON: \(empty body\)/],
    [
      'an HTML page',
      (_q: IncomingMessage, s: ServerResponse) => s.end('<html><h1>Welcome to nginx</h1></html>'),
      /not JSON: "<html><h1>Welcome to nginx/,
    ],
    [
      'truncated JSON',
      (_q: IncomingMessage, s: ServerResponse) => s.end('{"Response": {"TotalCount": 3, "Invoc'),
      /not JSON/,
    ],
    [
      'JSON without Response',
      (_q: IncomingMessage, s: ServerResponse) => s.end('{"data": []}'),
      /without a "Response" object/,
    ],
    [
      'a Response of the wrong types',
      (_q: IncomingMessage, s: ServerResponse) => s.end('{"Response": {"TotalCount": "many", "InvocationSet": {}}}'),
      /malformed response: TotalCount is "many"/,
    ],
    [
      'records without ids',
      (_q: IncomingMessage, s: ServerResponse) =>
        s.end('{"Response": {"TotalCount": 1, "InvocationSet": [{"Foo": 1}]}}'),
      /InvocationSet\[0\] has no InvocationId/,
    ],
    [
      'records with a number or object where text belongs',
      (_q: IncomingMessage, s: ServerResponse) =>
        s.end(
          '{"Response": {"TotalCount": 1, "InvocationSet": [{"InvocationId": "inv-aaaaaaaa", "InvocationStatus": 42, "CommandName": {"x": 1}}]}}',
        ),
      /InvocationSet\[0\] \(inv-aaaaaaaa\)\.CommandName is an object, not text/,
    ],
    [
      'records whose task list is not a list',
      (_q: IncomingMessage, s: ServerResponse) =>
        s.end(
          '{"Response": {"TotalCount": 1, "InvocationSet": [{"InvocationId": "inv-aaaaaaaa", "InvocationStatus": "SUCCESS", "InvocationTaskBasicInfoSet": "x"}]}}',
        ),
      /InvocationSet\[0\] \(inv-aaaaaaaa\)\.InvocationTaskBasicInfoSet is "x", not a list$/m,
    ],
    [
      'a malformed error',
      (_q: IncomingMessage, s: ServerResponse) => s.end('{"Response": {"Error": "nope"}}'),
      /malformed error/,
    ],
    [
      'a 502 gateway page',
      (_q: IncomingMessage, s: ServerResponse) => s.writeHead(502).end('<html>502 Bad Gateway</html>'),
      /HTTP 502 .*502 Bad Gateway.*gave up after 2 attempts/,
    ],
    [
      'a redirect',
      (_q: IncomingMessage, s: ServerResponse) => s.writeHead(302, { Location: 'http://127.0.0.1:1/' }).end(),
      /redirect \(HTTP 302 to http:\/\/127.0.0.1:1\/\)/,
    ],
    [
      'a reset connection',
      (q: IncomingMessage) => q.socket.destroy(),
      /failed: the connection (was reset|closed before the answer was complete) \((ECONNRESET|UND_ERR_SOCKET)\).*gave up after 2 attempts/,
    ],
    [
      'a close in the middle of the body',
      (_q: IncomingMessage, s: ServerResponse) => {
        s.writeHead(200, { 'Content-Length': String(validBody.length) });
        s.write(validBody.slice(0, 100));
        setImmediate(() => s.socket?.destroy());
      },
      /failed: the connection closed before the answer was complete \((UND_ERR_SOCKET|ECONNRESET)\) \(gave up after 2 attempts\)/,
    ],
  ])('%s', async (_name, handler, message) => {
    const result = await listAgainst(await serve(handler));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  // A task's nested objects are read by the task table, the detail view and `invocations output`:
  // a wrong type there printed a blank exit code or no output at all, with exit 0.
  it.each([
    [
      'an exit code that is text',
      '{"TaskResult": {"ExitCode": "zero"}}',
      /InvocationTaskSet\[0\] \(invt-aaaaaaaa\)\.TaskResult\.ExitCode is "zero", not a number/,
    ],
    ['an output that is a number', '{"TaskResult": {"Output": 12}}', /\.TaskResult\.Output is number 12, not text/],
    ['a command document that is text', '{"CommandDocument": "doc"}', /\.CommandDocument is "doc", not an object/],
    ['a task result that is a list', '{"TaskResult": [1]}', /\.TaskResult is a list \(1 items\), not an object/],
    // Issue 23.8: every view reads a task's status and instance (a line starts with the instance).
    ['no TaskStatus', '{"TaskStatus": null}', /\(invt-aaaaaaaa\)\.TaskStatus is missing/],
    ['a TaskStatus that is a number', '{"TaskStatus": 5}', /\(invt-aaaaaaaa\)\.TaskStatus is number 5, not text/],
    ['no InstanceId', '{"InstanceId": null}', /\(invt-aaaaaaaa\)\.InstanceId is missing/],
  ])('tasks with %s', async (_name, fields, message) => {
    const task = {
      InvocationTaskId: 'invt-aaaaaaaa',
      InvocationId: 'inv-aaaaaaaa',
      TaskStatus: 'SUCCESS',
      InstanceId: 'ins-aaaaaaaa',
      ...JSON.parse(fields),
    };
    const url = await serve((_q, s) =>
      s.end(JSON.stringify({ Response: { TotalCount: 1, InvocationTaskSet: [task], RequestId: 'r' } })),
    );
    for (const format of ['json', 'tsv', 'content']) {
      const args =
        format === 'content' ? ['tasks', 'get', 'invt-aaaaaaaa', '-o', 'content'] : ['tasks', 'list', '-o', format];
      const result = await runCli([...args, '--max-attempts', '1'], {
        env: { ...BASE_ENV, TAT_ENDPOINT: url },
        fetch: nodeFetch(),
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  // Issue 23.8: list, get and wait at a terminal upper-cased each basic task's status (`toUpperCase is not a function`).
  it.each([
    [
      'a TaskStatus that is a number',
      '{"TaskStatus": 5}',
      /InvocationTaskBasicInfoSet\[0\]\.TaskStatus is number 5, not text/,
    ],
    ['no TaskStatus', '{}', /InvocationTaskBasicInfoSet\[0\]\.TaskStatus is missing/],
    ['no InstanceId', '{"InstanceId": null}', /InvocationTaskBasicInfoSet\[0\]\.InstanceId is missing/],
  ])('invocations whose basic task info has %s', async (_name, fields, message) => {
    const basic = {
      InvocationTaskId: 'invt-aaaaaaaa',
      InstanceId: 'ins-aaaaaaaa',
      TaskStatus: 'SUCCESS',
      ...JSON.parse(fields),
    };
    if (Object.keys(JSON.parse(fields)).length === 0) delete basic.TaskStatus;
    const invocation = {
      InvocationId: 'inv-aaaaaaaa',
      InvocationStatus: 'SUCCESS',
      InvocationTaskBasicInfoSet: [basic],
    };
    const url = await serve((_q, s) =>
      s.end(JSON.stringify({ Response: { TotalCount: 1, InvocationSet: [invocation], RequestId: 'r' } })),
    );
    for (const args of [
      ['invocations', 'list', '-o', 'tsv'],
      ['invocations', 'get', 'inv-aaaaaaaa', '-o', 'table'],
      ['invocations', 'wait', 'inv-aaaaaaaa', '--exit-status'],
    ]) {
      const result = await runCli([...args, '--max-attempts', '1'], {
        env: { ...BASE_ENV, TAT_ENDPOINT: url },
        fetch: nodeFetch(),
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/unexpected|\n\s+at /);
    }
  });

  it('a task Output of 6 million base64 characters is checked and printed whole (it overflowed the stack from 4.47 million)', async () => {
    const bytes = Buffer.alloc(4_500_000, 'tat output line\n');
    const task = {
      InvocationTaskId: 'invt-aaaaaaaa',
      InvocationId: 'inv-aaaaaaaa',
      TaskStatus: 'SUCCESS',
      InstanceId: 'ins-aaaaaaaa',
      TaskResult: { ExitCode: 0, Output: bytes.toString('base64') },
    };
    expect(task.TaskResult.Output.length).toBe(6_000_000);
    const url = await serve((_q, s) =>
      s.end(JSON.stringify({ Response: { TotalCount: 1, InvocationTaskSet: [task], RequestId: 'r' } })),
    );
    const result = await runCli(['tasks', 'get', 'invt-aaaaaaaa', '-o', 'content'], {
      env: { ...BASE_ENV, TAT_ENDPOINT: url },
      fetch: nodeFetch(),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBe(bytes.length);
    expect(result.stdout).toBe(bytes.toString('utf8'));
  });

  it('an endpoint without a scheme (https implied) that speaks plain HTTP', async () => {
    const host = new URL(await serve((_q, s) => s.end(validBody))).host;
    const result = await listAgainst(host);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${host} does not speak HTTPS`);
    expect(result.stderr).toContain(`--endpoint http://${host}`);
  });

  it('a server that accepts the connection and never answers', async () => {
    const url = await serve(() => undefined);
    const result = await listAgainst(url, ['--timeout', '200ms', '--max-attempts', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${new URL(url).host} did not answer within 200ms`);
    expect(result.stderr).toContain('--timeout');
  });

  it('a server that answers slowly, byte by byte, past the timeout', async () => {
    const url = await serve((_q, s) => {
      s.writeHead(200, { 'Content-Type': 'application/json' });
      let index = 0;
      const timer = setInterval(() => {
        if (index >= validBody.length || s.destroyed) return clearInterval(timer);
        s.write(validBody[index++]);
      }, 5);
      s.on('close', () => clearInterval(timer));
    });
    const result = await listAgainst(url, ['--timeout', '300ms', '--max-attempts', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/did not answer within 300ms/);
    expect(result.stdout).toBe('');
  });

  it('a body larger than the cap is refused by its declared length, unread', async () => {
    const url = await serve((_q, s) => {
      s.writeHead(200, { 'Content-Length': String(300 * 1024 * 1024) });
      s.write('{"Response": {');
    });
    const result = await listAgainst(url, ['--max-attempts', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/larger than 64 MiB/);
  });
});
