import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeFetch } from '../../src/http.js';
import {
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { numbered } from '../helpers/invocations.js';

/**
 * Paging and pacing against real local servers: the emulator (sharing the CLI's fake clock, so
 * rate limits cost no real time) and hand-written hostile servers. Everything is counted:
 * requests, throttled answers, records printed; nothing is timed.
 */

let emulators: RunningEmulator[] = [];
let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  emulators = [];
  servers = [];
});

async function listAll(options: EmulatorOptions, args: string[]) {
  const clock = fakeClock(Date.UTC(2026, 10, 28, 12, 0, 0));
  const emulator = await startEmulator({ port: 0, seed: 11, now: clock.now, ...options });
  emulators.push(emulator);
  clock.advance(2 * 3_600_000); // every live invocation has settled
  const env = {
    TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY,
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TAT_ENDPOINT: emulator.url,
  };
  return runCli(['invocations', 'list', ...args], { env, fetch: nodeFetch(), clock });
}

const idsOf = (ndjson: string): string[] =>
  ndjson
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { InvocationId: string }).InvocationId);
const throttles = (stderr: string): number =>
  stderr.split('\n').filter((line) => line.includes('retry: RequestLimitExceeded')).length;
const requests = (stderr: string): number =>
  stderr.split('\n').filter((line) => /^\[debug\] > POST /.test(line)).length;

describe('list --all while invocations are created (issue 10.1)', () => {
  it('prints every invocation that existed for the whole run exactly once, 5 new ones arriving per request', async () => {
    const before = await listAll({ invocations: 300, rateLimit: 0 }, ['--all', '-o', 'ndjson']);
    const existing = idsOf(before.stdout);
    expect(existing).toHaveLength(300);

    const busy = await listAll({ invocations: 300, rateLimit: 0, arrivalsPerRequest: 5 }, ['--all', '-o', 'ndjson']);
    expect(busy.code).toBe(0);
    const printed = idsOf(busy.stdout);
    expect(new Set(printed).size).toBe(printed.length);
    expect(printed.filter((id) => !id.startsWith('inv-new'))).toEqual(existing);
  });
});

describe('pacing and throttling against the emulator', () => {
  it('at the default rate, a 2,000-invocation --all is never throttled by a 20/s server and costs one request per page (+1) (issue 13)', async () => {
    const result = await listAll({ invocations: 2000, rateLimit: 20 }, ['--all', '-o', 'ndjson', '--debug']);
    expect(result.code).toBe(0);
    expect(idsOf(result.stdout)).toHaveLength(2000);
    expect(throttles(result.stderr)).toBe(0);
    // 100, then 99 new per page: 21 pages, and one short page to see the end.
    expect(requests(result.stderr)).toBeLessThanOrEqual(22);
  });

  it('a server at 2/s against the default 20/s completes with nothing lost, even with --max-attempts 2 (issue 10.8)', async () => {
    const clean = await listAll({ invocations: 1000, rateLimit: 0 }, ['--all', '-o', 'ndjson']);
    const throttled = await listAll({ invocations: 1000, rateLimit: 2 }, [
      '--all',
      '-o',
      'ndjson',
      '--max-attempts',
      '2',
      '--debug',
    ]);
    expect(throttled.code).toBe(0);
    expect(throttled.stdout).toBe(clean.stdout);
    // It was throttled, slowed down, and throttling did not end the run.
    expect(throttles(throttled.stderr)).toBeGreaterThan(0);
    expect(throttled.stderr).toMatch(/slowing down to \d+(\.\d)? requests\/s/);
  });
});

/** A DescribeInvocations server over `count` records that pages the way `shape` says. */
async function pagingServer(
  count: number,
  shape: { total?: number; cap?: number; ignoreOffset?: boolean; failFrom?: number },
) {
  const records = Array.from({ length: count }, (_, i) => numbered(i));
  const asked: Array<[number, number]> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const params = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Offset?: number; Limit?: number };
      const offset = shape.ignoreOffset ? 0 : (params.Offset ?? 0);
      const limit = Math.min(params.Limit ?? 20, shape.cap ?? Infinity);
      asked.push([params.Offset ?? 0, params.Limit ?? 20]);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (shape.failFrom !== undefined && offset >= shape.failFrom) {
        res.end(
          JSON.stringify({
            Response: { Error: { Code: 'InvalidParameter', Message: 'boom' }, RequestId: `r-${asked.length}` },
          }),
        );
        return;
      }
      res.end(
        JSON.stringify({
          Response: {
            TotalCount: shape.total ?? count,
            InvocationSet: records.slice(offset, offset + limit),
            RequestId: `r-${asked.length}`,
          },
        }),
      );
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const list = (args: string[], stderrTTY = false) =>
    runCli(['invocations', 'list', ...args], {
      env: { ...BASE_ENV, TAT_ENDPOINT: url },
      fetch: nodeFetch(),
      stderrTTY,
      stdoutTTY: stderrTTY,
    });
  return { records, asked, list };
}

describe('servers that page differently (issue 10.2, 10.13)', () => {
  it.each([
    ['TotalCount 2^53-1 with 300 real records', { total: Number.MAX_SAFE_INTEGER } as { total?: number; cap?: number }],
    ['TotalCount 1e9 with 300 real records', { total: 1e9 }],
    ['pages capped at 30', { cap: 30 }],
  ])('%s: --all prints every record once, in bounded requests', async (_name, shape) => {
    const server = await pagingServer(300, shape);
    const result = await server.list(['--all', '-o', 'ndjson']);
    expect(result.code).toBe(0);
    expect(idsOf(result.stdout)).toEqual(server.records.map((r) => r.InvocationId));
    expect(server.asked.length).toBeLessThanOrEqual(shape.cap ? 14 : 8);
  });

  it('the same page whatever the offset: stops, prints what it got, and says what could not be fetched', async () => {
    const server = await pagingServer(300, { ignoreOffset: true });
    const result = await server.list(['--all', '-o', 'ndjson']);
    expect(result.code).toBe(1);
    expect(idsOf(result.stdout)).toEqual(server.records.slice(0, 100).map((r) => r.InvocationId));
    expect(result.stderr).toMatch(
      /paging stopped at offset \d+: 11 requests in a row brought nothing new \(100 fetched; the server counts 300\), so what follows could not be fetched/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(server.asked.length).toBeLessThan(20);
  });

  it('after --all, the terminal summary never suggests --all for more, even when the count lied', async () => {
    const server = await pagingServer(300, { total: 1e9 });
    const result = await server.list(['--all', '-o', 'json'], true);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Showing 300 invocations (the server's last count was 1000000000).");
    expect(result.stderr).not.toContain('--all');
  });
});

describe('resume hints after a failed later page (issue 10.11)', () => {
  it('json and table printed nothing, so the hint says to run again and never offers an --offset', async () => {
    for (const format of ['json', 'table']) {
      const server = await pagingServer(300, { failFrom: 99 });
      const result = await server.list(['--all', '-o', format]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        '100 of 300 invocations were fetched before the failure; nothing was printed (the document would have been incomplete); run the same command again.',
      );
      expect(result.stderr).not.toContain('--offset');
    }
  });

  it('ndjson printed the first page, so the hint resumes right after it', async () => {
    const server = await pagingServer(300, { failFrom: 99 });
    const result = await server.list(['--all', '-o', 'ndjson']);
    expect(result.code).toBe(1);
    expect(idsOf(result.stdout)).toHaveLength(100);
    expect(result.stderr).toContain('100 were printed; to get the rest, run the same command with --offset 100');
  });
});

describe('records of the wrong shape (issue 10.9)', () => {
  async function serving(record: Record<string, unknown>) {
    const server = createServer((req: IncomingMessage, res: ServerResponse) =>
      req.resume().on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          `{"Response":{"TotalCount":1,"InvocationSet":[${JSON.stringify(record).slice(0, -1)}${record.Deep === undefined ? '' : `,"Nested":${'['.repeat(1e6)}${']'.repeat(1e6)}`}}],"RequestId":"r"}}`,
        );
      }),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it.each([
    ['CommandName: 42', { CommandName: 42 }, /InvocationSet\[0\] \(inv-00000001\)\.CommandName is number 42, not text/],
    [
      'InvocationTaskBasicInfoSet as a string',
      { InvocationTaskBasicInfoSet: 'x' },
      /\(inv-00000001\)\.InvocationTaskBasicInfoSet is "x", not a list$/m,
    ],
    [
      'InvocationTaskBasicInfoSet of [null]',
      { InvocationTaskBasicInfoSet: [null] },
      /\(inv-00000001\)\.InvocationTaskBasicInfoSet\[0\] is null, not an object/,
    ],
    ['a value nested 10^6 deep', { Deep: 1 }, /\(inv-00000001\)\.Nested is nested more than 64 levels deep/],
  ])('%s: a clear error naming the field and the invocation, never a crash', async (_name, fields, message) => {
    const url = await serving({ ...numbered(1), ...fields });
    for (const format of ['json', 'tsv', 'table']) {
      const result = await runCli(['invocations', 'list', '-o', format], {
        env: { ...BASE_ENV, TAT_ENDPOINT: url },
        fetch: nodeFetch(),
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/unexpected failure|\n\s+at /);
    }
  });
});
