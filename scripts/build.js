#!/usr/bin/env node
// Builds dist/ with esbuild: one ESM bundle per entry point, shared code split into chunks, and
// every dynamic import() (commands, formatters, the JMESPath library) kept as a lazy chunk.
// Why a bundler: `tat --help` must start within 1.3x of a bare `node -e ''`; resolving and
// loading ~20 separate modules (ours and commander's) cost more than that on this machine's
// Node 20, which has no module compile cache. Type-checking is `tsc --noEmit` (npm run typecheck).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  outbase: 'src',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS (commander) calls require() for Node built-ins.
  banner: { js: "import { createRequire as __tatCreateRequire } from 'node:module'; const require = __tatCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  // Maps so that `--debug` stack traces name src/…ts lines (bin/tat.js turns source-map support on
  // only then, so start-up does not pay). Shipped in the package on purpose: without sourcesContent
  // they are small, and the frames they give match the repository at that version.
  sourcemap: 'linked',
  sourcesContent: false,
};
// The CLI and the emulator are built apart so that neither's start-up loads chunks shared with the other.
await build({ ...common, entryPoints: ['src/entry.ts'], outdir: 'dist', chunkNames: 'chunks/[name]-[hash]' });
// What bin/tat.js (CommonJS) requires for a key press of completion (`tat __complete`) and for every
// help path: one CommonJS file each, loading neither commander nor the command tree, nor Node's ES
// module loader (its start costs about 6% of a bare node).
for (const [entry, outfile] of [['src/complete.ts', 'dist/complete.cjs'], ['src/cli/help-render.ts', 'dist/help-render.cjs']])
  await build({ ...common, entryPoints: [entry], outfile, format: 'cjs', splitting: false, banner: {} });
await build({ ...common, entryPoints: ['src/emulator/cli.ts', 'src/emulator/index.ts'], outdir: 'dist', chunkNames: 'emulator/chunks/[name]-[hash]' });

// The answer to `tat --version`, printed now by the real program (spawned before this file exists),
// and every command's help recorded from the real command tree (src/cli/help-snapshot.ts), so that
// bin/tat.js answers both without loading commander (see its fast path).
// docsDir: what bin/tat.js passes here, replaced by the installed copy's own folder at run time.
const docsDir = `${root}docs/`;
const version = spawnSync(process.execPath, [`${root}bin/tat.js`, '--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
if (version.status !== 0) throw new Error(`tat --version failed at build time: ${version.stderr}`);
await writeFile(`${root}dist/fast-path.json`, `${JSON.stringify({ version: version.stdout })}\n`);
const { programHelp, processDeps } = await import(`${root}dist/entry.js`);
await writeFile(`${root}dist/help.json`, `${JSON.stringify(programHelp(processDeps(new AbortController().signal, docsDir)))}\n`);
