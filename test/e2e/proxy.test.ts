import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { startBrokenProxy, startProxy, type ProxyMisbehaviour } from '../helpers/proxy-server.js';
import { emulatorEnv, tat } from '../helpers/spawn.js';

let emulator: RunningEmulator;
let proxy: Awaited<ReturnType<typeof startProxy>>;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 0 });
  proxy = await startProxy();
});
afterAll(async () => {
  await emulator.close();
  await proxy.close();
});

describe('proxies (HTTP_PROXY, HTTPS_PROXY, NO_PROXY)', () => {
  it('sends requests through HTTP_PROXY when it is set', async () => {
    const before = proxy.seen.length;
    const result = await tat(
      ['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'],
      emulatorEnv(emulator.url, { HTTP_PROXY: proxy.url }),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(proxy.seen.length).toBeGreaterThan(before);
    expect(proxy.seen.slice(before).join('\n')).toContain(new URL(emulator.url).host);
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    const before = proxy.seen.length;
    const result = await tat(
      ['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'],
      emulatorEnv(emulator.url, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }),
    );
    expect(result.code).toBe(0);
    expect(proxy.seen.length).toBe(before);
  });

  it('asks the CVM metadata service directly, never through the proxy', async () => {
    const before = proxy.seen.length;
    const result = await tat(
      ['invocations', 'list', '--use-cvm-role', '--max-attempts', '1'],
      emulatorEnv(emulator.url, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }),
    );
    // Off a CVM the metadata host does not resolve or answer: the failure is the metadata service's own.
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('metadata service');
    expect(proxy.seen.slice(before).join('\n')).not.toMatch(/metadata|169\.254/);
  });
});

describe('a proxy that fails is named in the error, not the endpoint behind it', () => {
  const endpointNamed = /nothing is listening at 127\.0\.0\.1:\d+ \(is the emulator running/i;

  it('a proxy that refuses the connection', async () => {
    const refusing = await startProxy();
    await refusing.close();
    const result = await tat(
      ['invocations', 'list', '--max-attempts', '1'],
      emulatorEnv(emulator.url, { HTTP_PROXY: refusing.url }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `through the proxy ${refusing.url} failed: nothing is listening at the proxy (ECONNREFUSED)`,
    );
    expect(result.stderr).toContain('HTTPS_PROXY / HTTP_PROXY');
    expect(result.stderr).not.toMatch(endpointNamed);
  });

  it.each([
    [407 as ProxyMisbehaviour, /the proxy requires authentication \(HTTP 407\)\n.*user:password@/],
    [403 as ProxyMisbehaviour, /the proxy refused to connect to 127\.0\.0\.1:\d+ \(HTTP 403\)\n.*NO_PROXY/],
  ])('a proxy that answers CONNECT with %s', async (status, message) => {
    const broken = await startBrokenProxy(status);
    try {
      const result = await tat(['invocations', 'list'], emulatorEnv(emulator.url, { HTTP_PROXY: broken.url }));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`through the proxy ${broken.url} failed`);
      expect(result.stderr).toMatch(message);
      // Refused is final: one CONNECT, no retries.
      expect(broken.seen).toHaveLength(1);
    } finally {
      await broken.close();
    }
  });

  it('a proxy that drops every CONNECT: one CONNECT per attempt, no reconnect loop, and the run ends', async () => {
    const broken = await startBrokenProxy('drop');
    try {
      const result = await tat(
        ['invocations', 'list', '--max-attempts', '3'],
        emulatorEnv(emulator.url, { HTTP_PROXY: broken.url }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `through the proxy ${broken.url} failed: the proxy closed the connection without answering (ECONNRESET) (gave up after 3 attempts)`,
      );
      expect(broken.seen.filter((line) => line.startsWith('CONNECT'))).toHaveLength(3);
    } finally {
      await broken.close();
    }
  });
});
