#!/usr/bin/env node
// Adapter from the real process to main(): signals become an abort, the result becomes the exit code.
import { main, processDeps } from '../dist/entry.js';

const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // The first signal asks main() to stop cleanly; a second one (the user insisting: something
    // is stuck, e.g. a write to a pipe nobody reads) ends the process at once.
    if (!interrupt.signal.aborted) interrupt.abort(signal);
    else process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
process.exitCode = await main(process.argv.slice(2), processDeps(interrupt.signal));
