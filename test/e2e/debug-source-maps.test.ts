import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { emulatorEnv, tat } from '../helpers/spawn.js';

/**
 * `--debug` prints the failure's stack trace; through dist/'s source maps its frames name the
 * TypeScript sources (src/api/transport.ts:108) instead of dist/chunks/chunk-XYZ.js:3732.
 * Without --debug there is no stack at all.
 */

let server: Server;
let url: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  // A failing endpoint: every connection is dropped before any response.
  server = createServer((socket) => {
    sockets.add(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('--debug stack traces', () => {
  it('point at src/…ts frames', async () => {
    const result = await tat(['invocations', 'list', '--max-attempts', '1', '--debug'], emulatorEnv(url));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ {4}at .*\bsrc\/[\w/-]+\.ts:\d+:\d+\)?$/m);
    expect(result.stderr).not.toMatch(/^ {4}at .*\bdist\/[\w/.-]+\.js:\d+/m);
  });

  it('are not printed without --debug', async () => {
    const result = await tat(['invocations', 'list', '--max-attempts', '1'], emulatorEnv(url));
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toMatch(/^ {4}at /m);
  });
});
