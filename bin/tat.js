#!/usr/bin/env node
// Adapter from the real process to main(): signals become an abort, the result becomes the exit code.
import { main, processDeps } from '../dist/entry.js';

const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => interrupt.abort(signal));
process.exitCode = await main(process.argv.slice(2), processDeps(interrupt.signal));
