import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/emulator/data/prng.js';
import type { Fetch } from '../../src/deps.js';
import { BASE_ENV, runCli } from '../helpers/cli.js';

/**
 * A few hundred generated argument vectors, run in-process. Whatever they are, the program must
 * answer with a documented exit code, never an unexpected failure or a stack trace, and print
 * nothing on stdout when it fails. The vectors are seeded, so a failure reproduces.
 */

const WORDS = ['invocations', 'inv', 'list', 'ls', 'get', 'configure', 'set', 'profiles', 'help', 'bogus'];
const FLAGS = [
  '--id',
  '--filter',
  '--limit',
  '--offset',
  '--all',
  '-o',
  '--output',
  '--region',
  '--endpoint',
  '--timeout',
  '--max-attempts',
  '--rate-limit',
  '--no-color',
  '-q',
  '--quiet',
  '--dry-run',
  '--profile',
  '--bogus',
  '-x',
  '--',
  '-h',
  '--version',
];
const VALUES = [
  '',
  ' ',
  '=',
  ',',
  ',,',
  'inv-q4zp60g0',
  'inv-',
  'INV-X',
  'instance-id=ins-1',
  'instance-id=',
  '=ins-1',
  'a=b=c',
  'command-id=1,2,3,4,5,6',
  '0',
  '-1',
  '1',
  '100',
  '101',
  '99999999999999999999999',
  '1e309',
  'NaN',
  '0x10',
  '3.5',
  '10s',
  '500ms',
  '-5s',
  '2m',
  '25h',
  'json',
  'ndjson',
  'tsv',
  'table',
  'content',
  'yaml',
  'ap-guangzhou',
  'nowhere',
  'http://',
  'ftp://x',
  'https://u:p@h',
  'tat.tencentcloudapi.com',
  '中文',
  '🙂',
  'ﬁ',
  '\u202eevil',
  'a'.repeat(5000),
  '--',
  '-',
  'default',
  'nope',
];

const emptyApi: Fetch = async (_url, init) => {
  const action = (init?.headers as Record<string, string>)['X-TC-Action'];
  const response =
    action === 'DescribeInvocationTasks'
      ? { TotalCount: 0, InvocationTaskSet: [] }
      : { TotalCount: 0, InvocationSet: [] };
  return new Response(JSON.stringify({ Response: { ...response, RequestId: 'fuzz' } }), { status: 200 });
};

function vector(rng: ReturnType<typeof createRng>): string[] {
  const argv: string[] = [];
  const length = rng.int(0, 7);
  for (let i = 0; i < length; i++) {
    const kind = rng.next();
    argv.push(kind < 0.35 ? rng.pick(WORDS) : kind < 0.7 ? rng.pick(FLAGS) : rng.pick(VALUES));
  }
  return argv;
}

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'tat-fuzz-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('fuzzed argument vectors', () => {
  const rng = createRng(20261128);
  const vectors = Array.from({ length: 300 }, () => vector(rng));

  it('end with a documented exit code, no stack trace, and empty stdout on error', async () => {
    const codes = new Map<number, number>();
    for (const argv of vectors) {
      const result = await runCli(argv, { env: BASE_ENV, fetch: emptyApi, homeDir: home });
      codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
      const seen = { argv, code: result.code, stderr: result.stderr.slice(0, 300) };
      expect({ ...seen, documented: [0, 1, 2, 3, 4].includes(result.code) }).toEqual({ ...seen, documented: true });
      expect({
        argv,
        stack: /\n\s+at /.test(result.stderr),
        unexpected: result.stderr.includes('unexpected failure'),
      }).toEqual({ argv, stack: false, unexpected: false });
      if (result.code !== 0) expect({ argv, stdout: result.stdout }).toEqual({ argv, stdout: '' });
    }
    // The generator reaches both successes and refusals, so the loop above checks real paths.
    expect(codes.get(0)).toBeGreaterThan(10);
    expect(codes.get(2)).toBeGreaterThan(100);
  });
});
