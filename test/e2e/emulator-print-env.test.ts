/**
 * `eval "$(tat-emulator --print-env)"` in a real bash, then tat with that environment; and the
 * banner's "Try:" line run as it is printed. Both spawn the built binaries (npm run build first).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { banner } from '../../src/emulator/cli.js';
import { DEMO_SECRET_KEY, startEmulator } from '../../src/emulator/index.js';
import { ROOT, run, TAT } from '../helpers/spawn.js';

const EMULATOR = `${ROOT}bin/tat-emulator.js`;
/** A shell as a user has one, with a profile and a token that must not get in the way. */
const ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/nonexistent-home',
  TAT_PROFILE: 'prod',
  TENCENTCLOUD_SESSION_TOKEN: 'real-token',
  TAT: TAT,
  EMULATOR,
};
/** `tat` and `tat-emulator` as the installed commands, then the script. The trap stops the background server whatever happens. */
const bash = (script: string, env: Record<string, string> = ENV, args: string[] = []) =>
  run(
    'bash',
    [
      '-c',
      `tat() { node "$TAT" "$@"; }; tat-emulator() { node "$EMULATOR" "$@"; }; trap '[ -n "$TAT_EMULATOR_PID" ] && kill "$TAT_EMULATOR_PID"' EXIT; ${script}`,
      'bash',
      ...args,
    ],
    env,
  );

describe('tat-emulator --print-env', () => {
  it('prints only shell lines; eval them and tat lists from the emulator, which runs in the background on the port it got', async () => {
    const result = await bash(
      'lines="$(tat-emulator --port 0 --rate-limit 0 --print-env)" || exit 9; printf "%s\\n--\\n" "$lines"; eval "$lines"; tat invocations list --limit 3 -o tsv',
    );
    expect(result.code).toBe(0);
    const [lines = '', listing = ''] = result.stdout.split('--\n');
    expect(lines).toMatch(
      /^export TENCENTCLOUD_SECRET_ID=\S+\nexport TENCENTCLOUD_SECRET_KEY=\S+\nexport TENCENTCLOUD_REGION=ap-guangzhou\nexport TAT_ENDPOINT=http:\/\/127\.0\.0\.1:\d+\nexport TAT_PROFILE= TENCENTCLOUD_SESSION_TOKEN= TENCENTCLOUD_TOKEN=\nexport TAT_EMULATOR_PID=\d+\n$/,
    );
    expect(lines).not.toContain(':9000');
    expect(listing.trim().split('\n')).toHaveLength(3);
    expect(listing).toMatch(/^inv-[a-z0-9]+\t/);
    // The banner goes to stderr, saying how to stop the server.
    expect(result.stderr).toMatch(/^TAT emulator listening on http:\/\/127\.0\.0\.1:\d+\n/);
    expect(result.stderr).toContain('Running in the background as pid');
  });

  it('only `export NAME=word` lines, which fish reads too (it has no `unset`); in sh they clear the profile and token as in bash', async () => {
    const result = await run(
      'sh',
      [
        '-c',
        `lines="$(node "$EMULATOR" --port 0 --rate-limit 0 --print-env)" || exit 9; eval "$lines"; trap 'kill "$TAT_EMULATOR_PID"' EXIT; printf '%s\\n--\\n' "$lines"; node "$TAT" invocations list --limit 2 -o tsv`,
      ],
      ENV,
    );
    expect(result.code).toBe(0);
    const [lines = '', listing = ''] = result.stdout.split('--\n');
    for (const line of lines.trim().split('\n')) expect(line).toMatch(/^export( [A-Z_]+=\S*)+$/);
    expect(listing.trim().split('\n')).toHaveLength(2);
  });

  it('never prints a key someone chose: the line reads it from where it came, and still works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tat-print-env-'));
    try {
      writeFileSync(join(dir, 'key'), 'file-secret-key-0001\n');
      const fromFile = await bash(
        `eval "$(tat-emulator --port 0 --secret-key-file '${dir}/key' --print-env)"; tat invocations list --limit 1 -o tsv`,
      );
      const fromEnv = await bash('eval "$(tat-emulator --port 0 --print-env)"; tat invocations list --limit 1 -o tsv', {
        ...ENV,
        TAT_EMULATOR_SECRET_KEY: 'env-secret-key-0002',
      });
      for (const [result, key] of [
        [fromFile, 'file-secret-key-0001'],
        [fromEnv, 'env-secret-key-0002'],
      ] as const) {
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^inv-/);
        expect(result.stdout + result.stderr).not.toContain(key);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fish sources the lines (`| source`) with a SecretId holding \\' and a key file whose path does: values exact, nothing run, tat lists", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tat-print-env-fish-'));
    try {
      const keyFile = join(dir, "k\\'ey; touch pwned");
      writeFileSync(keyFile, 'fish-secret-key-0004\n');
      // tat takes printable ASCII without spaces as a SecretId: the quotes and backslashes are the test.
      const secretId = "AKIDfish\\'\\\\x'y";
      const script = [
        'cd $WORK',
        'function tat; node $TAT $argv; end',
        'node $EMULATOR --port 0 --rate-limit 0 --secret-id $SECRET_ID --secret-key-file $KEY_FILE --print-env | source',
        'or exit 9',
        'printf "<%s>\\n" $TENCENTCLOUD_SECRET_ID',
        'TENCENTCLOUD_SECRET_ID=$TENCENTCLOUD_SECRET_ID tat invocations list --limit 1 -o tsv',
        'set -l listed $status',
        'kill $TAT_EMULATOR_PID',
        'exit $listed',
      ].join('\n');
      const result = await run('fish', ['-c', script], {
        ...ENV,
        SECRET_ID: secretId,
        KEY_FILE: keyFile,
        HOME: dir,
        WORK: dir,
      });
      expect(result.stdout.split('\n')[0]).toBe(`<${secretId}>`);
      expect(existsSync(join(dir, 'pwned'))).toBe(false);
      // Only the banner, which --print-env writes to stderr: no fish error.
      expect(result.stderr).toMatch(/^TAT emulator listening on /);
      expect(result.stderr).not.toMatch(/fish:|error/i);
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[1]).toMatch(/^inv-/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a port that is taken: exit 1, the reason on stderr, nothing to eval', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const result = await run(process.execPath, [EMULATOR, '--port', String(port), '--print-env'], ENV);
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toContain('--port 0 for any free one');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('the banner\'s "Try:" line', () => {
  it('runs as printed in bash, with the demo key or with a key read from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tat-try-'));
    writeFileSync(join(dir, 'my key'), 'file-secret-key-0003\n');
    const demo = await startEmulator({ port: 0, rateLimit: 0 });
    const custom = await startEmulator({ port: 0, rateLimit: 0, secretKey: 'file-secret-key-0003' });
    try {
      for (const text of [banner(demo), banner(custom, { kind: 'file', path: join(dir, 'my key') })]) {
        const line = /^Try: (.*)$/m.exec(text)?.[1] ?? 'exit 9';
        // The line exactly as printed, as one string for eval: what a user pasting it gets.
        const result = await bash(
          'eval "$1 --limit 2 -o tsv"',
          { ...ENV, TAT_PROFILE: '', TENCENTCLOUD_SESSION_TOKEN: '' },
          [line],
        );
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout.trim().split('\n')).toHaveLength(2);
      }
      expect(banner(custom, { kind: 'file', path: join(dir, 'my key') })).not.toContain('file-secret-key-0003');
      expect(banner(demo)).toContain(DEMO_SECRET_KEY);
    } finally {
      await demo.close();
      await custom.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
