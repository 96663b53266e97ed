import { describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import { harness, itPrintsNoSecrets, SECRETS, writeTatConfig, type Harness } from './helpers.js';

const stored = (h: Harness): Record<string, Record<string, string>> =>
  (JSON.parse(readFileSync(h.paths.configFile, 'utf8')) as { profiles: Record<string, Record<string, string>> })
    .profiles;

/**
 * The SecretId typed at the prompts: it is echoed (only the key is hidden), so it is not one of
 * SECRETS, which the last test checks were never printed.
 */
const TYPED_ID = 'AKIDvisible00000000000000000mmmm';

/** A terminal: stdin and stderr are TTYs; the answers are typed (ahead) as lines. */
function terminal(options: Parameters<typeof harness>[0] = {}): Harness {
  return harness({ stdinTTY: true, stderrTTY: true, ...options });
}

function type(h: Harness, ...lines: string[]): void {
  h.stdin.write(lines.map((line) => `${line}\r`).join(''));
}

describe('tat configure on a terminal', () => {
  it('asks for each value, hides the key (not the id), and saves the profile', async () => {
    const h = terminal();
    type(h, TYPED_ID, SECRETS.typed.key, 'ap-singapore', 'json');
    expect(await h.run('configure')).toBe(0);
    expect(stored(h)).toEqual({
      default: { 'secret-id': TYPED_ID, 'secret-key': SECRETS.typed.key, region: 'ap-singapore', output: 'json' },
    });
    const err = h.stderr.text();
    expect(err).toContain('Configuring profile "default" (~/.config/tat/config.json)');
    // The SecretId is echoed as typed; the key is not.
    expect(err).toMatch(new RegExp(`\nSecretId: ${TYPED_ID}\r?\n`));
    expect(err).toContain('SecretKey (input hidden): \n');
    expect(err).not.toContain(SECRETS.typed.key);
    expect(err).toContain('Known regions: ap-guangzhou, ap-shanghai, ap-beijing');
    expect(err).toContain('sa-saopaulo');
    expect(err).toContain('Region: ap-singapore');
    expect(err).toContain('Saved profile "default" to ~/.config/tat/config.json.');
    expect(h.stdout.text()).toBe('');
    expect(statSync(h.paths.configFile).mode & 0o777).toBe(0o600);
  });

  it('shows current values masked and keeps them on Enter', async () => {
    const h = terminal();
    writeTatConfig(h, {
      staging: {
        'secret-id': SECRETS.tat.id,
        'secret-key': SECRETS.tat.key,
        region: 'ap-tokyo',
        token: SECRETS.tat.token,
      },
    });
    type(h, '', '', '', '');
    expect(await h.run('configure', '--profile', 'staging')).toBe(0);
    expect(stored(h).staging).toEqual({
      'secret-id': SECRETS.tat.id,
      'secret-key': SECRETS.tat.key,
      region: 'ap-tokyo',
      token: SECRETS.tat.token,
    });
    const err = h.stderr.text();
    expect(err).toContain('SecretId [AKID****4444]: ');
    expect(err).toContain('SecretKey [****5555] (input hidden): ');
    expect(err).toContain('Region [ap-tokyo]: ');
  });

  it('asks again for a bad region, and drops a token that belonged to the old keys', async () => {
    const h = terminal();
    writeTatConfig(h, {
      default: { 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key, token: SECRETS.tat.token },
    });
    type(h, TYPED_ID, SECRETS.typed.key, 'Singapore', 'ap-singapore', '');
    expect(await h.run('configure')).toBe(0);
    expect(h.stderr.text()).toContain("Region: region 'Singapore' is not a region name");
    expect(h.stderr.text()).toContain('The stored session token was removed');
    expect(stored(h).default).toEqual({
      'secret-id': TYPED_ID,
      'secret-key': SECRETS.typed.key,
      region: 'ap-singapore',
    });
  });

  it('asks again for a mistyped region, and warns before saving an unknown one', async () => {
    const typo = terminal();
    type(typo, TYPED_ID, SECRETS.typed.key, 'ap-shanghia', 'ap-shanghai', '');
    expect(await typo.run('configure')).toBe(0);
    expect(typo.stderr.text()).toContain(
      "Region: region 'ap-shanghia' is not a region tat knows (a typo?) Did you mean ap-shanghai?\n",
    );
    expect(stored(typo).default?.region).toBe('ap-shanghai');
    const unknown = terminal();
    type(unknown, TYPED_ID, SECRETS.typed.key, 'ap-newtown', '');
    expect(await unknown.run('configure')).toBe(0);
    const err = unknown.stderr.text();
    expect(err.indexOf("warning: 'ap-newtown' is not a region tat knows")).toBeGreaterThan(err.indexOf('Region: '));
    expect(err.indexOf("warning: 'ap-newtown'")).toBeLessThan(err.indexOf('Saved profile'));
    expect(stored(unknown).default?.region).toBe('ap-newtown');
  });

  it('needs a SecretKey with a new SecretId', async () => {
    const h = terminal();
    type(h, TYPED_ID, '', SECRETS.typed.key, '', '');
    expect(await h.run('configure')).toBe(0);
    expect(h.stderr.text()).toContain('A SecretKey is needed with the SecretId.');
    expect(stored(h).default).toEqual({ 'secret-id': TYPED_ID, 'secret-key': SECRETS.typed.key });
  });

  it('saves nothing when the input ends early', async () => {
    const h = terminal();
    type(h, TYPED_ID);
    h.stdin.end();
    expect(await h.run('configure')).toBe(2);
    expect(h.stderr.text()).toContain('the input ended before all questions were answered; nothing was saved');
    expect(() => statSync(h.paths.configFile)).toThrow();
  });

  it('stops on Ctrl-C with exit 130 and saves nothing', async () => {
    const h = terminal();
    type(h, TYPED_ID);
    h.stdin.write('\x03');
    expect(await h.run('configure')).toBe(130);
    expect(() => statSync(h.paths.configFile)).toThrow();
  });

  it('refuses a corrupt file before asking anything', async () => {
    const h = terminal();
    h.write('.config/tat/config.json', '{oops');
    expect(await h.run('configure')).toBe(2);
    expect(h.stderr.text()).not.toContain('SecretId');
    expect(readFileSync(h.paths.configFile, 'utf8')).toBe('{oops');
  });

  it('--secret-key-stdin on a terminal asks with the input hidden', async () => {
    const h = terminal();
    type(h, SECRETS.typed.key);
    expect(await h.run('configure', 'set', 'secret-key', '--secret-key-stdin')).toBe(0);
    expect(h.stderr.text()).toContain('SecretKey (input hidden): ');
    expect(stored(h).default).toEqual({ 'secret-key': SECRETS.typed.key });
  });
});

describe('tat configure without a terminal', () => {
  const cases: [string, boolean, boolean][] = [
    ['stdin is a pipe', false, true],
    ['stderr is a pipe', true, false],
    ['neither is a terminal', false, false],
  ];
  for (const [name, stdinTTY, stderrTTY] of cases) {
    it(`refuses with exit 2 when ${name}, pointing at tat configure set`, async () => {
      const h = harness({ stdinTTY, stderrTTY });
      expect(await h.run('configure')).toBe(2);
      expect(h.stderr.text()).toContain('needs a terminal');
      expect(h.stderr.text()).toContain('tat configure set secret-key --secret-key-stdin');
    });
  }
});

itPrintsNoSecrets();
