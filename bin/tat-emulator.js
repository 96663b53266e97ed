#!/usr/bin/env node
// Adapter: the emulator's code is compiled to dist/ by `npm run build` (an ES module; this file is
// CommonJS, as bin/package.json says, like bin/tat.js).
'use strict';
import(require('node:path').join(__dirname, '..', 'dist', 'emulator', 'cli.js')).then(async ({ runCli }) => {
  process.exitCode = await runCli(process.argv.slice(2));
});
