/**
 * Writing the configuration against real processes and real permissions: ten `tat configure set`
 * at once keep all ten changes and readers never see half a file; a folder that belongs to
 * someone else is refused with exit 2, both ways round (a user facing root's folder, root facing
 * a user's folder).
 */
import { describe, expect, it } from '@jest/globals';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
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
        Array.from({ length: 10 }, (_, i) =>
          run(
            process.execPath,
            [TAT, 'configure', 'set', 'region', 'ap-guangzhou', '--profile', `p${i}`],
            homeEnv(home),
          ),
        ),
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
    const error = await failure(
      updateStore(h.paths, (data) => void (data.profiles.x = {}), { ...h.deps, now: clock.now, sleep: clock.sleep }),
    );
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      `another tat is changing the configuration: ~/.config/tat/config.json.lock has been held for over ${LOCK_WAIT_MS / 1000} s`,
    );
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
    expect(asUser?.message).toBe(
      'refusing to write secrets into ~/.config/tat: it belongs to uid 0, not to you (uid 1000)',
    );
    const asRoot = ownershipProblem('/home/ann/.config/tat', { uid: 1000 }, 0);
    expect(asRoot?.message).toBe(
      'refusing to write secrets into /home/ann/.config/tat: it belongs to uid 1000, not to you (uid 0)',
    );
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
          c.uid === undefined
            ? [TAT, 'configure', 'set', 'region', 'ap-tokyo']
            : [
                '-e',
                `process.setgid(${c.uid}); process.setuid(${c.uid}); await import('${tatForAnyUser()}')`,
                '--input-type=module',
                tatForAnyUser(),
                'configure',
                'set',
                'region',
                'ap-tokyo',
              ],
          c.env,
        );
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(
          /^error: refusing to write secrets into \S+tat: it belongs to uid \d+, not to you \(uid \d+\)\n/,
        );
        expect(result.stderr).not.toMatch(/unexpected failure|\n\s+at /);
        expect(existsSync(join(dir, 'config.json'))).toBe(false);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('a config.json that is a symbolic link', () => {
  const me = process.geteuid?.() ?? 0;
  const SECRET = 'linkedSecretKey000000000000000zz';

  /** `tat configure set secret-key` in a real process, the key on stdin. */
  function setSecret(home: string) {
    return run(process.execPath, [TAT, 'configure', 'set', 'secret-key', '--secret-key-stdin'], homeEnv(home), SECRET);
  }

  function linkedHome(target: string): { home: string; link: string } {
    const home = tempHome();
    mkdirSync(join(home, '.config', 'tat'), { recursive: true, mode: 0o700 });
    const link = join(home, '.config', 'tat', 'config.json');
    symlinkSync(target, link);
    return { home, link };
  }

  it("into another user's file: refused, exit 2, that file untouched and nothing written", async () => {
    // As root: a file of user 65534 in that user's folder. As a user: a file of root's.
    const theirs = mkdtempSync(join(tmpdir(), 'tat-theirs-'));
    const file = join(theirs, 'notes.json');
    writeFileSync(file, '{"profiles":{}}');
    if (isRoot) {
      chownSync(file, 65534, 65534);
      chownSync(theirs, 65534, 65534);
    }
    const target = isRoot ? file : '/etc/passwd';
    const before = readFileSync(target, 'utf8');
    const { home, link } = linkedHome(target);
    try {
      const result = await setSecret(home);
      record(result.stderr);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(
          `^error: refusing to write secrets into ${target} \\(where ~/\\.config/tat/config\\.json points\\): it belongs to uid ${isRoot ? 65534 : 0}, not to you \\(uid ${me}\\)\nReplace the link with your own \\(rm ~/\\.config/tat/config\\.json\\)`,
        ),
      );
      expect(readFileSync(target, 'utf8')).toBe(before);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readdirSync(join(home, '.config', 'tat'))).toEqual(['config.json']);
      if (isRoot) expect(readdirSync(theirs)).toEqual(['notes.json']);
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(theirs, { recursive: true, force: true });
    }
  });

  it('into a file of yours (a dotfiles folder): written there, 0600, and the link kept', async () => {
    const dotfiles = mkdtempSync(join(tmpdir(), 'tat-dotfiles-'));
    const file = join(dotfiles, 'tat.json');
    writeFileSync(file, '{"profiles":{"default":{"region":"ap-tokyo"}}}', { mode: 0o644 });
    const { home, link } = linkedHome(file);
    try {
      const result = await setSecret(home);
      expect(result).toMatchObject({ code: 0, stdout: '' });
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
        profiles: { default: { region: 'ap-tokyo', 'secret-key': SECRET } },
      });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readdirSync(dotfiles)).toEqual(['tat.json']);
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(dotfiles, { recursive: true, force: true });
    }
  });

  it('into a folder others may write, or to nothing: refused, exit 2', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'tat-shared-'));
    chmodSync(shared, 0o777);
    writeFileSync(join(shared, 'tat.json'), '{"profiles":{}}');
    const open = linkedHome(join(shared, 'tat.json'));
    const dangling = linkedHome(join(shared, 'missing', 'tat.json'));
    try {
      const openResult = await setSecret(open.home);
      expect(openResult.code).toBe(2);
      expect(openResult.stderr).toContain(
        `error: refusing to write secrets into ${shared}/tat.json (where ~/.config/tat/config.json points): others may write to its folder ${shared} (mode 777)`,
      );
      const danglingResult = await setSecret(dangling.home);
      expect(danglingResult.code).toBe(2);
      expect(danglingResult.stderr).toContain(
        'error: refusing to write secrets through ~/.config/tat/config.json: it is a link to nothing (ENOENT)',
      );
      expect(readFileSync(join(shared, 'tat.json'), 'utf8')).toBe('{"profiles":{}}');
      expect(existsSync(join(shared, 'missing'))).toBe(false);
      record(openResult.stderr + danglingResult.stderr);
    } finally {
      for (const dir of [open.home, dangling.home, shared]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a configuration folder that links to another user's folder: refused", async () => {
    const theirs = mkdtempSync(join(tmpdir(), 'tat-theirs-dir-'));
    if (isRoot) chownSync(theirs, 65534, 65534);
    const target = isRoot ? theirs : '/etc';
    const home = tempHome();
    mkdirSync(join(home, '.config'), { recursive: true });
    symlinkSync(target, join(home, '.config', 'tat'));
    try {
      const result = await setSecret(home);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `error: refusing to write secrets into ${target} (where ~/.config/tat points): it belongs to uid ${isRoot ? 65534 : 0}, not to you (uid ${me})`,
      );
      if (isRoot) expect(readdirSync(theirs)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(theirs, { recursive: true, force: true });
    }
  });
});

itPrintsNoSecrets();
