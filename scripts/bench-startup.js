#!/usr/bin/env node
// Start-up benchmark: `tat --version` and `tat --help` against a bare `node -e ''`, interleaved
// in one run so machine noise hits both alike. Reports medians and the ratio; exits 1 when a
// ratio is above the budget (default 1.3, override with BUDGET=1.5). Not part of `npm test`:
// wall-clock numbers on a shared machine are for people to read, not for assertions.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = Number(process.env.RUNS ?? 30);
const budget = Number(process.env.BUDGET ?? 1.3);
const tat = fileURLToPath(new URL('../bin/tat.js', import.meta.url));
const cases = { baseline: ['-e', ''], '--version': [tat, '--version'], '--help': [tat, '--help'] };

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' } });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let i = 0; i < 3; i++) for (const args of Object.values(cases)) time(args); // warm the file cache
for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(cases)) samples[name].push(time(args));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(samples.baseline);
let failed = false;
console.log(`node -e '' median ${base.toFixed(1)} ms over ${runs} runs`);
for (const name of ['--version', '--help']) {
  const ratio = median(samples[name]) / base;
  failed ||= ratio > budget;
  console.log(`tat ${name.padEnd(9)} median ${median(samples[name]).toFixed(1)} ms  ratio ${ratio.toFixed(2)} (budget ${budget})`);
}
process.exitCode = failed ? 1 : 0;
