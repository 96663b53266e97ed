import { describe, expect, it } from '@jest/globals';
import { chooseProvider } from '../../src/config/chain.js';
import { cvmRoleProvider, METADATA_URL, REFRESH_MARGIN_MS } from '../../src/config/sources/cvm-role.js';
import { CredentialsError } from '../../src/errors.js';
import type { Fetch } from '../../src/deps.js';
import { ENV_CREDENTIALS, failure, harness, itPrintsNoSecrets, SECRETS, writeTatConfig } from './helpers.js';

const START = Date.UTC(2026, 10, 28, 12, 0, 0);
const HOUR = 3_600_000;

/** A metadata service: role name, then credential sets in order (each valid for one hour from the clock). */
function metadata(clock: { now(): number }, sets: { id: string; key: string; token: string }[], role = 'tat-reader') {
  const calls: string[] = [];
  let next = 0;
  const fetch: Fetch = async (input) => {
    const url = String(input);
    calls.push(url);
    if (url === METADATA_URL) return new Response(`${role}\n`);
    if (url === METADATA_URL + role) {
      const set = sets[Math.min(next++, sets.length - 1)]!;
      const expired = Math.floor((clock.now() + HOUR) / 1000);
      return Response.json({
        TmpSecretId: set.id,
        TmpSecretKey: set.key,
        Token: set.token,
        ExpiredTime: expired,
        Expiration: new Date(expired * 1000).toISOString(),
        Code: 'Success',
      });
    }
    return new Response('not found', { status: 404 });
  };
  return { fetch, calls };
}

function clock() {
  let now = START;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('CVM role', () => {
  it('is used with --use-cvm-role, even when the environment has keys', async () => {
    const c = clock();
    const m = metadata(c, [SECRETS.cvm]);
    const h = harness({ env: ENV_CREDENTIALS, fetch: m.fetch, now: c.now });
    const credentials = await (await chooseProvider({ useCvmRole: true }, h.deps, h.paths))();
    expect(credentials).toEqual({
      secretId: SECRETS.cvm.id,
      secretKey: SECRETS.cvm.key,
      token: SECRETS.cvm.token,
      source: 'cvm-role (role tat-reader)',
      expiresAt: START + HOUR,
    });
    expect(m.calls).toEqual([METADATA_URL, `${METADATA_URL}tat-reader`]);
  });

  it('is used with credential-source cvm-role in the profile', async () => {
    const c = clock();
    const m = metadata(c, [SECRETS.cvm]);
    const h = harness({ fetch: m.fetch, now: c.now });
    writeTatConfig(h, { 'on-cvm': { 'credential-source': 'cvm-role', region: 'ap-guangzhou' } });
    const credentials = await (await chooseProvider({ profile: 'on-cvm' }, h.deps, h.paths))();
    expect(credentials.source).toBe('cvm-role (role tat-reader)');
  });

  it('is never contacted otherwise', async () => {
    const h = harness(); // its fetch fails the test on any call
    const error = await failure((async () => (await chooseProvider({}, h.deps, h.paths))())());
    expect(error.message).toBe('no credentials found');
  });

  it('caches the credentials and refreshes them before they expire', async () => {
    const c = clock();
    const m = metadata(c, [SECRETS.cvm, SECRETS.cvm2]);
    const provider = cvmRoleProvider({ fetch: m.fetch, now: c.now, signal: new AbortController().signal });
    expect((await provider()).secretId).toBe(SECRETS.cvm.id);
    c.advance(HOUR - REFRESH_MARGIN_MS - 1);
    expect((await provider()).secretId).toBe(SECRETS.cvm.id);
    expect(m.calls).toHaveLength(2);
    c.advance(1);
    const refreshed = await provider();
    expect(refreshed.secretId).toBe(SECRETS.cvm2.id);
    expect(refreshed.token).toBe(SECRETS.cvm2.token);
    // The role name is asked once; the credentials twice.
    expect(m.calls).toEqual([METADATA_URL, `${METADATA_URL}tat-reader`, `${METADATA_URL}tat-reader`]);
  });

  it('shares one refresh between concurrent callers', async () => {
    const c = clock();
    const m = metadata(c, [SECRETS.cvm]);
    const provider = cvmRoleProvider({ fetch: m.fetch, now: c.now, signal: new AbortController().signal });
    await Promise.all([provider(), provider(), provider()]);
    expect(m.calls).toHaveLength(2);
  });

  it('keeps unexpired credentials when a refresh fails', async () => {
    const c = clock();
    const m = metadata(c, [SECRETS.cvm]);
    let down = false;
    const fetch: Fetch = (input, init) =>
      down ? Promise.reject(new Error('connect ECONNREFUSED')) : m.fetch(input, init);
    const provider = cvmRoleProvider({ fetch, now: c.now, signal: new AbortController().signal });
    await provider();
    down = true;
    c.advance(HOUR - 60_000);
    expect((await provider()).secretId).toBe(SECRETS.cvm.id);
    c.advance(60_000);
    const error = await failure(provider());
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('could not be reached');
  });

  it('gives up after a short timeout off a CVM', async () => {
    const hang: Fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const provider = cvmRoleProvider(
      { fetch: hang, now: Date.now, signal: new AbortController().signal },
      { timeoutMs: 20 },
    );
    const error = await failure(provider());
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('cvm-role: the metadata service (metadata.tencentyun.com) did not answer within 20 ms');
  });

  it('reports an instance without a role', async () => {
    const fetch: Fetch = async () => new Response('', { status: 404 });
    const error = await failure(cvmRoleProvider({ fetch, now: Date.now, signal: new AbortController().signal })());
    expect(error.message).toContain('has no CAM role for this instance');
  });

  it('reports a refusal from the metadata service', async () => {
    const fetch: Fetch = async (input) =>
      String(input) === METADATA_URL ? new Response('role') : Response.json({ Code: 'Failure' });
    const error = await failure(cvmRoleProvider({ fetch, now: Date.now, signal: new AbortController().signal })());
    expect(error.message).toContain('did not give credentials for role role (Code Failure)');
  });

  it('reports credentials that are JSON null as a refusal, not a crash', async () => {
    const fetch: Fetch = async (input) =>
      String(input) === METADATA_URL ? new Response('role') : new Response('null');
    const error = await failure(cvmRoleProvider({ fetch, now: Date.now, signal: new AbortController().signal })());
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('did not give credentials for role role');
  });

  it('is shown in tat configure list', async () => {
    const c = clock();
    const m = metadata(c, [SECRETS.cvm]);
    const h = harness({ fetch: m.fetch, now: c.now });
    expect(await h.run('configure', 'list', '--use-cvm-role')).toBe(0);
    expect(h.stdout.text()).toContain('credentials\tcvm-role (role tat-reader)\texpires 2026-11-28T13:00:00.000Z\n');
    expect(h.stdout.text()).toContain('secret-id\tAKID****gggg\tcvm-role (role tat-reader)\n');
  });
});

itPrintsNoSecrets();
