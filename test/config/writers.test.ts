/**
 * Writing the configuration against real processes and real permissions: ten `tat configure set`
 * at once keep all ten changes and readers never see half a file; a folder that belongs to
 * someone else is refused with exit 2, both ways round (a user facing root's folder, root facing
 * a user's folder).
 */
import { describe, expect, it } from '@jest/globals';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_WAIT_MS } from '../../src/config/lock.js';
import { ownershipProblem } from '../../src/config/owner.js';
import { updateStore } from '../../src/config/store.js';
import { fakeClock } from '../helpers/clock.js';
import { run, TAT, tatForAnyUser } from '../helpers/spawn.js';
import { failure, harness, itPrintsNoSecrets, record } from './helpers.js';

const homeEnv = (home: string): Record<string, string> => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home });
const isRoot = process.geteuid?.() === 0;

function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'tat-writers-'));
  chmodSync(home, 0o755);
  return home;
}

describe('concurrent writers (real processes)', () => {
  it('ten parallel `configure set` keep all ten profiles, and a reader never sees a partial file', async () => {
    const home = tempHome();
    const file = join(home, '.config', 'tat', 'config.json');
    try {
      let reading = true;
      let reads = 0;
      // A real reader polling the file while the writers run: every read must parse.
      const reader = (async () => {
        while (reading) {
          if (existsSync(file)) {
            JSON.parse(readFileSync(file, 'utf8'));
            reads++;
          }
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => run(process.execPath, [TAT, 'configure', 'set', 'region', 'ap-guangzhou', '--profile', `p${i}`], homeEnv(home))),
      );
      reading = false;
      await reader;
      for (const result of results) expect(result).toMatchObject({ code: 0, stdout: '' });
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, { region: string }> };
      expect(Object.keys(saved.profiles).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`).sort());
      expect(existsSync(`${file}.lock`)).toBe(false);
      expect(reads).toBeGreaterThan(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a lock left by a writer that died long ago is taken over', async () => {
    const home = tempHome();
    try {
      mkdirSync(join(home, '.config', 'tat'), { recursive: true, mode: 0o700 });
      const lock = join(home, '.config', 'tat', 'config.json.lock');
      writeFileSync(lock, '');
      const anHourAgo = Date.now() / 1000 - 3600;
      utimesSync(lock, anHourAgo, anHourAgo);
      const result = await run(process.execPath, [TAT, 'configure', 'set', 'region', 'ap-tokyo'], homeEnv(home));
      expect(result.code).toBe(0);
      expect(existsSync(lock)).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a lock held by a live writer: waits, then gives up with exit 1 and leaves everything as it was', async () => {
    const h = harness();
    mkdirSync(h.paths.configDir, { recursive: true });
    writeFileSync(h.paths.configFile, '{"profiles":{}}');
    writeFileSync(`${h.paths.configFile}.lock`, '');
    const clock = fakeClock(Date.now());
    const error = await failure(updateStore(h.paths, (data) => void (data.profiles.x = {}), { ...h.deps, now: clock.now, sleep: clock.sleep }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(`another tat is changing the configuration: ~/.config/tat/config.json.lock has been held for over ${LOCK_WAIT_MS / 1000} s`);
    expect(error.hint).toContain('remove ~/.config/tat/config.json.lock');
    expect(readFileSync(h.paths.configFile, 'utf8')).toBe('{"profiles":{}}');
    expect(existsSync(`${h.paths.configFile}.lock`)).toBe(true);
  });
});

describe('a configuration folder that belongs to someone else', () => {
  it('the decision: only the user who owns it may write there', () => {
    expect(ownershipProblem('~/.config/tat', { uid: 1000 }, 1000)).toBeUndefined();
    expect(ownershipProblem('~/.config/tat', undefined, 1000)).toBeUndefined(); // created by us
    expect(ownershipProblem('~/.config/tat', { uid: 0 }, undefined)).toBeUndefined(); // no uids (Windows)
    const asUser = ownershipProblem('~/.config/tat', { uid: 0 }, 1000);
    expect(asUser?.exitCode).toBe(2);
    expect(asUser?.message).toBe('refusing to write secrets into ~/.config/tat: it belongs to uid 0, not to you (uid 1000)');
    const asRoot = ownershipProblem('/home/ann/.config/tat', { uid: 1000 }, 0);
    expect(asRoot?.message).toBe('refusing to write secrets into /home/ann/.config/tat: it belongs to uid 1000, not to you (uid 0)');
    expect(asRoot?.hint).toContain("sudo -u '#1000'");
    record(`${asUser?.message}\n${asRoot?.message}\n`);
  });

  it('a real process of one user facing a folder owned by another: exit 2, nothing written', async () => {
    const home = tempHome();
    try {
      const dir = join(home, '.config', 'tat');
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 0o755);
      chmodSync(join(home, '.config'), 0o755);
      // As root (this machine's CI): the folder belongs to a user and root is the intruder, and
      // a user (nobody) faces root's 0755 folder. As a user: the folder is the system's /.
      const cases: Array<{ uid?: number; owner: number; env: Record<string, string> }> = isRoot
        ? [
            { owner: 65534, env: homeEnv(home) },
            { uid: 65534, owner: 0, env: homeEnv(home) },
          ]
        : [{ owner: 0, env: { ...homeEnv(home), XDG_CONFIG_HOME: '/' } }];
      for (const c of cases) {
        if (isRoot) chownSync(dir, c.owner, c.owner);
        const result = await run(
          process.execPath,
          c.uid === undefined ? [TAT, 'configure', 'set', 'region', 'ap-tokyo'] : ['-e', `process.setgid(${c.uid}); process.setuid(${c.uid}); await import('${tatForAnyUser()}')`, '--input-type=module', tatForAnyUser(), 'configure', 'set', 'region', 'ap-tokyo'],
          c.env,
        );
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^error: refusing to write secrets into \S+tat: it belongs to uid \d+, not to you \(uid \d+\)\n/);
        expect(result.stderr).not.toMatch(/unexpected failure|\n\s+at /);
        expect(existsSync(join(dir, 'config.json'))).toBe(false);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

itPrintsNoSecrets();
