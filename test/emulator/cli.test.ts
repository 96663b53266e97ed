/** tat-emulator flags: validation (exit 2), help, and a start/stop run with a fake process. */
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { banner, parseArgs, runCli, type CliIo } from '../../src/emulator/cli.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../../src/emulator/index.js';
import { Client } from './helpers.js';

function fakeIo(): CliIo & { stdout: string; stderr: string; stop: (signal: string) => void; started: Promise<void> } {
  let stop: (signal: string) => void = () => undefined;
  let started: () => void = () => undefined;
  const io = {
    stdout: '',
    stderr: '',
    started: new Promise<void>((resolve) => (started = resolve)),
    out(text: string) {
      io.stdout += text;
      started();
    },
    err(text: string) {
      io.stderr += text;
    },
    waitForStop: () => new Promise<string>((resolve) => (stop = resolve)),
    stop: (signal: string) => stop(signal),
  };
  return io;
}

describe('tat-emulator flags', () => {
  it('defaults', () => {
    expect(parseArgs([])).toEqual({
      kind: 'run',
      options: {
        host: '127.0.0.1',
        port: 9000,
        secretId: DEMO_SECRET_ID,
        secretKey: DEMO_SECRET_KEY,
        tokens: undefined,
        invocations: 250,
        instances: 500,
        seed: 20201028,
        rateLimit: 20,
        latencyMs: 0,
        faultRate: 0,
        dropWriteReplies: 0,
        strictFilters: false,
        arrivalsPerRequest: 0,
        dataFile: undefined,
        live: 0,
        liveOutcomes: ['SUCCESS'],
        speed: 1,
        execute: false,
        allowRemoteExecute: false,
      },
      key: { kind: 'demo', key: DEMO_SECRET_KEY },
      printEnv: false,
    });
  });

  it('every flag', () => {
    const parsed = parseArgs([
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--secret-id',
      'AKIDx',
      '--secret-key',
      'k',
      '--token',
      't1',
      '--token',
      't2',
      '--invocations',
      '10',
      '--instances',
      '1200',
      '--seed',
      '3',
      '--rate-limit',
      '0',
      '--latency',
      '250',
      '--fault-rate',
      '0.25',
      '--drop-write-replies',
      '3',
      '--strict-filters',
      '--arrival-rate',
      '5',
      '--data',
      'f.json',
      '--live',
      '5',
      '--live-outcomes',
      'SUCCESS, failed',
      '--speed',
      '2.5',
      '--execute',
      '--allow-remote-execute',
      '--print-env',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        host: '0.0.0.0',
        port: 0,
        secretId: 'AKIDx',
        secretKey: 'k',
        tokens: ['t1', 't2'],
        invocations: 10,
        instances: 1200,
        seed: 3,
        rateLimit: 0,
        latencyMs: 250,
        faultRate: 0.25,
        dropWriteReplies: 3,
        strictFilters: true,
        arrivalsPerRequest: 5,
        dataFile: 'f.json',
        live: 5,
        liveOutcomes: ['SUCCESS', 'failed'],
        speed: 2.5,
        execute: true,
        allowRemoteExecute: true,
      },
      key: { kind: 'flag' },
      printEnv: true,
    });
  });

  it.each([
    [['--port', 'abc'], /--port must be an integer from 0 to 65535/],
    [['--port', '70000'], /--port/],
    [['--port', '-1'], /--port/],
    [['--invocations', '1.5'], /--invocations/],
    [['--instances', '100001'], /--instances must be an integer from 0 to 100000, got "100001"/],
    [['--seed', 'x'], /--seed/],
    [['--rate-limit', '-3'], /--rate-limit/],
    [['--latency', '1s'], /--latency/],
    [['--fault-rate', '1.5'], /--fault-rate must be a number from 0 to 1/],
    [['--fault-rate', 'often'], /--fault-rate/],
    [['--host', ''], /--host must not be empty/],
    [['--live', '-1'], /--live must be an integer from 0 to 1000/],
    [
      ['--live', '2', '--live-outcomes', 'SUCCESS,DONE'],
      /live outcomes must be final statuses \(SUCCESS, FAILED, TIMEOUT, CANCELLED, PARTIAL_FAILED, PARTIAL_CANCELLED\), got SUCCESS,DONE/,
    ],
    [['--speed', '0'], /--speed must be a number above 0 and at most 1000/],
    [['--speed', 'fast'], /--speed/],
    [['--secret-key', ' '], /--secret-key must not be empty/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--port'], /argument missing/],
    [['serve'], /too many arguments/],
    [
      ['--secret-key', 'k', '--secret-key-file', '/tmp/k'],
      /SecretKey is given more than once \(--secret-key, --secret-key-file\)/,
    ],
    [['--secret-key-file', '/nonexistent/key'], /--secret-key-file: cannot read \/nonexistent\/key \(ENOENT\)/],
    [['--token-file', '/nonexistent/tokens'], /--token-file: cannot read/],
  ])('%j is refused', (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });

  it('runCli: bad flags print to stderr and give exit 2; --help prints every flag and gives 0', async () => {
    const io = fakeIo();
    expect(await runCli(['--fault-rate', '2'], io)).toBe(2);
    expect(io.stderr).toMatch(/^tat-emulator: --fault-rate .*\nRun "tat-emulator --help"/);
    expect(io.stdout).toBe('');
    const help = fakeIo();
    expect(await runCli(['--help'], help)).toBe(0);
    for (const flag of [
      '--host',
      '--port',
      '--secret-id',
      '--secret-key',
      '--invocations',
      '--instances',
      '--seed',
      '--rate-limit',
      '--latency',
      '--fault-rate',
      '--strict-filters',
      '--data',
      '--help',
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('runCli: a missing --data file gives exit 2 before listening', async () => {
    const io = fakeIo();
    expect(await runCli(['--port', '0', '--data', '/nonexistent/tat.json'], io)).toBe(2);
    expect(io.stderr).toMatch(/cannot read data file/);
    expect(io.stdout).toBe('');
  });

  it('runCli: a taken port gives exit 1 and says to pick another port or --port 0', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const io = fakeIo();
      expect(await runCli(['--port', String(port)], io)).toBe(1);
      expect(io.stderr).toContain('EADDRINUSE');
      expect(io.stderr).toContain('pick another with --port <port>, or --port 0 for any free one');
      expect(io.stdout).toBe('');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('runCli: prints the listening line first, serves, and stops cleanly on a signal', async () => {
    const io = fakeIo();
    const done = runCli(['--port', '0', '--rate-limit', '0'], io);
    await io.started;
    const lines = io.stdout.split('\n');
    const match = /^TAT emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(lines[0] ?? '');
    expect(match).not.toBeNull();
    expect(lines.filter((l) => l.startsWith('TAT emulator listening on'))).toHaveLength(1);
    expect(io.stdout).toContain(
      `TENCENTCLOUD_SECRET_ID=${DEMO_SECRET_ID} TENCENTCLOUD_SECRET_KEY=${DEMO_SECRET_KEY} TENCENTCLOUD_REGION=ap-guangzhou TAT_ENDPOINT=${match?.[1]} tat invocations list`,
    );
    const port = Number(match?.[2]);
    const client = new Client({ url: `http://127.0.0.1:${port}` } as never);
    expect((await client.call({ InvocationIds: ['inv-q4zp60g0'] })).TotalCount).toBe(1);
    io.stop('SIGTERM');
    expect(await done).toBe(0);
    expect(io.stderr).toContain('stopped (SIGTERM)');
    await expect(client.raw({})).rejects.toThrow(/ECONNREFUSED/);
  });

  it('the banner never prints a custom secret key', () => {
    const text = banner({ url: 'http://127.0.0.1:9000', secretId: 'AKIDmine', secretKey: 'super-secret' } as never, {
      kind: 'flag',
    });
    expect(text).not.toContain('super-secret');
    expect(text).toContain('AKIDmine');
  });
});
