/**
 * Configuration paths hold whatever other tools and users put there: a FIFO, a link to /dev/zero,
 * a huge file, a file saved as UTF-16 by a Windows editor. None may hang tat, fill its memory, or
 * be skipped silently in favour of another account's keys.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, ftruncateSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseProvider } from '../../src/config/chain.js';
import { decode, MAX_CONFIG_BYTES, readConfigText } from '../../src/config/file.js';
import { resolveSettings } from '../../src/config/index.js';
import { readStore } from '../../src/config/store.js';
import {
  ENV_CREDENTIALS,
  failure,
  harness,
  itPrintsNoSecrets,
  record,
  SECRETS,
  sdkIni,
  tccliCredential,
  type Harness,
} from './helpers.js';

/** The system INI file is redirected into the temp home: tests never read the real /etc. */
function paths(h: Harness, notes: string[] = []) {
  return {
    ...h.paths,
    sdkCredentialFiles: [join(h.home, '.tencentcloud/credentials'), join(h.home, 'etc/tencentcloud/credentials')],
    note: (line: string) => void notes.push(line),
  };
}

function place(h: Harness, rel: string, kind: 'fifo' | 'zero' | 'huge'): string {
  const path = join(h.home, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  if (kind === 'fifo') execFileSync('mkfifo', [path]);
  if (kind === 'zero') symlinkSync('/dev/zero', path);
  if (kind === 'huge') {
    // 1 GB, sparse: nothing is written, but a reader that believed its size would read it all.
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
  }
  return path;
}

const PLACES = [
  '.tencentcloud/credentials',
  '.config/tat/config.json',
  '.tccli/default.configure',
  '.tccli/default.credential',
] as const;

describe.each(['fifo', 'zero', 'huge'] as const)('a %s at a configuration path', (kind) => {
  // ~/.tccli/default.configure holds settings only: it is never the source consulted for keys.
  it.each(PLACES.filter((rel) => rel !== '.tccli/default.configure'))(
    'at %s: refused at once, naming the path, when it is the source consulted',
    async (rel) => {
      const h = harness();
      place(h, rel, kind);
      const error = await failure((async () => (await chooseProvider({}, h.deps, paths(h)))())());
      expect(error.exitCode).toBe(2);
      const shown = `~/${rel}`;
      expect(error.message).toBe(
        `cannot use ${shown}: ${kind === 'fifo' ? 'it is a FIFO (named pipe), not a regular file' : kind === 'zero' ? 'it is a character device, not a regular file' : `it is larger than 1 MiB (${1024 ** 3} bytes or more)`}`,
      );
    },
  );

  it.each(PLACES.filter((rel) => rel !== '.config/tat/config.json'))(
    'at %s: a --debug note when the keys come from the environment',
    async (rel) => {
      const h = harness({ env: ENV_CREDENTIALS });
      place(h, rel, kind);
      const notes: string[] = [];
      const settings = await resolveSettings({}, h.deps, paths(h, notes));
      const credentials = await (await chooseProvider({}, h.deps, paths(h, notes)))();
      expect(settings.profile).toBe('default');
      expect(credentials.source).toBe('environment');
      if (rel !== '.tccli/default.credential') expect(notes.join('\n')).toContain(`config: skipped ~/${rel}: `);
    },
  );
});

it("tat's own file as a FIFO is named by every command that reads it, exit 2", async () => {
  const h = harness({ env: ENV_CREDENTIALS });
  place(h, '.config/tat/config.json', 'fifo');
  const error = await failure(readStore(h.paths));
  expect(error.message).toBe('cannot use ~/.config/tat/config.json: it is a FIFO (named pipe), not a regular file');
  expect(error.hint).toBe('Replace it with a regular file, or remove it.');
  expect(await h.run('configure', 'list')).toBe(2);
  expect(h.stderr.text()).toContain(
    'error: cannot use ~/.config/tat/config.json: it is a FIFO (named pipe), not a regular file\n',
  );
});

it('reads at most the cap, even from a file that grows past its size', async () => {
  const h = harness();
  const path = h.write('big', 'x'.repeat(MAX_CONFIG_BYTES));
  await expect(readConfigText(path)).resolves.toHaveLength(MAX_CONFIG_BYTES);
  writeFileSync(path, 'x'.repeat(MAX_CONFIG_BYTES + 1));
  await expect(readConfigText(path)).rejects.toThrow(`it is larger than 1 MiB (${MAX_CONFIG_BYTES + 1} bytes or more)`);
});

describe('text encodings', () => {
  const utf16 = (text: string, order: 'le' | 'be'): Buffer => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    return order === 'le' ? le : Buffer.from(le).swap16();
  };

  it.each(['le', 'be'] as const)(
    'a UTF-16 %s credentials file with its byte-order mark is read, not skipped for the next source',
    async (order) => {
      const h = harness();
      h.write('.tencentcloud/credentials', '');
      writeFileSync(
        join(h.home, '.tencentcloud/credentials'),
        utf16(`\r\n${sdkIni('default', SECRETS.sdk).replace(/\n/g, '\r\n')}`, order),
      );
      h.write('.tccli/default.credential', tccliCredential(SECRETS.tccli));
      const credentials = await (await chooseProvider({}, h.deps, paths(h)))();
      expect(credentials).toMatchObject({
        secretId: SECRETS.sdk.id,
        secretKey: SECRETS.sdk.key,
        source: '~/.tencentcloud/credentials [default]',
      });
    },
  );

  it("a UTF-16 file without a byte-order mark is refused naming it; the next source's keys are never used", async () => {
    const h = harness();
    h.write('.tencentcloud/credentials', '');
    writeFileSync(join(h.home, '.tencentcloud/credentials'), Buffer.from(sdkIni('default', SECRETS.sdk), 'utf16le'));
    h.write('.tccli/default.credential', tccliCredential(SECRETS.tccli));
    const error = await failure((async () => (await chooseProvider({}, h.deps, paths(h)))())());
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      'cannot use ~/.tencentcloud/credentials: it holds NUL bytes (UTF-16 without a byte-order mark, or not text)',
    );
    expect(error.hint).toBe('Save it as UTF-8 (or UTF-16 with a byte-order mark).');
  });

  it('a UTF-16 tccli file and tat file with a byte-order mark are read too', async () => {
    const h = harness();
    h.write('.tccli/default.credential', '');
    writeFileSync(join(h.home, '.tccli/default.credential'), utf16(tccliCredential(SECRETS.tccli), 'be'));
    expect((await (await chooseProvider({}, h.deps, paths(h)))()).secretId).toBe(SECRETS.tccli.id);
    h.write('.config/tat/config.json', '');
    writeFileSync(
      join(h.home, '.config/tat/config.json'),
      utf16(JSON.stringify({ profiles: { default: { region: 'ap-tokyo' } } }), 'le'),
    );
    expect((await resolveSettings({}, h.deps)).region).toBe('ap-tokyo');
  });

  it('decode: UTF-8 with or without its byte-order mark; UTF-16 with an odd last byte drops it', () => {
    expect(decode(Buffer.from('\uFEFF[a]', 'utf8'))).toBe('[a]');
    expect(decode(Buffer.from('[a]', 'utf8'))).toBe('[a]');
    expect(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]))).toBe(
      'ab',
    );
    record('decode\n');
  });
});

itPrintsNoSecrets();
