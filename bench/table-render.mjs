#!/usr/bin/env node
// Table rendering vs tsv, in process: the same 10,000 invocations through `-o table` (fitted to
// 160 columns, colour on) and `-o tsv`, median of RUNS interleaved runs each, then 300,000 rows
// through the table once to show it neither overflows the stack nor goes quadratic.
// Why in process: the CLI's start-up and the emulator's paging would swamp the difference being
// measured (the grid's layout). The formatters are bundled from src/ with esbuild on the fly.
// Usage: node bench/table-render.mjs   (RUNS=9, ROWS=10000, BUDGET=1.5; exit 1 above the budget)
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 9);
const ROWS = Number(process.env.ROWS ?? 10_000);
const BUDGET = Number(process.env.BUDGET ?? 1.5);

const out = mkdtempSync(join(tmpdir(), 'tat-table-bench-'));
try {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { printer: 'src/output/printer.ts', invocation: 'src/output/resources/invocation.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: out,
    logLevel: 'warning',
  });
  const { createPrinter } = await import(pathToFileURL(join(out, 'printer.js')).href);
  const { INVOCATION } = await import(pathToFileURL(join(out, 'invocation.js')).href);

  const now = Date.parse('2026-11-28T12:00:00Z');
  const STATUSES = ['SUCCESS', 'FAILED', 'RUNNING', 'PARTIAL_FAILED', 'CANCELLED', 'TIMEOUT'];
  const invocation = (i) => {
    const created = new Date(now - i * 37_000).toISOString().replace('.000Z', 'Z');
    return {
      InvocationId: `inv-${i.toString(36).padStart(8, '0')}`,
      CommandId: `cmd-${(i % 97).toString(36).padStart(8, '0')}`,
      CommandName: i % 3 === 0 ? `rotate logs on web fleet ${i % 11}` : i % 3 === 1 ? '部署 nginx — 日志清理' : undefined,
      InvocationStatus: STATUSES[i % STATUSES.length],
      InvocationTaskBasicInfoSet: Array.from({ length: 1 + (i % 5) }, (_, t) => ({ InvocationTaskId: `invt-${i}x${t}`, TaskStatus: t % 4 ? 'SUCCESS' : 'FAILED', InstanceId: `ins-${t}${i}` })),
      CommandType: i % 2 ? 'SHELL' : 'POWERSHELL',
      InvocationSource: i % 4 ? 'USER' : 'INVOKER',
      CreatedTime: created,
      StartTime: created,
      EndTime: i % 6 === 2 ? null : created,
      InstanceKind: 'CVM',
    };
  };
  const records = Array.from({ length: ROWS }, (_, i) => invocation(i));

  /** Renders `rows` in `format` to a sink that only counts bytes; returns milliseconds. */
  async function render(format, rows, columns) {
    let bytes = 0;
    const sink = { isTTY: columns > 0, columns, write: async (chunk) => void (bytes += chunk.length) };
    const started = process.hrtime.bigint();
    const printer = await createPrinter(format, { out: sink, resource: INVOCATION, colorLevel: columns > 0 ? 1 : 0, columns, now: () => now, cardinality: 'many', layout: 'rows' });
    for (let i = 0; i < rows.length; i += 100) await printer.write(rows.slice(i, i + 100));
    await printer.end();
    if (bytes === 0) throw new Error(`${format} wrote nothing`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  await render('table', records.slice(0, 500), 160); // warm up both paths
  await render('tsv', records.slice(0, 500), 0);
  const table = [];
  const tsv = [];
  for (let run = 0; run < RUNS; run++) {
    tsv.push(await render('tsv', records, 0));
    table.push(await render('table', records, 160));
  }
  const ratio = median(table) / median(tsv);
  const big = Array.from({ length: 300_000 }, (_, i) => records[i % records.length]);
  const bigMs = await render('table', big, 160);
  console.log(`table vs tsv, ${ROWS.toLocaleString('en-US')} invocations, median of ${RUNS}: ${median(table).toFixed(1)} ms vs ${median(tsv).toFixed(1)} ms = ${ratio.toFixed(2)}x (budget ${BUDGET}x)`);
  console.log(`table, 300,000 rows: ${bigMs.toFixed(0)} ms, no error`);
  process.exitCode = ratio <= BUDGET ? 0 : 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
