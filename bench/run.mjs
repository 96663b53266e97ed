#!/usr/bin/env node
// `npm run bench`: every performance goal of tat as a ratio against its reference, measured side
// by side in one run, printed as a table and written to docs/benchmarks.md. Starts its own
// emulators on 127.0.0.1, needs no network, takes a few minutes. Not part of `npm test`.
//
// Wall clock: hyperfine (interleaved runs, medians). Peak memory: the kernel's accounting
// (GNU time's %M, the peak resident set). Instructions: valgrind's callgrind, where wall clock on
// a shared machine is too noisy to judge a 20% budget. Missing tools are installed from Debian
// packages (apt-get) when run as root; otherwise their rows say what is missing.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPager } from './pager.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TAT = join(ROOT, 'bin/tat.js');
const SDK = join(ROOT, 'bench/sdk-list.mjs');
const PROBE = join(ROOT, 'bench/heap-probe.mjs');
const NODE = process.execPath;
const TMP = mkdtempSync(join(tmpdir(), 'tat-bench-'));
const QUICK = process.env.BENCH_QUICK === '1';
// BENCH_ONLY=memory,table runs only those parts (startup, oneCall, pacing, memory, instanceFilter, filtered, taskDetails, table, emulatorCost, emulatorTasks, runFleet, liveView) and writes no docs.
const ONLY = process.env.BENCH_ONLY?.split(',');
const started = Date.now();
const loadAtStart = (await import('node:os')).loadavg()[0];
const log = (line) => process.stderr.write(`bench: ${line}\n`);

// ---------- tools ----------
const TOOLS = { hyperfine: 'hyperfine', valgrind: 'valgrind', '/usr/bin/time': 'time' };
function have(tool) {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}
function ensureTools() {
  const missing = Object.entries(TOOLS).filter(([tool]) => !have(tool));
  if (missing.length === 0) return;
  const packages = missing.map(([, pkg]) => pkg);
  if (process.getuid?.() !== 0) {
    log(`missing ${packages.join(', ')}; run as root or: sudo apt-get install -y ${packages.join(' ')}`);
    return;
  }
  log(`installing ${packages.join(', ')} from Debian packages`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

// ---------- measures ----------
// Everything is spawned asynchronously: the emulators run in this process and must keep answering.
function exec(command, args, { env, stdout = 'pipe' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', stdout, 'pipe'] });
    const out = [];
    const err = [];
    child.stdout?.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

async function hyperfine(commands, { runs = 15, warmup = 3, env }) {
  const out = join(TMP, 'hyperfine.json');
  const args = ['-N', '--warmup', String(warmup), '--runs', String(runs), '--export-json', out, '--style', 'none', ...commands];
  const result = await exec('hyperfine', args, { env });
  if (result.status !== 0) throw new Error(`hyperfine failed: ${result.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')).results.map((r) => r.median * 1000);
}

async function instructions(args, env) {
  const out = join(TMP, 'callgrind.out');
  const result = await exec('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, NODE, ...args], { env });
  const match = /Collected : (\d+)/.exec(result.stderr ?? '');
  if (!match) throw new Error(`callgrind failed for ${args.join(' ')}: ${result.stderr?.slice(-500)}`);
  return Number(match[1]);
}

/** Runs node with args under GNU time: peak RSS (MiB), wall seconds, stdout size, stderr text. */
function measured(args, env, { stdout = join(TMP, 'stdout') } = {}) {
  return measuredToFile(args, env, stdout);
}

/** Like measured(), but stdout goes to a file by the shell, not through this process (huge outputs). */
async function measuredToFile(args, env, file) {
  const timing = join(TMP, 'time');
  const start = process.hrtime.bigint();
  const quoted = [NODE, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const result = await exec('/bin/sh', ['-c', `/usr/bin/time -f %M -o '${timing}' ${quoted} > '${file}'`], { env });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
  const peakKiB = Number(readFileSync(timing, 'utf8').trim().split('\n').pop());
  return { rssMiB: peakKiB / 1024, wall, bytes: statSync(file).size, stderr: result.stderr, stdoutFile: file };
}

// ---------- emulators ----------
const { startEmulator, DEMO_SECRET_ID, DEMO_SECRET_KEY } = await import(join(ROOT, 'dist/emulator/index.js'));
const emulators = [];
async function emulator(options) {
  const counter = { requests: 0 };
  const latency = options.latencyMs ?? 0;
  const emu = await startEmulator({
    port: 0,
    rateLimit: 0,
    seed: 7,
    ...options,
    // Counts every request; waits the latency when there is one.
    latencyMs: latency > 0 ? latency : 1,
    sleep: (ms) => {
      counter.requests++;
      return latency > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
    },
  });
  emulators.push(emu);
  return { emu, counter, env: envFor(emu.url) };
}
function envFor(url) {
  return {
    ...process.env,
    HOME: join(TMP, 'home'),
    TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY,
    TENCENTCLOUD_REGION: 'ap-guangzhou',
    TAT_ENDPOINT: url,
  };
}
/** Builds a region's fleet before anything is timed (the first request builds it). */
async function warm(env) {
  const result = await exec(NODE, [TAT, 'invocations', 'list', '--limit', '1', '-o', 'json'], { env });
  if (result.status !== 0) throw new Error(`warming the emulator failed: ${result.stderr}`);
}

// ---------- rows ----------
const rows = [];
const notes = [];
function row(name, measure, value, goal, met, reference) {
  rows.push({ name, measure, value, goal, met, reference });
  log(`${met === undefined ? '  ' : met ? 'ok' : 'NO'} ${name}: ${value} (goal ${goal})`);
}
const x = (n) => `${n.toFixed(2)}×`;
const mib = (n) => `${n.toFixed(0)} MiB`;

async function startup() {
  // A home with profiles in every file completion reads, so the callback does its whole work.
  const home = join(TMP, 'startup-home');
  mkdirSync(join(home, '.tencentcloud'), { recursive: true });
  mkdirSync(join(home, '.tccli'), { recursive: true });
  mkdirSync(join(home, '.config', 'tat'), { recursive: true });
  writeFileSync(join(home, '.tencentcloud', 'credentials'), '[default]\nsecret_id = AKIDx\n[prod]\nsecret_id = AKIDy\n');
  writeFileSync(join(home, '.tccli', 'staging.credential'), '{}');
  writeFileSync(join(home, '.config', 'tat', 'config.json'), '{"profiles":{"ci":{"region":"ap-guangzhou"}}}');
  const env = { ...process.env, HOME: home };
  // Each case: tat's arguments, the row's name. The terminal case runs both sides under `script`
  // (a pseudo-terminal 100 columns wide), so what script costs is in the reference too.
  const cases = [
    [['--version'], '`tat --version`'],
    [['--help'], '`tat --help` (piped)'],
    [['help'], '`tat help`'],
    [['invocations', 'list', '--help'], '`tat invocations list --help`'],
    [['__complete', 'profiles', ''], 'completion callback (`--profile <Tab>`: `tat __complete profiles`)'],
  ];
  const inPty = (command) => `script -qec ${shellQuote(`stty cols 100 rows 40; ${command}`)} /dev/null`;
  const terminal = have('script') ? [[`${NODE} ${TAT} --help`, '`tat --help` on a terminal']] : [];
  if (have('hyperfine')) {
    const runs = QUICK ? 10 : 20;
    const [bare, ...times] = await hyperfine([`${NODE} -e ''`, ...cases.map(([args]) => [NODE, TAT, ...args].map(shellQuote).join(' '))], { runs, env });
    cases.forEach(([, name], i) => row(`${name} vs \`node -e ''\``, 'wall, median', `${x(times[i] / bare)} (${times[i].toFixed(0)} vs ${bare.toFixed(0)} ms)`, '≤ 1.2×', times[i] / bare <= 1.2, 'node -e'));
    if (terminal.length > 0) {
      // hyperfine -N runs commands without a shell; script gives each its pseudo-terminal.
      const [bareTty, helpTty] = await hyperfine([inPty(`${NODE} -e ''`), inPty(terminal[0][0])], { runs, env });
      row(`${terminal[0][1]} vs \`node -e ''\` (both under script)`, 'wall, median', `${x(helpTty / bareTty)} (${helpTty.toFixed(0)} vs ${bareTty.toFixed(0)} ms)`, '≤ 1.2×', helpTty / bareTty <= 1.2, 'node -e');
    }
  }
  if (have('valgrind')) {
    const base = await instructions(['-e', ''], env);
    for (const [args, name] of cases) {
      const count = await instructions([TAT, ...args], env);
      row(`${name} vs \`node -e ''\``, 'instructions', `${x(count / base)} (${(count / 1e6).toFixed(0)}M vs ${(base / 1e6).toFixed(0)}M)`, '≤ 1.2×', count / base <= 1.2, 'node -e');
    }
  }
}

function shellQuote(text) {
  return /^[\w./=:,@+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

async function oneCall() {
  const { env } = await emulator({ invocations: 250 });
  await warm(env);
  if (have('hyperfine')) {
    const [bare, tat, sdk] = await hyperfine([`${NODE} -e ''`, `${NODE} ${TAT} invocations list -o json`, `${NODE} ${SDK}`], { runs: QUICK ? 8 : 15, env });
    row('`tat invocations list -o json` (20 rows) vs official-SDK script', 'wall, median', `${x(tat / sdk)} (${tat.toFixed(0)} vs ${sdk.toFixed(0)} ms)`, '≤ 1.0×', tat / sdk <= 1.0, 'SDK script');
    row('`tat invocations list -o json` vs `node -e \'\'`', 'wall, median', `${x(tat / bare)} (${tat.toFixed(0)} vs ${bare.toFixed(0)} ms)`, '≤ 2.5×', tat / bare <= 2.5, 'node -e');
  }
  if (have('valgrind')) {
    const tat = await instructions([TAT, 'invocations', 'list', '-o', 'json'], env);
    const sdk = await instructions([SDK], env);
    const bare = await instructions(['-e', ''], env);
    row('`tat invocations list -o json` vs official-SDK script', 'instructions', `${x(tat / sdk)} (${(tat / 1e6).toFixed(0)}M vs ${(sdk / 1e6).toFixed(0)}M)`, '≤ 1.0×', tat / sdk <= 1.0, 'SDK script');
    row('`tat invocations list -o json` vs `node -e \'\'`', 'instructions', `${x(tat / bare)}`, '≤ 2.5×', tat / bare <= 2.5, 'node -e');
  }
  if (have('/usr/bin/time')) {
    const tat = await measured([TAT, 'invocations', 'list', '-o', 'json'], env);
    const sdk = await measured([SDK], env);
    row('`tat invocations list -o json` peak RSS', 'peak RSS', `${mib(tat.rssMiB)} (SDK script ${mib(sdk.rssMiB)})`, '≤ 60 MiB', tat.rssMiB <= 60, 'SDK script');
  }
}

async function pacing() {
  const size = 10_000;
  const { env, counter } = await emulator({ invocations: size, latencyMs: 100, rateLimit: 20 });
  await warm(env);
  counter.requests = 0;
  const run = await measured([TAT, 'invocations', 'list', '--all', '-o', 'ndjson', '--debug'], env);
  const throttled = run.stderr.split('\n').filter((line) => line.startsWith('retry:') && line.includes('RequestLimitExceeded')).length;
  // The floor: every request the listing needs, at the server's 20 a second.
  const pages = Math.ceil((size + 2) / 100) + 1;
  const floor = pages / 20;
  row(`\`list --all -o ndjson\`, ${size.toLocaleString('en')} invocations, 100 ms latency, server 20 req/s`, 'wall vs floor', `${x(run.wall / floor)} (${run.wall.toFixed(1)} s vs ${floor.toFixed(2)} s; ${counter.requests} requests)`, '≤ 1.1×', run.wall / floor <= 1.1, 'rate-limit floor');
  row('… throttled requests (RequestLimitExceeded)', 'count', String(throttled), '0', throttled === 0, 'none');
}

/** 100 records as the emulator lists them: the pager's templates. */
async function templates() {
  const { env } = await emulator({ invocations: 100 });
  const result = await exec(NODE, [TAT, 'invocations', 'list', '--limit', '100', '-o', 'ndjson'], { env });
  await emulators.pop().close();
  return result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/**
 * Peak RSS of `list --all` at 10k, 100k and 1M invocations, from the pager (bench/pager.mjs: the
 * emulator keeps a region to 100,000), without client pacing (`--rate-limit 0`: at the API's
 * 20 requests a second a million takes 9 minutes), output to /dev/null (json: to a file, for its
 * size), with V8's own view of the heap from bench/heap-probe.mjs.
 */
async function memory() {
  const sizes = QUICK ? [10_000, 30_000, 100_000] : [10_000, 100_000, 1_000_000];
  const records = await templates();
  const results = {};
  for (const size of sizes) {
    const pager = await startPager({ size, templates: records });
    results[size] = {};
    // The largest size for ndjson only: a million through tsv and json as well would overrun the 10 minutes.
    for (const format of size === sizes[2] ? ['ndjson'] : ['ndjson', 'tsv', 'json']) {
      const probe = join(TMP, 'probe.json');
      const file = format === 'json' ? join(TMP, `out-${size}.json`) : '/dev/null';
      const run = await measuredToFile(['--import', PROBE, TAT, 'invocations', 'list', '--all', '--rate-limit', '0', '-o', format], { ...envFor(pager.url), TAT_BENCH_PROBE: probe }, file);
      if (format === 'json') rmSync(file, { force: true });
      results[size][format] = { ...run, probe: JSON.parse(readFileSync(probe, 'utf8')), requests: pager.requests() };
    }
    await pager.close();
  }
  const label = (n) => n.toLocaleString('en');
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
  for (const format of ['ndjson', 'tsv']) {
    const points = sizes.filter((size) => results[size][format]);
    const peaks = points.map((size) => results[size][format].rssMiB);
    const spread = Math.max(...peaks) / Math.min(...peaks);
    const tail = points.length > 2 ? `; ${label(points[1])} → ${label(points[2])}: ${x(peaks[2] / peaks[1])}` : '';
    row(`\`list --all -o ${format}\`, ${points.map(label).join(' → ')}`, 'peak RSS', `${peaks.map((p) => p.toFixed(0)).join(' → ')} MiB (${x(peaks.at(-1) / peaks[0])}${tail})`, 'flat (±10%)', spread <= 1.1, `${label(points[0])}-invocation run`);
    const probes = points.map((size) => results[size][format].probe);
    const series = (key) => probes.map((p) => mb(p[key])).join(' → ');
    row(`… where it is, in V8's heap (${format})`, 'peak MiB', `young generation ${series('newSpace')}; old space used ${series('oldSpaceUsed')}; large objects ${series('largeObjects')}; heap used ${series('heapUsed')}`, 'reported', undefined, 'heap-probe');
  }
  const [small, large] = sizes;
  const a = results[small].json;
  const b = results[large].json;
  const growth = (b.rssMiB - a.rssMiB) / ((b.bytes - a.bytes) / 2 ** 20);
  row(
    `\`list --all -o json\`, ${label(small)} → ${label(large)}`,
    'peak RSS growth vs output growth',
    `${mib(a.rssMiB)} → ${mib(b.rssMiB)}; output ${mib(a.bytes / 2 ** 20)} → ${mib(b.bytes / 2 ** 20)}; ${x(growth)}`,
    '≤ 1.5× the output',
    growth <= 1.5,
    'output size',
  );
}

async function instanceFilter() {
  // The busiest instance of a 10,000-invocation fleet, on a server without the native filter.
  const { env, counter } = await emulator({ invocations: 10_000, strictFilters: true });
  await warm(env);
  const listing = join(TMP, 'fleet.ndjson');
  await measuredToFile([TAT, 'invocations', 'list', '--all', '--rate-limit', '0', '-o', 'ndjson'], env, listing);
  const counts = new Map();
  for (const line of readFileSync(listing, 'utf8').split('\n')) {
    if (!line) continue;
    for (const task of JSON.parse(line).InvocationTaskBasicInfoSet ?? []) counts.set(task.InstanceId, (counts.get(task.InstanceId) ?? 0) + 1);
  }
  rmSync(listing, { force: true });
  const [instance, count] = [...counts].sort((p, q) => q[1] - p[1])[0];
  counter.requests = 0;
  const run = await measured([TAT, 'invocations', 'list', '--filter', `instance-id=${instance}`, '-o', 'json'], env);
  const shown = JSON.parse(readFileSync(run.stdoutFile, 'utf8')).length;
  row(`\`list --filter instance-id=X\` (${count.toLocaleString('en')} invocations on X, server without the filter)`, 'requests', `${counter.requests} requests for ${shown} rows`, '≤ 3 for 20 rows', counter.requests <= 3, 'rows shown');
  await emulators.pop().close();
}

async function filtered() {
  // The same listing with and without a filter tat applies itself (--status), against a 100 ms
  // server at the default pace: the same pages, asked a window at a time in both (issue 19.15).
  const size = QUICK ? 1_000 : 3_000;
  const { env, counter } = await emulator({ invocations: size, latencyMs: 100 });
  await warm(env);
  const run = async (extra) => {
    counter.requests = 0;
    const result = await measured([TAT, 'invocations', 'list', '--all', ...extra, '-o', 'ndjson'], env);
    return { wall: result.wall, requests: counter.requests };
  };
  const plain = await run([]);
  const status = await run(['--status', 'FAILED']);
  row(
    `\`list --status FAILED --all\`, ${size.toLocaleString('en')} invocations, 100 ms latency, vs unfiltered \`--all\``,
    'wall, requests',
    `${x(status.wall / plain.wall)} (${status.wall.toFixed(1)} vs ${plain.wall.toFixed(1)} s; ${status.requests} vs ${plain.requests} requests)`,
    '≤ 1.1×, same requests',
    status.wall / plain.wall <= 1.1 && status.requests <= plain.requests,
    'unfiltered --all',
  );
  await emulators.pop().close();
}

async function taskDetails() {
  // A detail view of 1,000 invocations: their tasks are asked by task id, 100 a request (issue 19.16).
  const { env, counter } = await emulator({ invocations: 2_000 });
  await warm(env);
  const listed = await exec(NODE, [TAT, 'invocations', 'list', '--limit', '1000', '-o', 'ndjson'], { env });
  const invocations = listed.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const ids = invocations.map((invocation) => invocation.InvocationId);
  const tasks = invocations.reduce((sum, invocation) => sum + (invocation.InvocationTaskBasicInfoSet?.length ?? 0), 0);
  counter.requests = 0;
  const run = await measured([TAT, 'invocations', 'get', ...ids, '-o', 'table'], { ...env, COLUMNS: '160' });
  const floor = Math.ceil(ids.length / 100) + Math.ceil(tasks / 100);
  row(
    `\`invocations get <${ids.length.toLocaleString('en')} ids> -o table\` (${tasks.toLocaleString('en')} tasks)`,
    'requests',
    `${counter.requests} requests (${run.wall.toFixed(1)} s)`,
    `≤ ${floor} (100 ids a request)`,
    counter.requests <= floor,
    'ids / 100',
  );
  await emulators.pop().close();
}

async function table() {
  // Unpaced (--rate-limit 0): at the API's pace both take the same 5 s and the rendering would not show.
  const { env } = await emulator({ invocations: 10_000 });
  await warm(env);
  const list = (format) => [TAT, 'invocations', 'list', '--all', '--rate-limit', '0', '-o', format];
  const wide = { ...env, COLUMNS: '160' };
  if (have('hyperfine')) {
    const [tsv, tableMs] = await hyperfine([list('tsv'), list('table')].map((args) => `${NODE} ${args.join(' ')}`), { runs: QUICK ? 2 : 4, warmup: 1, env: wide });
    row('`list --all -o table`, 10,000 rows, vs `-o tsv`', 'wall, median', `${x(tableMs / tsv)} (${(tableMs / 1000).toFixed(1)} vs ${(tsv / 1000).toFixed(1)} s)`, 'reported', undefined, 'tsv');
  }
  if (have('/usr/bin/time')) {
    const tsv = await measuredToFile(list('tsv'), wide, '/dev/null');
    const tableRun = await measuredToFile(list('table'), wide, '/dev/null');
    row('`list --all -o table`, 10,000 rows, vs `-o tsv`', 'peak RSS', `${mib(tableRun.rssMiB)} vs ${mib(tsv.rssMiB)} (${x(tableRun.rssMiB / tsv.rssMiB)})`, 'reported', undefined, 'tsv');
  }
  await emulators.pop().close();
}

/**
 * `wait` on thousands of ids (ended ones: a single round of polls) with the live view on a
 * pseudo-terminal (script) against the same wait piped (change lines): peak RSS and wall clock.
 * The view once built every invocation's line each frame, measuring the id column per line (a
 * frame took 1 s at 10,000 ids) and holding a frame's strings for every id; now it reads each
 * entry a few times and builds only the lines on screen.
 */
async function liveView() {
  const size = QUICK ? 2_000 : 10_000;
  const { env } = await emulator({ invocations: size });
  await warm(env);
  const listed = await exec(NODE, [TAT, 'invocations', 'list', '--all', '--rate-limit', '0', '-o', 'tsv'], { env });
  // Ended ones only (one round of polls each way): the generated fleet has a few still running.
  const ended = new Set(['SUCCESS', 'FAILED', 'TIMEOUT', 'CANCELLED', 'PARTIAL_FAILED', 'PARTIAL_CANCELLED']);
  const ids = listed.stdout.trim().split('\n').map((line) => line.split('\t')).filter((fields) => ended.has(fields[1])).map((fields) => fields[0]);
  const timing = join(TMP, 'time');
  // The ids from a file: ten thousand of them are more than one argument of `sh -c` may hold.
  const idFile = join(TMP, 'ids');
  writeFileSync(idFile, ids.join(' '));
  const wait = `${NODE} ${TAT} invocations wait $(cat '${idFile}') -o ndjson > /dev/null`;
  const peak = async (command) => {
    const start = process.hrtime.bigint();
    const result = await exec('/bin/sh', ['-c', command], { env: { ...env, TERM: 'xterm-256color' } });
    if (result.status !== 0) throw new Error(`wait exited ${result.status}: ${result.stderr.slice(-500)}`);
    return { rss: Number(readFileSync(timing, 'utf8').trim().split('\n').pop()) / 1024, wall: Number(process.hrtime.bigint() - start) / 1e9 };
  };
  // Inside script's own shell: its ids are read there, not by the shell that starts script.
  const live = await peak(`script -qec "stty rows 40 cols 120; /usr/bin/time -f %M -o '${timing}' ${wait.replace('$(', '\\$(')}" /dev/null > /dev/null`);
  const piped = await peak(`/usr/bin/time -f %M -o '${timing}' ${wait} 2> /dev/null`);
  const label = `\`invocations wait\`, ${ids.length.toLocaleString('en')} ids, live view on a terminal vs piped`;
  row(label, 'peak RSS', `${mib(live.rss)} vs ${mib(piped.rss)} (${x(live.rss / piped.rss)})`, '≤ 1.2× piped', live.rss / piped.rss <= 1.2, 'piped');
  row(label, 'wall', `${live.wall.toFixed(1)} vs ${piped.wall.toFixed(1)} s (${x(live.wall / piped.wall)})`, '≤ 1.2× piped', live.wall / piped.wall <= 1.2, 'piped');
  await emulators.pop().close();
}

async function emulatorCost() {
  // Memory per 100,000-invocation region: what it holds (V8 heap used plus buffers outside it),
  // in this process, each side after a full collection. RSS growth was measured before: it moved
  // by 60 MiB with run order (V8 keeps the heap it grew while building), which says little about
  // what a region holds.
  const held = () => {
    global.gc?.();
    const { heapUsed, external } = process.memoryUsage();
    return heapUsed + external;
  };
  const before = held();
  const { env } = await emulator({ invocations: 100_000 });
  await warm(env);
  const built = (held() - before) / 2 ** 20;
  await emulators.pop().close();
  // CPU per Limit-100 page: a tat-emulator process of its own, read from /proc, so that only its
  // work counts (in this process the other emulators' and the bench's garbage collection did too);
  // the median of three listings of 200 pages, after one that is not counted.
  const perPage = await standaloneCpuPerPage(200);
  row('emulator: CPU per Limit-100 page (100,000-invocation region)', 'CPU ms', perPage === undefined ? 'not measured (no /proc)' : `${perPage.toFixed(1)} ms`, '< 2 ms', perPage !== undefined && perPage < 2, 'budget');
  row('emulator: memory of a 100,000-invocation region', 'held (heap + external)', mib(built), '≪ 195 MiB', built < 100, 'previous 195 MiB');
}

/** A `--data` set: `invocations` invocations of `perInvocation` tasks each, every task given in InvocationTaskSet with an output. */
function taskData(invocations, perInvocation) {
  const set = Array.from({ length: invocations }, (_, i) => ({
    InvocationId: `inv-bench${String(i).padStart(5, '0')}`,
    CommandId: 'cmd-bench000',
    InvocationStatus: 'SUCCESS',
    CreatedTime: new Date(Date.UTC(2025, 0, 2) + i * 1000).toISOString(),
    InvocationTaskBasicInfoSet: Array.from({ length: perInvocation }, (_, j) => ({ InvocationTaskId: `invt-b${i}t${j}`, TaskStatus: 'SUCCESS', InstanceId: `ins-b${String(j).padStart(8, '0')}` })),
  }));
  const tasks = set.flatMap((inv) => inv.InvocationTaskBasicInfoSet.map((basic) => ({ InvocationTaskId: basic.InvocationTaskId, TaskResult: { ExitCode: 0, Output: Buffer.from(`${basic.InstanceId}: ${'ok '.repeat(60)}\n`).toString('base64') } })));
  return { InvocationSet: set, InvocationTaskSet: tasks };
}

async function emulatorTasks() {
  // Both are ratios of 4× the work: linear code takes about 4× (plus fixed costs, which pull it
  // lower); the quadratic code they replace took 16× and more (40,000 tasks loaded in 11 s,
  // `output` of 5,000 tasks took 105-122 s when each task of a page built all 5,000).
  const runs = QUICK ? 1 : 3;
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const loadMs = async (tasks) => {
    const data = taskData(40, tasks / 40);
    const times = [];
    for (let run = 0; run < runs; run++) {
      const start = process.hrtime.bigint();
      const emu = await startEmulator({ port: 0, rateLimit: 0, data });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      await emu.close();
    }
    return median(times);
  };
  const [load10k, load40k] = [await loadMs(10_000), await loadMs(40_000)];
  row('emulator: `--data` load, 40,000 tasks vs 10,000', 'wall, median', `${x(load40k / load10k)} (${load40k.toFixed(0)} vs ${load10k.toFixed(0)} ms)`, '≤ 5× (linear: 4×)', load40k / load10k <= 5, '10,000 tasks');
  const outputMs = async (tasks) => {
    const { env } = await emulator({ data: taskData(1, tasks) });
    const args = [TAT, 'invocations', 'output', 'inv-bench00000', '--rate-limit', '0'];
    const times = [];
    for (let run = 0; run < runs; run++) times.push((await measuredToFile(args, env, '/dev/null')).wall * 1000);
    await emulators.pop().close();
    return median(times);
  };
  const [out5k, out20k] = [await outputMs(5000), await outputMs(20_000)];
  row('emulator: `invocations output` of 20,000 tasks vs 5,000', 'wall, median', `${x(out20k / out5k)} (${(out20k / 1000).toFixed(2)} vs ${(out5k / 1000).toFixed(2)} s)`, '≤ 5× (linear: 4×)', out20k / out5k <= 5, '5,000 tasks');
}

/** Online Linux CVMs of the emulator's fleet, as a --instances-from file of `n` ids. */
async function fleetFile(env, n) {
  const result = await exec(NODE, [TAT, 'agents', 'list', '--status', 'online', '--environment', 'linux', '--all', '--rate-limit', '0', '-o', 'ndjson'], { env });
  if (result.status !== 0) throw new Error(`listing the fleet failed: ${result.stderr}`);
  const ids = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line).InstanceId).filter((id) => id.startsWith('ins-')).slice(0, n);
  if (ids.length < n) throw new Error(`the fleet has ${ids.length} online Linux CVMs, not ${n}`);
  const file = join(TMP, `hosts-${n}.txt`);
  writeFileSync(file, `${ids.join('\n')}\n`);
  return file;
}

/**
 * `tat run` on 1,000 instances against an emulator with the API's 20 requests a second and 100 ms
 * of latency: every request it needs (agents 100 a request, writes 200 a request, polls, the
 * ended tasks' output 100 a request) against the time those requests take at 20 a second plus
 * the time the tasks themselves take; then the memory of following 10,000 tasks against 1,000.
 */
async function runFleet() {
  const script = 'echo "deployed on $(hostname)"';
  {
    const { env, counter } = await emulator({ instances: 1200, latencyMs: 100, rateLimit: 20 });
    const hosts = await fleetFile(env, 1000);
    counter.requests = 0;
    const run = await measured([TAT, 'run', script, '--instances-from', hosts, '--yes', '--interval', '1s', '-o', 'ndjson', '--debug'], env);
    const throttled = run.stderr.split('\n').filter((line) => line.includes('retry:') && line.includes('RequestLimitExceeded')).length;
    const records = readFileSync(run.stdoutFile, 'utf8').split('\n').filter(Boolean).length;
    // What the run cannot do without: 10 agent look-ups, 5 writes, the polls of the 5 invocations
    // (one request each round) and the 1,000 tasks' output, 100 a request; at 20 a second. Then the
    // tasks' own life in the emulator (delivered after 0.3 s, started after 1 s) and one poll interval.
    const needed = 10 + 5 + 10 + 2;
    const floor = needed / 20 + 1.3 + 1;
    row('`tat run` on 1,000 instances, 100 ms latency, server 20 req/s', 'wall vs floor', `${x(run.wall / floor)} (${run.wall.toFixed(1)} s vs ${floor.toFixed(2)} s; ${counter.requests} requests, ${needed} needed; ${records} records)`, '≤ 1.5×', run.wall / floor <= 1.5 && records === 1000, 'rate-limit floor + task time');
    row('… throttled requests (RequestLimitExceeded)', 'count', String(throttled), '0', throttled === 0, 'none');
    await emulators.pop().close();
  }
  const peaks = {};
  const probes = {};
  for (const n of QUICK ? [1000, 3000] : [1000, 10_000]) {
    const { env } = await emulator({ instances: n + 200 });
    const hosts = await fleetFile(env, n);
    const probe = join(TMP, 'probe.json');
    const run = await measuredToFile(['--import', PROBE, TAT, 'run', script, '--instances-from', hosts, '--yes', '--interval', '1s', '-o', 'ndjson', '--quiet'], { ...env, TAT_BENCH_PROBE: probe }, '/dev/null');
    peaks[n] = run.rssMiB;
    probes[n] = JSON.parse(readFileSync(probe, 'utf8'));
    await emulators.pop().close();
  }
  const [small, large] = Object.keys(peaks).map(Number);
  const ratio = peaks[large] / peaks[small];
  const series = (key) => `${(probes[small][key] / 2 ** 20).toFixed(0)} → ${(probes[large][key] / 2 ** 20).toFixed(0)}`;
  row(`\`tat run\` following ${small.toLocaleString('en')} → ${large.toLocaleString('en')} tasks`, 'peak RSS', `${mib(peaks[small])} → ${mib(peaks[large])} (${x(ratio)} for ${large / small}× the tasks)`, '≤ 2×', ratio <= 2, `${small.toLocaleString('en')} tasks`);
  row('… where it is, in V8\'s heap (tat run)', 'peak MiB', `young generation ${series('newSpace')}; old space used ${series('oldSpaceUsed')}; heap used ${series('heapUsed')}`, 'reported', undefined, 'heap-probe');
}

async function standaloneCpuPerPage(pages) {
  const server = spawn(NODE, [join(ROOT, 'bin/tat-emulator.js'), '--port', '0', '--invocations', '100000', '--rate-limit', '0', '--seed', '7'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let text = '';
      server.stdout.on('data', (chunk) => {
        text += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(text);
        if (match) resolve(match[1]);
      });
      server.on('exit', () => reject(new Error('tat-emulator exited before listening')));
    });
    // utime + stime, in clock ticks (fields 14 and 15 of /proc/PID/stat).
    const ticks = () => {
      const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(fields[11]) + Number(fields[12]);
    };
    const env = envFor(url);
    await warm(env);
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    // The first listing after the region is built also pays for collecting the build's garbage
    // (a region is built once per process): it is run but not counted; the median of three
    // listings after it is the steady per-page cost (ticks are 10 ms, so each spans 200 pages).
    const perPage = [];
    for (let run = 0; run < 4; run++) {
      const start = ticks();
      const result = await exec(NODE, [TAT, 'invocations', 'list', '--limit', String(pages * 100), '--rate-limit', '0', '-o', 'ndjson'], { env, stdout: 'ignore' });
      if (result.status !== 0) throw new Error(`listing the standalone emulator failed: ${result.stderr}`);
      if (run > 0) perPage.push(((ticks() - start) * 1000) / hz / pages);
    }
    return perPage.sort((a, b) => a - b)[1];
  } catch (error) {
    if (error?.code === 'ENOENT') return undefined;
    throw error;
  } finally {
    server.kill();
  }
}

/** What would close each goal that is not met (see docs/benchmarks.md). */
const CLOSERS = [
  [/--help.*wall/, 'Instructions are within budget; wall clock on the shared machine is noise-bound here. What remains beyond `node -e` is the ES-module loader that `bin/tat.js` (ESM, as the package is `"type": "module"`) starts: a CommonJS `bin/tat.cjs` measured 1.01× instructions.'],
  [/--version.*wall/, 'As for `--help`: the ES-module loader of `bin/tat.js`; a CommonJS bin would remove it.'],
  [/-o json`, /, "The pages are held as UTF-8 bytes (1× the output); the rest of the growth is V8's heap headroom (its young generation doubles to 32 MiB in a long run, see the ndjson rows), which weighs more the smaller the output growth it is divided by. Streaming the array (write `[` and each page as it comes, and on failure end the document so it stays valid JSON) would make it flat, at the price of partial output on failure."],
  [/throttled|wall vs floor/, "The floor counts the server's full 20 requests a second from the first instant; the client paces at 95% of it (`HEADROOM` in `src/api/rate-limit.ts`) after a first burst of 4, which is what keeps it from ever being throttled (0 above): 98 paced requests take 5.16 s, and the process's start (0.2-0.3 s on this machine, more under load) and the last answer's 100 ms latency are added to it, about 5.5 s, 1.08×, before any noise. Closing the rest would mean pacing at the server's full rate or a first burst of its whole bucket (20), which is what trips the limit as soon as another client shares the account; a floor that includes the start-up and one latency would read about 1.05×."],
  [/CPU per Limit-100/, "Measured on a tat-emulator process of its own, so all of it is the emulator's. Pages are already written straight from the region's packed columns as JSON bytes into pooled buffers (docs/emulator.md). What is left is per request, not per record: with every page's bytes computed in advance (no serialisation at all) an experiment still cost about 1.6 ms a page (measured inside the bench process, as this row was before it had an emulator process of its own): the HTTP exchange, the TC3 signature check, the rate-limit bookkeeping and the kernel's copy of the ~95 KB page; and a client that pauses between pages (as tat's pacing does) makes each request about 50% dearer than back-to-back requests (1.5 ms vs 1 ms: cold caches). Closing it means cutting below Node's own per-request cost (e.g. a raw `net` server for the emulator), which would give up node:http's protocol handling that keeps the emulator faithful; the rows above that use the emulator are not limited by it (the client waits on the 100 ms latency and the pacing)."],
  [/memory of a 100,000/, 'Finished invocations are kept in typed columns (src/emulator/data); ids are still strings (about 10 MB per 100,000) and the eight running invocations per region and the seed examples stay objects. Storing ids as numbers would cut the largest part left.'],
  [/-o tsv`, /, 'As for ndjson (the note above): the same streaming path and the same V8 young generation, 16 MiB after 10,000 invocations and 32 MiB after 100,000 (the V8 row).'],
  [/-o ndjson`, /, "Nothing of the listing's grows with it: records fetched ahead of the writer stay within the paging window and one write is pending at a time, however slow the reader (`test/commands/list-bounded.test.ts`); repeats are dropped with two pages of ids (`test/unit/paging.test.ts`); the run's signal no longer keeps a WeakRef per request (Node 20's `AbortSignal.any`, `test/unit/transport.test.ts`). Heap snapshots 15,000 and 90,000 invocations into one listing hold 6.2 and 7.0 MB, and in a 1,000,000-invocation listing the heap left after each of its 47 full collections is 7-11 MB (once 14) with no trend from the first to the last (`--trace-gc`). What grows is V8's sizing of its own heap, as the V8 row shows: it doubles the young generation each time the objects that survive scavenges add up to its size, up to 2 × 16 MiB (a page in flight, 4 are, survives a scavenge or two), so a 10,000-invocation run ends with 16 MiB of young generation and anything longer with 32 MiB; old space and large objects grow a little with the promotion rate likewise. It is bounded: from 100,000 to 1,000,000 the peak moves by 10% at most (3-10% in the runs so far); a larger old-space peak at a million is garbage awaiting a full collection, since each full collection leaves 7-11 MB. Capping the young generation is the only lever, and not a good default: `--max-semi-space-size` of 1, 2 or 4 (MiB) gave 94-100 MiB at 100,000 unpaced (default 111-118 MiB; paced, `=1` gave 82 MiB at 100,000 against 80 at 10,000, default 106) for about a third more client CPU (8.3 s against 6.2 s user + system, 100,000 unpaced); V8 reads the flag only at start-up (`v8.setFlagsFromString` from `bin/tat.js` has no effect, measured), and a `#!/usr/bin/env -S node --max-semi-space-size=…` line fails where `env` has no `-S` (BusyBox). Where memory is tight, `NODE_OPTIONS=--max-semi-space-size=2 tat …` is the knob."],
];
function notesFor(all) {
  const unmet = all.filter((r) => r.met === false);
  if (unmet.length === 0) return 'Every goal is met.';
  return unmet
    .map((r) => {
      const closer = CLOSERS.find(([pattern]) => pattern.test(r.name) || pattern.test(`${r.name} ${r.measure}`));
      return `- **${r.name}** (${r.measure}): ${r.value}, goal ${r.goal}. ${closer ? closer[1] : ''}`;
    })
    .join('\n');
}

// ---------- run ----------
try {
  ensureTools();
  // The user's environment minus anything that would change what tat does.
  for (const name of Object.keys(process.env)) if (/^(TAT_|TENCENTCLOUD_|HTTPS?_PROXY$|https?_proxy$|NO_PROXY$|no_proxy$|NODE_OPTIONS$)/.test(name)) delete process.env[name];
  log('building dist/');
  execFileSync(NODE, [join(ROOT, 'scripts/build.js')], { stdio: 'inherit' });
  for (const part of [startup, oneCall, pacing, memory, instanceFilter, filtered, taskDetails, table, emulatorCost, emulatorTasks, runFleet, liveView]) if (!ONLY || ONLY.includes(part.name)) await part();
} finally {
  await Promise.all(emulators.map((e) => e.close()));
  rmSync(TMP, { recursive: true, force: true });
}

const seconds = (Date.now() - started) / 1000;
const header = '| case | measure | result | goal | met |\n|---|---|---|---|---|';
const lines = rows.map((r) => `| ${r.name} | ${r.measure} | ${r.value} | ${r.goal} | ${r.met === undefined ? '—' : r.met ? 'yes' : '**no**'} |`);
const tableText = `${header}\n${lines.join('\n')}`;
process.stdout.write(`${tableText}\n\n${rows.filter((r) => r.met === false).length} goal(s) not met; ${seconds.toFixed(0)} s\n`);

const machine = `${process.version}, ${(await import('node:os')).cpus().length} CPUs (${(await import('node:os')).cpus()[0]?.model ?? 'unknown'})`;
const doc = readFileSync(join(ROOT, 'bench/benchmarks.template.md'), 'utf8')
  .replace('{{TABLE}}', tableText)
  .replace('{{MACHINE}}', machine)
  .replace('{{DATE}}', new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC')
  .replace('{{SECONDS}}', seconds.toFixed(0))
  .replace('{{LOAD}}', `${loadAtStart.toFixed(1)} at the start, ${(await import('node:os')).loadavg()[0].toFixed(1)} at the end`)
  .replace('{{NOTES}}', notesFor(rows));
if (!QUICK && !ONLY) writeFileSync(join(ROOT, 'docs/benchmarks.md'), doc);
