#!/usr/bin/env node
// Adapter: the emulator's code is compiled to dist/ by `npm run build`.
import { runCli } from '../dist/emulator/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
