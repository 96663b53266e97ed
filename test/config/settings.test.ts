import { describe, expect, it } from '@jest/globals';
import { requireRegion, resolveSettings } from '../../src/config/index.js';
import { resolveSettingsReport } from '../../src/config/settings.js';
import { UsageError } from '../../src/errors.js';
import type { ConfigFlags as GlobalFlags } from '../../src/config/types.js';
import {
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

const FLAGS: GlobalFlags = { region: 'ap-flag', endpoint: 'flag.example.com', output: 'json', timeout: '5s' };
const ENV = {
  TENCENTCLOUD_REGION: 'ap-env',
  TAT_ENDPOINT: 'env.example.com',
  TAT_OUTPUT: 'ndjson',
  TAT_LANGUAGE: 'en-US',
  TAT_TIMEOUT: '6s',
};
const PROFILE = {
  region: 'ap-profile',
  endpoint: 'profile.example.com',
  output: 'tsv',
  language: 'zh-CN',
  timeout: '7s',
};
const TCCLI = {
  _sys_param: { region: 'ap-tccli', output: 'json', language: 'en-US' },
  tat: { endpoint: 'tccli.example.com' },
};

function withFiles(h: Harness): Harness {
  writeTatConfig(h, { default: PROFILE });
  h.write('.tccli/default.configure', JSON.stringify(TCCLI));
  return h;
}

describe('settings precedence: flag → environment → profile (tat, then tccli) → default', () => {
  it('flags win', async () => {
    const h = withFiles(harness({ env: ENV }));
    expect(await resolveSettings(FLAGS, h.deps)).toEqual({
      profile: 'default',
      region: 'ap-flag',
      endpoint: 'flag.example.com',
      output: 'json',
      language: 'en-US',
      timeoutMs: 5000,
      maxAttempts: 5,
      rateLimit: 20,
    });
  });

  it('then the environment', async () => {
    const h = withFiles(harness({ env: ENV }));
    expect(await resolveSettings({}, h.deps)).toEqual({
      profile: 'default',
      region: 'ap-env',
      endpoint: 'env.example.com',
      output: 'ndjson',
      language: 'en-US',
      timeoutMs: 6000,
      maxAttempts: 5,
      rateLimit: 20,
    });
  });

  it('then the tat profile', async () => {
    const h = withFiles(harness());
    expect(await resolveSettings({}, h.deps)).toEqual({
      profile: 'default',
      region: 'ap-profile',
      endpoint: 'profile.example.com',
      output: 'tsv',
      language: 'zh-CN',
      timeoutMs: 7000,
      maxAttempts: 5,
      rateLimit: 20,
    });
  });

  it("then tccli's .configure (region, endpoint, language; never its output)", async () => {
    const h = harness();
    h.write('.tccli/default.configure', JSON.stringify(TCCLI));
    expect(await resolveSettings({}, h.deps)).toEqual({
      profile: 'default',
      region: 'ap-tccli',
      endpoint: 'tccli.example.com',
      language: 'en-US',
      timeoutMs: 30000,
      maxAttempts: 5,
      rateLimit: 20,
    });
  });

  it('then the defaults', async () => {
    const h = harness();
    expect(await resolveSettings({}, h.deps)).toEqual({
      profile: 'default',
      endpoint: 'https://tat.tencentcloudapi.com',
      timeoutMs: 30000,
      maxAttempts: 5,
      rateLimit: 20,
    });
  });

  it('reports where each value came from', async () => {
    const h = withFiles(harness({ env: { TAT_OUTPUT: 'json' } }));
    const { sourced } = await resolveSettingsReport({ region: 'ap-tokyo', rateLimit: '5' }, h.deps);
    expect(
      Object.fromEntries(
        ['profile', 'region', 'endpoint', 'output', 'language', 'timeout', 'max-attempts', 'rate-limit'].map((name) => [
          name,
          sourced(name as never),
        ]),
      ),
    ).toEqual({
      profile: { value: 'default', origin: 'default' },
      region: { value: 'ap-tokyo', origin: '--region' },
      endpoint: { value: 'profile.example.com', origin: 'profile "default" (~/.config/tat/config.json)' },
      output: { value: 'json', origin: 'TAT_OUTPUT' },
      language: { value: 'zh-CN', origin: 'profile "default" (~/.config/tat/config.json)' },
      timeout: { value: '7s', origin: 'profile "default" (~/.config/tat/config.json)' },
      'max-attempts': { value: '5', origin: 'default' },
      'rate-limit': { value: '5', origin: '--rate-limit' },
    });
  });

  it('one table decides what a profile may hold: timeout yes, attempts and rate no (flag only)', async () => {
    const { KEYS, SETTINGS, SETTING_NAMES } = await import('../../src/config/keys.js');
    expect(SETTING_NAMES.filter((name) => SETTINGS[name].profile)).toEqual([
      'region',
      'endpoint',
      'output',
      'language',
      'timeout',
    ]);
    expect(KEYS).toEqual([
      'secret-id',
      'secret-key',
      'token',
      'region',
      'endpoint',
      'output',
      'language',
      'timeout',
      'credential-source',
    ]);
    const h = harness();
    expect(await h.run('configure', 'set', 'rate-limit', '5')).toBe(2);
    expect(h.stderr.text()).toContain("'rate-limit' is not a configuration key");
    // A hand-written one is corruption, named, never silently used.
    writeTatConfig(h, { default: { 'rate-limit': '5' } as Record<string, string> });
    expect((await failure(resolveSettings({}, h.deps))).message).toContain(
      'profile "default" has an unknown key "rate-limit"',
    );
    // Per run, the flag is validated where the other settings are, naming it.
    const bad = await failure(resolveSettings({ maxAttempts: '0' }, harness().deps));
    expect(bad.message).toBe("--max-attempts '0' is not a whole number from 1 to 20");
    expect(await resolveSettings({ maxAttempts: '8', rateLimit: '0' }, harness().deps)).toMatchObject({
      maxAttempts: 8,
      rateLimit: 0,
    });
  });

  it('the profile comes from --profile, then TAT_PROFILE, then "default"', async () => {
    const h = harness({ env: { TAT_PROFILE: 'envprof' } });
    writeTatConfig(h, { envprof: { region: 'ap-seoul' }, flagprof: { region: 'ap-tokyo' } });
    expect(await resolveSettings({}, h.deps)).toMatchObject({ profile: 'envprof', region: 'ap-seoul' });
    expect(await resolveSettings({ profile: 'flagprof' }, h.deps)).toMatchObject({
      profile: 'flagprof',
      region: 'ap-tokyo',
    });
  });

  it('XDG_CONFIG_HOME moves the tat file', async () => {
    const h = harness({ env: {} });
    h.write('xdg/tat/config.json', JSON.stringify({ profiles: { default: { region: 'ap-mumbai' } } }));
    const moved = harness({ home: h.home, env: { XDG_CONFIG_HOME: `${h.home}/xdg` } });
    expect((await resolveSettings({}, moved.deps)).region).toBe('ap-mumbai');
    expect((await resolveSettings({}, h.deps)).region).toBeUndefined();
  });
});

describe('missing named profiles', () => {
  it('--profile nope is a usage error naming it and listing the existing ones', async () => {
    const h = harness();
    writeTatConfig(h, { default: {}, staging: {} });
    h.write('.tencentcloud/credentials', sdkIni('sdkprof', SECRETS.sdk));
    h.write('.tccli/tcprof.credential', tccliCredential(SECRETS.tccli));
    const error = await failure(resolveSettings({ profile: 'nope' }, h.deps));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('profile "nope" (from --profile) does not exist');
    expect(error.hint).toContain('Existing profiles: default, sdkprof, staging, tcprof.');
  });

  it('TAT_PROFILE=nope too', async () => {
    const h = harness({ env: { TAT_PROFILE: 'nope' } });
    const error = await failure(resolveSettings({}, h.deps));
    expect(error.message).toBe('profile "nope" (from TAT_PROFILE) does not exist');
  });

  it('a profile that exists only in the SDK or tccli files is found', async () => {
    const h = harness();
    h.write('.tencentcloud/credentials', sdkIni('sdkprof', SECRETS.sdk));
    h.write('.tccli/tcprof.configure', JSON.stringify({ _sys_param: { region: 'ap-bangkok' } }));
    await expect(resolveSettings({ profile: 'sdkprof' }, h.deps)).resolves.toMatchObject({ profile: 'sdkprof' });
    await expect(resolveSettings({ profile: 'tcprof' }, h.deps)).resolves.toMatchObject({ region: 'ap-bangkok' });
  });

  it('a profile name that could escape a folder is refused', async () => {
    const error = await failure(resolveSettings({ profile: '../x' }, harness().deps));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain("'../x' is not a valid profile name");
  });
});

describe('validation names the origin of a bad value', () => {
  const cases: [string, GlobalFlags, Record<string, string>, Record<string, string>, string][] = [
    ['flag region', { region: 'Guangzhou' }, {}, {}, "--region: region 'Guangzhou' is not a region name"],
    ['env output', {}, { TAT_OUTPUT: 'xml' }, {}, "TAT_OUTPUT: output 'xml' is not an output format"],
    [
      'profile timeout',
      {},
      {},
      { timeout: 'soon' },
      `profile "default" (~/.config/tat/config.json): timeout 'soon' is not a duration`,
    ],
    [
      'profile language',
      {},
      {},
      { language: 'fr' },
      `profile "default" (~/.config/tat/config.json): language 'fr' is not a language`,
    ],
    ['env endpoint', {}, { TAT_ENDPOINT: 'ftp://x' }, {}, 'TAT_ENDPOINT: endpoint'],
    [
      'flag region typo',
      { region: 'ap-shanghia' },
      {},
      {},
      "--region: region 'ap-shanghia' is not a region tat knows (a typo?)",
    ],
    [
      'env region typo',
      {},
      { TENCENTCLOUD_REGION: 'ap-guangzho' },
      {},
      "TENCENTCLOUD_REGION: region 'ap-guangzho' is not a region tat knows (a typo?)",
    ],
    [
      'profile region typo',
      {},
      {},
      { region: 'ap-tokio' },
      `profile "default" (~/.config/tat/config.json): region 'ap-tokio' is not a region tat knows (a typo?)`,
    ],
  ];
  for (const [name, flags, env, profile, message] of cases) {
    it(name, async () => {
      const h = harness({ env });
      writeTatConfig(h, { default: profile });
      const error = await failure(resolveSettings(flags, h.deps));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toContain(message);
    });
  }

  it('a mistyped region: did you mean the known one; an unknown one far from any is accepted', async () => {
    const h = harness();
    const error = await failure(resolveSettings({ region: 'ap-shanghia' }, h.deps));
    expect(error.hint).toMatch(/^Did you mean ap-shanghai\? Known regions: ap-guangzhou, ap-shanghai, /);
    const typo = await failure(resolveSettings({ region: 'eu-frankfort' }, h.deps));
    expect(typo.hint).toMatch(/^Did you mean eu-frankfurt\?/);
    // TAT opens regions before tat knows them: a well-formed name that is no near miss is used.
    await expect(resolveSettings({ region: 'ap-newtown' }, h.deps)).resolves.toMatchObject({ region: 'ap-newtown' });
    await expect(resolveSettings({ region: 'ap-shanghai-fsi' }, h.deps)).resolves.toMatchObject({
      region: 'ap-shanghai-fsi',
    });
  });

  it('requireRegion says how to set one', () => {
    try {
      requireRegion({ profile: 'default', endpoint: 'x', timeoutMs: 1, maxAttempts: 5, rateLimit: 20 });
      throw new Error('expected an error');
    } catch (error) {
      record((error as UsageError).hint ?? '');
      expect((error as UsageError).hint).toContain('tat configure set region');
    }
  });
});

describe('a corrupt tat file', () => {
  it('is reported with its path and how to fix it (exit 2)', async () => {
    const h = harness();
    h.write('.config/tat/config.json', '{"profiles": {');
    const error = await failure(resolveSettings({}, h.deps));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^the tat configuration file ~\/\.config\/tat\/config\.json is not valid JSON/);
    expect(error.hint).toContain('mv ~/.config/tat/config.json ~/.config/tat/config.json.broken');
  });

  it('with a wrong shape, too', async () => {
    const h = harness();
    h.write('.config/tat/config.json', JSON.stringify({ profiles: { default: { region: 42 } } }));
    const error = await failure(resolveSettings({}, h.deps));
    expect(error.message).toContain('profile "default": "region" is not a string');
  });
});

itPrintsNoSecrets();
