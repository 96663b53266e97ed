import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { chooseProvider } from '../../src/config/chain.js';
import { credentialProvider } from '../../src/config/index.js';
import { CredentialsError } from '../../src/errors.js';
import type { ConfigFlags as GlobalFlags } from '../../src/config/types.js';
import {
  ENV_CREDENTIALS,
  failure,
  harness,
  itPrintsNoSecrets,
  record,
  SECRETS,
  sdkIni,
  tccliCredential,
  writeTatConfig,
  type Harness,
} from './helpers.js';

/** The system INI file is redirected into the temp home: tests never read the real /etc. */
function paths(h: Harness) {
  return {
    ...h.paths,
    sdkCredentialFiles: [join(h.home, '.tencentcloud/credentials'), join(h.home, 'etc/tencentcloud/credentials')],
  };
}

async function resolve(h: Harness, flags: GlobalFlags = {}) {
  const debug: string[] = [];
  const provider = await chooseProvider(flags, h.deps, paths(h), (line) => debug.push(line));
  const credentials = await provider();
  for (const line of debug) record(line);
  return { ...credentials, debug };
}

/** Every source at once; each test removes what it does not want. */
function everySource(h: Harness, profile = 'default'): void {
  writeTatConfig(h, { [profile]: { 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key } });
  h.write('.tencentcloud/credentials', sdkIni(profile, SECRETS.sdk));
  h.write('etc/tencentcloud/credentials', sdkIni(profile, SECRETS.etc));
  h.write(`.tccli/${profile}.credential`, tccliCredential(SECRETS.tccli));
}

describe('each source of the chain, with its name', () => {
  it('environment, with TENCENTCLOUD_SESSION_TOKEN', async () => {
    const h = harness({ env: { ...ENV_CREDENTIALS, TENCENTCLOUD_SESSION_TOKEN: SECRETS.env.token } });
    await expect(resolve(h)).resolves.toMatchObject({
      secretId: SECRETS.env.id,
      secretKey: SECRETS.env.key,
      token: SECRETS.env.token,
      source: 'environment',
    });
  });

  it("environment, with tccli's TENCENTCLOUD_TOKEN", async () => {
    const h = harness({ env: { ...ENV_CREDENTIALS, TENCENTCLOUD_TOKEN: SECRETS.env.token } });
    await expect(resolve(h)).resolves.toMatchObject({ token: SECRETS.env.token, source: 'environment' });
  });

  it('the tat profile', async () => {
    const h = harness();
    writeTatConfig(h, {
      default: { 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key, token: SECRETS.tat.token },
    });
    await expect(resolve(h)).resolves.toMatchObject({
      secretId: SECRETS.tat.id,
      secretKey: SECRETS.tat.key,
      token: SECRETS.tat.token,
      source: 'profile "default" (~/.config/tat/config.json)',
    });
  });

  it('the SDK INI file in the home folder', async () => {
    const h = harness();
    h.write(
      '.tencentcloud/credentials',
      `# comment\n[other]\nsecret_id = x\n\n[default]\nsecret_id = ${SECRETS.sdk.id}\nSECRET_KEY="${SECRETS.sdk.key}"\ntoken=${SECRETS.sdk.token}\n`,
    );
    await expect(resolve(h)).resolves.toMatchObject({
      secretId: SECRETS.sdk.id,
      secretKey: SECRETS.sdk.key,
      token: SECRETS.sdk.token,
      source: '~/.tencentcloud/credentials [default]',
    });
  });

  it('the system SDK INI file when the home one lacks the section', async () => {
    const h = harness();
    h.write('.tencentcloud/credentials', sdkIni('other', SECRETS.sdk));
    h.write('etc/tencentcloud/credentials', sdkIni('default', SECRETS.etc));
    const found = await resolve(h);
    expect(found).toMatchObject({ secretId: SECRETS.etc.id, secretKey: SECRETS.etc.key });
    expect(found.source).toMatch(/etc\/tencentcloud\/credentials \[default\]$/);
  });

  it('the tccli credential file', async () => {
    const h = harness();
    h.write('.tccli/default.credential', tccliCredential(SECRETS.tccli));
    await expect(resolve(h)).resolves.toMatchObject({
      secretId: SECRETS.tccli.id,
      secretKey: SECRETS.tccli.key,
      token: SECRETS.tccli.token,
      source: '~/.tccli/default.credential',
    });
  });

  it('names the source on --debug, without the secret', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    const { debug } = await resolve(h);
    expect(debug).toEqual(['credentials: environment']);
  });
});

describe('first match wins', () => {
  it('environment beats the tat profile, SDK and tccli files', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    everySource(h);
    await expect(resolve(h)).resolves.toMatchObject({ secretId: SECRETS.env.id, source: 'environment' });
  });

  it('tat profile beats SDK and tccli files', async () => {
    const h = harness();
    everySource(h);
    await expect(resolve(h)).resolves.toMatchObject({ secretId: SECRETS.tat.id });
  });

  it('home SDK file beats the system one and tccli', async () => {
    const h = harness();
    everySource(h);
    writeTatConfig(h, { default: { region: 'ap-guangzhou' } });
    await expect(resolve(h)).resolves.toMatchObject({ secretId: SECRETS.sdk.id });
  });

  it('system SDK file beats tccli', async () => {
    const h = harness();
    h.write('etc/tencentcloud/credentials', sdkIni('default', SECRETS.etc));
    h.write('.tccli/default.credential', tccliCredential(SECRETS.tccli));
    await expect(resolve(h)).resolves.toMatchObject({ secretId: SECRETS.etc.id });
  });
});

describe('explicit profile selection', () => {
  it('--profile beats the environment (as aws --profile does)', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    everySource(h, 'prod');
    await expect(resolve(h, { profile: 'prod' })).resolves.toMatchObject({
      secretId: SECRETS.tat.id,
      source: 'profile "prod" (~/.config/tat/config.json)',
    });
  });

  it('TAT_PROFILE is explicit too', async () => {
    const h = harness({ env: { ...ENV_CREDENTIALS, TAT_PROFILE: 'prod' } });
    h.write('.tencentcloud/credentials', sdkIni('prod', SECRETS.sdk));
    await expect(resolve(h)).resolves.toMatchObject({
      secretId: SECRETS.sdk.id,
      source: '~/.tencentcloud/credentials [prod]',
    });
  });

  it('an explicit profile reads the SDK section and tccli file of that name', async () => {
    const h = harness();
    h.write('.tccli/prod.credential', tccliCredential(SECRETS.tccli));
    h.write('.tccli/default.credential', tccliCredential(SECRETS.sdk));
    await expect(resolve(h, { profile: 'prod' })).resolves.toMatchObject({
      secretId: SECRETS.tccli.id,
      source: '~/.tccli/prod.credential',
    });
  });

  it('an explicit profile without keys is an error, not a fall-through to the environment', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    writeTatConfig(h, { prod: { region: 'ap-tokyo' } });
    const error = await failure(resolve(h, { profile: 'prod' }));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain('profile "prod" has no credentials');
    expect(error.hint).toContain('credential-source env');
  });

  it('--profile default when no default profile exists anywhere behaves like no --profile', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    await expect(resolve(h, { profile: 'default' })).resolves.toMatchObject({ source: 'environment' });
  });
});

describe('credential-source', () => {
  it('env: the environment even for a named profile with keys', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    writeTatConfig(h, {
      prod: { 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key, 'credential-source': 'env' },
    });
    await expect(resolve(h, { profile: 'prod' })).resolves.toMatchObject({ source: 'environment' });
  });

  it('env without the variables is an error naming the profile', async () => {
    const h = harness();
    writeTatConfig(h, { default: { 'credential-source': 'env' } });
    const error = await failure(resolve(h));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('credential-source env');
  });

  it('profile: the profile even when the environment has keys', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    writeTatConfig(h, {
      default: { 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key, 'credential-source': 'profile' },
    });
    await expect(resolve(h)).resolves.toMatchObject({ secretId: SECRETS.tat.id });
  });

  it('an invalid value is reported with the file', async () => {
    const h = harness();
    writeTatConfig(h, { default: { 'credential-source': 'magic' } });
    const error = await failure(resolve(h));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('~/.config/tat/config.json');
  });
});

describe('partial credentials are errors that name the source', () => {
  const cases: [string, (h: Harness) => void, string][] = [
    ['environment', (h) => void h, 'environment'],
    [
      'tat profile',
      (h) => writeTatConfig(h, { default: { 'secret-id': SECRETS.tat.id } }),
      'profile "default" (~/.config/tat/config.json)',
    ],
    [
      'SDK file',
      (h) => h.write('.tencentcloud/credentials', `[default]\nsecret_id = ${SECRETS.sdk.id}\n`),
      '~/.tencentcloud/credentials [default]',
    ],
    [
      'tccli file',
      (h) => h.write('.tccli/default.credential', JSON.stringify({ secretId: SECRETS.tccli.id })),
      '~/.tccli/default.credential',
    ],
  ];
  for (const [name, setup, source] of cases) {
    it(name, async () => {
      const h = harness({ env: name === 'environment' ? { TENCENTCLOUD_SECRET_ID: SECRETS.env.id } : {} });
      setup(h);
      h.write('.tccli/other.credential', tccliCredential(SECRETS.tccli));
      const error = await failure(resolve(h));
      expect(error).toBeInstanceOf(CredentialsError);
      expect(error.message).toContain(`incomplete credentials in ${source}`);
    });
  }

  it('a key without an id in the environment', async () => {
    const h = harness({ env: { TENCENTCLOUD_SECRET_KEY: SECRETS.env.key } });
    const error = await failure(resolve(h));
    expect(error.message).toBe(
      'incomplete credentials in environment: TENCENTCLOUD_SECRET_KEY is set but TENCENTCLOUD_SECRET_ID is not',
    );
  });

  it('a token alone in the environment is ignored', async () => {
    const h = harness({ env: { TENCENTCLOUD_TOKEN: SECRETS.env.token } });
    writeTatConfig(h, { default: { 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key } });
    await expect(resolve(h)).resolves.toMatchObject({ secretId: SECRETS.tat.id });
  });
});

describe('nothing found', () => {
  it('is a CredentialsError (exit 4) listing how to provide credentials', async () => {
    const h = harness();
    const error = await failure(resolve(h));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('no credentials found');
    for (const way of [
      'tat configure',
      'TENCENTCLOUD_SECRET_ID',
      '~/.tencentcloud/credentials',
      '~/.tccli/default.credential',
      '--use-cvm-role',
    ])
      expect(error.hint).toContain(way);
  });

  it('a corrupt tccli file is reported with its path', async () => {
    const h = harness();
    h.write('.tccli/default.credential', '{ not json');
    const error = await failure(resolve(h));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('~/.tccli/default.credential');
  });
});

describe('credentialProvider', () => {
  it('reads nothing until called, then keeps the chosen source', async () => {
    const h = harness();
    const provider = credentialProvider({}, h.deps);
    writeTatConfig(h, { default: { 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key } });
    await expect(provider()).resolves.toMatchObject({ secretId: SECRETS.tat.id });
    writeTatConfig(h, {});
    await expect(provider()).resolves.toMatchObject({ secretId: SECRETS.tat.id });
  });

  it('passes the source to the debug callback', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    const lines: string[] = [];
    await credentialProvider({}, h.deps, (line) => lines.push(line))();
    expect(lines).toEqual(['credentials: environment']);
  });
});

itPrintsNoSecrets();
