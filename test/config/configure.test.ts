import { describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import {
  ENV_CREDENTIALS,
  harness,
  itPrintsNoSecrets,
  SECRETS,
  sdkIni,
  tccliCredential,
  writeTatConfig,
  type Harness,
} from './helpers.js';

const stored = (h: Harness): Record<string, Record<string, string>> =>
  (JSON.parse(readFileSync(h.paths.configFile, 'utf8')) as { profiles: Record<string, Record<string, string>> })
    .profiles;

async function feed(h: Harness, text: string): Promise<void> {
  h.stdin.end(text);
}

describe('tat configure set', () => {
  it('sets plain keys in the default profile or --profile', async () => {
    const h = harness();
    expect(await h.run('configure', 'set', 'region', 'ap-shanghai')).toBe(0);
    expect(await h.run('configure', 'set', 'output', 'json', '--profile', 'ci')).toBe(0);
    expect(await h.run('--profile', 'ci', 'configure', 'set', 'secret-id', SECRETS.tat.id)).toBe(0);
    expect(stored(h)).toEqual({
      default: { region: 'ap-shanghai' },
      ci: { output: 'json', 'secret-id': SECRETS.tat.id },
    });
    expect(h.stdout.text()).toBe('');
    expect(h.stderr.text()).toContain('Set region in profile "default" (~/.config/tat/config.json).');
    expect(statSync(h.paths.configFile).mode & 0o777).toBe(0o600);
  });

  it('refuses secret-key on the command line', async () => {
    const h = harness();
    expect(await h.run('configure', 'set', 'secret-key', SECRETS.typed.key)).toBe(2);
    expect(h.stderr.text()).toContain('refusing to take secret-key from the command line');
    expect(h.stderr.text()).toContain('--secret-key-stdin');
  });

  it('refuses token on the command line', async () => {
    const h = harness();
    expect(await h.run('configure', 'set', 'token', SECRETS.typed.token)).toBe(2);
    expect(h.stderr.text()).toContain('refusing to take token from the command line');
  });

  it('reads the secret key from stdin with --secret-key-stdin', async () => {
    const h = harness();
    await feed(h, `${SECRETS.typed.key}\n`);
    expect(await h.run('configure', 'set', 'secret-key', '--secret-key-stdin')).toBe(0);
    expect(stored(h).default).toEqual({ 'secret-key': SECRETS.typed.key });
  });

  it('reads the token from stdin with --token-stdin', async () => {
    const h = harness();
    await feed(h, SECRETS.typed.token);
    expect(await h.run('configure', 'set', 'token', '--token-stdin', '--profile', 'tmp')).toBe(0);
    expect(stored(h).tmp).toEqual({ token: SECRETS.typed.token });
  });

  it('refuses an empty stdin', async () => {
    const h = harness();
    await feed(h, '\n');
    expect(await h.run('configure', 'set', 'secret-key', '--secret-key-stdin')).toBe(2);
    expect(h.stderr.text()).toContain('no SecretKey was given on stdin');
  });

  it('secret-key without --secret-key-stdin and without a value is refused', async () => {
    const h = harness();
    expect(await h.run('configure', 'set', 'secret-key')).toBe(2);
    expect(h.stderr.text()).toContain('secret-key is read from stdin: add --secret-key-stdin');
  });

  it('validates keys and values', async () => {
    const h = harness();
    expect(await h.run('configure', 'set', 'colour', 'red')).toBe(2);
    expect(h.stderr.text()).toContain("'colour' is not a configuration key");
    expect(await h.run('configure', 'set', 'outptu', 'json')).toBe(2);
    expect(h.stderr.text()).toContain("'outptu' is not a configuration key");
    expect(h.stderr.text()).toContain('Did you mean output?');
    expect(await h.run('configure', 'set', 'output', 'xml')).toBe(2);
    expect(h.stderr.text()).toContain("output 'xml' is not an output format");
    expect(await h.run('configure', 'set', 'timeout', 'forever')).toBe(2);
    expect(await h.run('configure', 'set', 'region', 'Shanghai')).toBe(2);
    expect(await h.run('configure', 'set', 'credential-source', 'magic')).toBe(2);
    expect(await h.run('configure', 'set', 'region')).toBe(2);
    expect(h.stderr.text()).toContain('e.g. tat configure set region ap-guangzhou');
  });

  it('a mistyped region is refused with the one meant; an unknown one is saved after a warning', async () => {
    const h = harness();
    expect(await h.run('configure', 'set', 'region', 'ap-shanghia')).toBe(2);
    expect(h.stderr.text()).toContain(
      "error: tat configure set region: region 'ap-shanghia' is not a region tat knows (a typo?)\nDid you mean ap-shanghai?",
    );
    expect(() => stored(h)).toThrow();
    expect(await h.run('configure', 'set', 'region', 'ap-newtown', '--quiet')).toBe(0);
    expect(h.stderr.text()).toContain("warning: 'ap-newtown' is not a region tat knows; saving it anyway");
    expect(stored(h)).toEqual({ default: { region: 'ap-newtown' } });
  });

  it('unset removes a key', async () => {
    const h = harness();
    writeTatConfig(h, { default: { region: 'ap-tokyo', output: 'json' } });
    expect(await h.run('configure', 'unset', 'output')).toBe(0);
    expect(stored(h)).toEqual({ default: { region: 'ap-tokyo' } });
  });
});

describe('tat configure get', () => {
  it('prints plain values and masks secrets', async () => {
    const h = harness();
    writeTatConfig(h, {
      default: {
        region: 'ap-tokyo',
        'secret-id': SECRETS.tat.id,
        'secret-key': SECRETS.tat.key,
        token: SECRETS.tat.token,
      },
    });
    for (const key of ['region', 'secret-id', 'secret-key', 'token'])
      expect(await h.run('configure', 'get', key)).toBe(0);
    expect(h.stdout.text()).toBe('ap-tokyo\nAKID****4444\n****5555\n****6666\n');
  });

  it('exits 1 for an unset key and 2 for a missing profile', async () => {
    const h = harness();
    writeTatConfig(h, { default: {} });
    expect(await h.run('configure', 'get', 'region')).toBe(1);
    expect(h.stderr.text()).toContain(
      'error: region is not set in profile "default"\nSet it with `tat configure set region VALUE`',
    );
    expect(await h.run('configure', 'get', 'region', '--profile', 'nope')).toBe(2);
    expect(h.stdout.text()).toBe('');
  });
});

describe('tat configure list', () => {
  it('shows every setting, its origin, and the credentials that would be used, masked', async () => {
    const h = harness({
      env: { ...ENV_CREDENTIALS, TENCENTCLOUD_SESSION_TOKEN: SECRETS.env.token, TAT_OUTPUT: 'tsv' },
    });
    writeTatConfig(h, { default: { region: 'ap-tokyo', 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key } });
    expect(await h.run('configure', 'list', '--timeout', '9s')).toBe(0);
    expect(h.stdout.text()).toBe(
      [
        'profile\tdefault\tdefault',
        'region\tap-tokyo\tprofile "default" (~/.config/tat/config.json)',
        'endpoint\thttps://tat.tencentcloudapi.com\tdefault',
        'output\ttsv\tTAT_OUTPUT',
        'language\t<not set>\t',
        'timeout\t9s\t--timeout',
        'credential-source\t<not set>\t',
        'secret-id\tAKID****1111\tenvironment',
        'secret-key\t****2222\tenvironment',
        'token\t****3333\tenvironment',
        'credentials\tenvironment\t',
        '',
      ].join('\n'),
    );
  });

  it('for a named profile, as an aligned table on a terminal', async () => {
    const h = harness({ stdoutTTY: true });
    h.write('.tencentcloud/credentials', sdkIni('staging', SECRETS.sdk));
    expect(await h.run('configure', 'list', '--profile', 'staging')).toBe(0);
    const lines = h.stdout
      .text()
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n');
    expect(lines[0]).toMatch(/^KEY\s+VALUE\s+SOURCE$/);
    expect(h.stdout.text()).toMatch(/secret-id\s+AKID\*\*\*\*7777\s+~\/\.tencentcloud\/credentials \[staging\]/);
  });

  it('as JSON', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    expect(await h.run('configure', 'list', '-o', 'json')).toBe(0);
    const rows = JSON.parse(h.stdout.text()) as { key: string; value: string; source: string }[];
    expect(rows.find((row) => row.key === 'credentials')).toEqual({
      key: 'credentials',
      value: 'environment',
      source: '',
    });
  });

  it('--query selects from the rows, and secrets stay masked under it', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    expect(
      await h.run(
        'configure',
        'list',
        '--query',
        "[?key=='credentials' || key=='secret-key'].[key, value]",
        '-o',
        'tsv',
      ),
    ).toBe(0);
    expect(h.stdout.text()).toBe('secret-key\t****2222\ncredentials\tenvironment\n');
    expect(h.stdout.text()).not.toContain(SECRETS.env.key);
  });

  it('gives null for an unset value in JSON, <not set> in tsv', async () => {
    const h = harness({ env: ENV_CREDENTIALS });
    expect(await h.run('configure', 'list', '-o', 'json')).toBe(0);
    const rows = JSON.parse(h.stdout.text()) as { key: string; value: string | null; source: string }[];
    expect(rows.find((row) => row.key === 'language')).toEqual({ key: 'language', value: null, source: '' });
  });

  it('refuses an unknown -o and -o content with exit 2, printing nothing', async () => {
    for (const format of ['bogus', 'content']) {
      const h = harness({ env: ENV_CREDENTIALS });
      expect(await h.run('configure', 'list', '-o', format)).toBe(2);
      expect(h.stdout.text()).toBe('');
    }
  });

  it('says why when there are no credentials', async () => {
    const h = harness();
    expect(await h.run('configure', 'list')).toBe(0);
    expect(h.stdout.text()).toContain('credentials\t<none>\tno credentials found\n');
  });

  it('refuses a missing named profile', async () => {
    const h = harness();
    expect(await h.run('configure', 'list', '--profile', 'nope')).toBe(2);
    expect(h.stderr.text()).toContain('profile "nope" (from --profile) does not exist');
  });
});

describe('tat configure profiles / delete', () => {
  it('lists profiles from every file, marking the active one', async () => {
    const h = harness({ env: { TAT_PROFILE: 'staging' } });
    writeTatConfig(h, { default: {}, staging: {} });
    h.write('.tencentcloud/credentials', sdkIni('default', SECRETS.sdk));
    h.write('.tccli/ops.credential', tccliCredential(SECRETS.tccli));
    expect(await h.run('configure', 'profiles')).toBe(0);
    expect(h.stdout.text()).toBe(
      'default\t\t~/.config/tat/config.json, ~/.tencentcloud/credentials\nops\t\t~/.tccli/ops.*\nstaging\t*\t~/.config/tat/config.json\n',
    );
  });

  it('goes through the same -o validation as every command: -o bogus exits 2', async () => {
    const h = harness();
    writeTatConfig(h, { default: {} });
    expect(await h.run('configure', 'profiles', '-o', 'bogus')).toBe(2);
    expect(h.stdout.text()).toBe('');
    expect(h.stderr.text()).toContain("output format 'bogus' is not known");
    expect(await h.run('configure', 'profiles', '-o', 'json')).toBe(0);
    expect(JSON.parse(h.stdout.text())).toEqual([{ name: 'default', active: '*', files: '~/.config/tat/config.json' }]);
  });

  it('deletes a tat profile, and only with --profile', async () => {
    const h = harness();
    writeTatConfig(h, { default: { region: 'ap-tokyo' }, staging: { region: 'ap-seoul' } });
    expect(await h.run('configure', 'delete')).toBe(2);
    expect(h.stderr.text()).toContain('name the profile to delete with --profile');
    expect(await h.run('configure', 'delete', '--profile', 'staging')).toBe(0);
    expect(stored(h)).toEqual({ default: { region: 'ap-tokyo' } });
    expect(await h.run('configure', 'delete', '--profile', 'staging')).toBe(2);
    expect(h.stderr.text()).toContain('Profiles there: default.');
  });
});

describe('tat configure import', () => {
  it('copies keys from the SDK INI file', async () => {
    const h = harness();
    h.write('.tencentcloud/credentials', sdkIni('default', SECRETS.sdk));
    expect(await h.run('configure', 'import')).toBe(0);
    expect(stored(h).default).toEqual({
      'secret-id': SECRETS.sdk.id,
      'secret-key': SECRETS.sdk.key,
      token: SECRETS.sdk.token,
    });
    expect(h.stderr.text()).toContain(
      'Imported credentials from ~/.tencentcloud/credentials [default] into profile "default"',
    );
  });

  it('copies keys and region from tccli', async () => {
    const h = harness();
    h.write('.tccli/ops.credential', tccliCredential({ id: SECRETS.tccli.id, key: SECRETS.tccli.key }));
    h.write('.tccli/ops.configure', JSON.stringify({ _sys_param: { region: 'ap-hongkong', output: 'json' } }));
    expect(await h.run('configure', 'import', '--from', 'tccli', '--profile', 'ops')).toBe(0);
    expect(stored(h).ops).toEqual({
      'secret-id': SECRETS.tccli.id,
      'secret-key': SECRETS.tccli.key,
      region: 'ap-hongkong',
    });
  });

  it('refuses to replace other keys without --force', async () => {
    const h = harness();
    writeTatConfig(h, { default: { 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key } });
    h.write('.tccli/default.credential', tccliCredential(SECRETS.tccli));
    expect(await h.run('configure', 'import', '--from', 'tccli')).toBe(2);
    expect(h.stderr.text()).toContain('already holds other keys');
    expect(await h.run('configure', 'import', '--from', 'tccli', '--force')).toBe(0);
    expect(stored(h).default?.['secret-id']).toBe(SECRETS.tccli.id);
  });

  it('says where it looked when there is nothing to import', async () => {
    const h = harness();
    expect(await h.run('configure', 'import', '--from', 'tccli')).toBe(2);
    expect(h.stderr.text()).toContain(
      'no credentials for profile "default" to import (looked in ~/.tccli/default.credential)',
    );
    expect(await h.run('configure', 'import', '--from', 'ftp')).toBe(2);
  });
});

describe('help', () => {
  it('every subcommand shows a real example', async () => {
    for (const sub of ['set', 'unset', 'get', 'list', 'profiles', 'delete', 'import']) {
      const h = harness();
      expect(await h.run('configure', sub, '--help')).toBe(0);
      expect(h.stdout.text()).toContain(`$ tat configure ${sub}`);
    }
  });

  it('tat --help lists configure', async () => {
    const h = harness();
    expect(await h.run('--help')).toBe(0);
    expect(h.stdout.text()).toContain('configure');
  });
});

itPrintsNoSecrets();
