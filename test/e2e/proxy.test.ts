import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { startProxy } from '../helpers/proxy-server.js';
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
    const result = await tat(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], emulatorEnv(emulator.url, { HTTP_PROXY: proxy.url }));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(proxy.seen.length).toBeGreaterThan(before);
    expect(proxy.seen.slice(before).join('\n')).toContain(new URL(emulator.url).host);
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    const before = proxy.seen.length;
    const result = await tat(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], emulatorEnv(emulator.url, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }));
    expect(result.code).toBe(0);
    expect(proxy.seen.length).toBe(before);
  });
});
