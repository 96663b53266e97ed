#!/usr/bin/env node
// Start-up benchmark: `tat --version`, the help paths and the completion callback against a bare `node -e ''`.
//
// Two measures, both ratios against the bare start taken in the same run:
// - instructions executed, counted by valgrind's callgrind: repeatable to a fraction of a
//   percent whatever else the shared machine is doing, so the budget (default 1.2, BUDGET=1.5 to
//   change) is checked on this one;
// - wall-clock medians of interleaved runs (RUNS, default 30): what a person feels, but on a
//   shared 2-core machine it swings by ±15% from one run to the next, so it is only reported.
// valgrind comes from Debian's package of that name; without it only wall-clock is reported.
// Not part of `npm test`: no test asserts a time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.env.RUNS ?? 30);
const budget = Number(process.env.BUDGET ?? 1.2);
const tat = fileURLToPath(new URL('../bin/tat.js', import.meta.url));
const cases = {
  baseline: ['-e', ''],
  '--version': [tat, '--version'],
  '--help': [tat, '--help'],
  help: [tat, 'help'],
  'invocations list --help': [tat, 'invocations', 'list', '--help'],
  '__complete profiles': [tat, '__complete', 'profiles', ''],
};
const measured = Object.keys(cases).filter((name) => name !== 'baseline');
const env = { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' };

function wallClock(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore', env });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function instructions(args) {
  const dir = mkdtempSync(join(tmpdir(), 'tat-bench-'));
  try {
    const result = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${join(dir, 'out')}`, process.execPath, ...args], { encoding: 'utf8', env });
    const match = /Collected : (\d+)/.exec(result.stderr ?? '');
    if (result.status !== 0 || !match) throw new Error(`callgrind failed for ${args.join(' ')}: ${result.stderr}`);
    return Number(match[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let i = 0; i < 3; i++) for (const args of Object.values(cases)) wallClock(args); // warm the file cache
for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(cases)) samples[name].push(wallClock(args));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`wall clock, median of ${runs} interleaved runs: node -e '' ${median(samples.baseline).toFixed(1)} ms`);
for (const name of measured)
  console.log(`  tat ${name.padEnd(25)} ${median(samples[name]).toFixed(1)} ms  ratio ${(median(samples[name]) / median(samples.baseline)).toFixed(2)}`);

const haveValgrind = spawnSync('valgrind', ['--version']).status === 0;
if (!haveValgrind) {
  console.log('valgrind not found (apt-get install valgrind): instruction counts skipped, budget not checked');
} else {
  const base = instructions(cases.baseline);
  let failed = false;
  console.log(`instructions (callgrind): node -e '' ${(base / 1e6).toFixed(1)} M`);
  for (const name of measured) {
    const count = instructions(cases[name]);
    const ratio = count / base;
    failed ||= ratio > budget;
    console.log(`  tat ${name.padEnd(25)} ${(count / 1e6).toFixed(1)} M  ratio ${ratio.toFixed(2)} (budget ${budget})`);
  }
  process.exitCode = failed ? 1 : 0;
}
