import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readStore, updateStore } from '../../src/config/store.js';
import { failure, harness, itPrintsNoSecrets, record } from './helpers.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the tat profile store', () => {
  it('lives at ~/.config/tat/config.json, file 0600 in a 0700 folder', async () => {
    const h = harness();
    await updateStore(
      h.paths,
      (data) => {
        data.profiles.default = { region: 'ap-guangzhou' };
      },
      h.deps,
    );
    expect(h.paths.configFile).toBe(join(h.home, '.config', 'tat', 'config.json'));
    expect(mode(h.paths.configFile)).toBe(0o600);
    expect(mode(h.paths.configDir)).toBe(0o700);
    expect(JSON.parse(readFileSync(h.paths.configFile, 'utf8'))).toEqual({
      profiles: { default: { region: 'ap-guangzhou' } },
    });
  });

  it('honours XDG_CONFIG_HOME', async () => {
    const h = harness({ env: { XDG_CONFIG_HOME: join(harness().home, 'xdg') } });
    expect(h.paths.configFile).toBe(join(h.deps.env.XDG_CONFIG_HOME!, 'tat', 'config.json'));
    await updateStore(
      h.paths,
      (data) => {
        data.profiles.x = {};
      },
      h.deps,
    );
    expect(mode(h.paths.configFile)).toBe(0o600);
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    const h = harness({ env: { XDG_CONFIG_HOME: 'relative/dir' } });
    expect(h.paths.configDir).toBe(join(h.home, '.config', 'tat'));
  });

  it('tightens an existing folder and file', async () => {
    const h = harness();
    mkdirSync(h.paths.configDir, { recursive: true, mode: 0o755 });
    h.write('.config/tat/config.json', '{"profiles":{}}');
    chmodSync(h.paths.configFile, 0o644);
    chmodSync(h.paths.configDir, 0o755);
    await updateStore(h.paths, () => undefined, h.deps);
    expect(mode(h.paths.configDir)).toBe(0o700);
    expect(mode(h.paths.configFile)).toBe(0o600);
  });

  it('writes atomically: no temporary file is left beside it', async () => {
    const h = harness();
    for (let i = 0; i < 3; i++)
      await updateStore(
        h.paths,
        (data) => {
          data.profiles[`p${i}`] = { region: 'ap-tokyo' };
        },
        h.deps,
      );
    expect(readdirSync(h.paths.configDir)).toEqual(['config.json']);
    expect(Object.keys((await readStore(h.paths)).profiles)).toEqual(['p0', 'p1', 'p2']);
  });

  it('never replaces a corrupt file', async () => {
    const h = harness();
    const broken = '{"profiles": {"default": {"region": "ap-';
    h.write('.config/tat/config.json', broken);
    const error = await failure(
      updateStore(
        h.paths,
        (data) => {
          data.profiles.default = { region: 'ap-tokyo' };
        },
        h.deps,
      ),
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('~/.config/tat/config.json is not valid JSON');
    expect(readFileSync(h.paths.configFile, 'utf8')).toBe(broken);
  });

  it('reports an unknown key as corruption', async () => {
    const h = harness();
    h.write('.config/tat/config.json', JSON.stringify({ profiles: { default: { secret_id: 'x' } } }));
    const error = await failure(readStore(h.paths));
    expect(error.message).toContain('profile "default" has an unknown key "secret_id"');
  });

  it('suggests the key an unknown one was likely meant to be', async () => {
    const h = harness();
    h.write('.config/tat/config.json', JSON.stringify({ profiles: { default: { regoin: 'ap-tokyo' } } }));
    const error = await failure(readStore(h.paths));
    expect(error.message).toContain('unknown key "regoin"');
    expect(error.hint).toMatch(/^Did you mean region\? Fix it by hand/);
  });

  it('does not create anything when only reading', async () => {
    const h = harness();
    expect(await readStore(h.paths)).toEqual({ profiles: {} });
    expect(readdirSync(h.home)).toEqual([]);
    record('read only\n');
  });
});

itPrintsNoSecrets();
