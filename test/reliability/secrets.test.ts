/**
 * Secrets in edge paths, with the built binary, real files and a real local server: a corrupt
 * configuration file is never quoted, a key or token saved in a profile is scrubbed when a
 * server echoes it (not only the environment's), and a SecretId with a control character is
 * refused before anything is signed or sent.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tat } from '../helpers/spawn.js';

const ID = 'AKIDprofile000000000000000000000001';
const KEY = 'profileSecretKey0000000000000000key1';
const TOKEN = 'profileSessionToken000000000000tok1';

let server: Server;
let url: string;
let requests = 0;
let home: string;

beforeAll(async () => {
  // Echoes every secret it received back: the token from X-TC-Token, and the key it was told.
  server = createServer((req, res) => {
    requests++;
    req.resume().on('end', () => {
      const token = String(req.headers['x-tc-token'] ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          Response: {
            Error: { Code: 'AuthFailure.TokenFailure', Message: `token ${token} with key ${KEY} is expired` },
            RequestId: `r-${token}`,
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  home = mkdtempSync(join(tmpdir(), 'tat-secrets-'));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(home, { recursive: true, force: true });
});

function withConfig(name: string, text: string): Record<string, string> {
  const dir = join(home, name, '.config', 'tat');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), text, { mode: 0o600 });
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(home, name),
    TENCENTCLOUD_REGION: 'ap-guangzhou',
    TAT_ENDPOINT: url,
  };
}

describe('secrets in edge paths', () => {
  it('a corrupt configuration file is reported by line and column, never quoted', async () => {
    const env = withConfig('corrupt', `{"profiles": {"default": {"secret-id": "${ID}", "secret-key": ${KEY}}}}`);
    const result = await tat(['invocations', 'list'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('~/.config/tat/config.json is not valid JSON (Unexpected token');
    expect(result.stderr).not.toMatch(/profileS|SecretKey0|ret-key/);
  });

  it('a malformed tccli file is not quoted either', async () => {
    const env = withConfig('tccli', '{"profiles": {}}');
    mkdirSync(join(env.HOME!, '.tccli'), { recursive: true });
    writeFileSync(join(env.HOME!, '.tccli', 'default.credential'), `{"secretId": "${ID}", "secretKey": ${KEY}}`);
    const result = await tat(['invocations', 'list'], env);
    expect(result.stderr).toContain('default.credential is not a JSON object (Unexpected token');
    expect(result.stderr).not.toMatch(/profileS|SecretKey0|ret-key/);
  });

  it('a token and key saved in a profile are scrubbed when the server echoes them, in errors and --debug', async () => {
    const env = withConfig(
      'profile',
      JSON.stringify({ profiles: { default: { 'secret-id': ID, 'secret-key': KEY, token: TOKEN } } }),
    );
    for (const extra of [[], ['--debug']]) {
      const result = await tat(['invocations', 'list', '--max-attempts', '1', ...extra], env);
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('token *** with key *** is expired');
      expect(result.stderr).not.toContain(TOKEN);
      expect(result.stderr).not.toContain(KEY);
    }
  });

  it('a SecretId with a control character is refused before anything is signed or sent', async () => {
    const before = requests;
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: '/nonexistent-home',
      TENCENTCLOUD_REGION: 'ap-guangzhou',
      TAT_ENDPOINT: url,
    };
    const result = await tat(['invocations', 'list', '--debug'], {
      ...env,
      TENCENTCLOUD_SECRET_ID: `AKIDctl\u0001${ID.slice(8)}`,
      TENCENTCLOUD_SECRET_KEY: KEY,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      'error: TENCENTCLOUD_SECRET_ID in environment contains a character that is not printable ASCII',
    );
    expect(result.stderr).not.toMatch(/Authorization|Signature=|TC3-HMAC/);
    expect(result.stderr).not.toContain(KEY);
    expect(requests).toBe(before);
  });
});
