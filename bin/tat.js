#!/usr/bin/env node
// Adapter from the real process to main(): signals become an abort, the result becomes the exit code.
import { readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The docs shipped in the package, wherever it is installed: help's "Docs" line names them. */
const DOCS_DIR = fileURLToPath(new URL('../docs/', import.meta.url));

/**
 * `tat --version`, and `tat --help` into a pipe or file, print the text the build rendered with
 * the real program (dist/fast-path.json, checked equal by test/e2e/fast-path.test.ts) without
 * loading commander: start-up is most of their cost. On a terminal, help is wrapped to its
 * width, so commander renders it. Anything unusual (no file, a failed write) takes the normal path.
 */
function fastPath(argv) {
  if (argv.length !== 1) return false;
  const [arg] = argv;
  const answer = arg === '--version' || arg === '-v' ? 'version' : (arg === '--help' || arg === '-h') && !process.stdout.isTTY ? 'help' : undefined;
  if (answer === undefined) return false;
  try {
    const answers = JSON.parse(readFileSync(new URL('../dist/fast-path.json', import.meta.url), 'utf8'));
    // The text names the docs folder of the build; this copy may be installed elsewhere.
    const text = typeof answers.docsDir === 'string' ? answers[answer].split(answers.docsDir).join(DOCS_DIR) : answers[answer];
    // Under PIPE_BUF a write to a pipe is all or nothing, so a failure leaves nothing half-written.
    if (typeof text !== 'string' || Buffer.byteLength(text) >= 4096) return false;
    writeSync(1, text);
    return true;
  } catch {
    return false;
  }
}

/**
 * `tat __complete profiles PREFIX`, what the completion scripts run on Tab: answered by its own
 * small bundle (dist/complete.js), without commander or the command tree, so a key press costs
 * little more than starting node.
 */
async function completion(argv) {
  if (argv[0] !== '__complete') return false;
  const { completeWords, processDeps } = await import('../dist/complete.js');
  process.exitCode = await completeWords(argv.slice(1), processDeps(new AbortController().signal, DOCS_DIR));
  return true;
}

if (!fastPath(process.argv.slice(2)) && !(await completion(process.argv.slice(2)))) {
  // Stack traces (printed only with --debug) then point at src/…ts through dist/'s source maps;
  // turned on before dist/ loads, and only then, because reading maps costs start-up time.
  if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
  const { main, processDeps } = await import('../dist/entry.js');
  const interrupt = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, function insist() {
      // The first signal asks main() to stop cleanly. A second one (the user insisting: something
      // is stuck, e.g. a write to a pipe nobody reads) ends the process at once, by the signal
      // itself: process.exit() would first wait for the file-system threads, and one stuck in a
      // call that never returns would keep it waiting forever. With no listener left, Node gives the
      // signal back to the system, which ends the process as it would have without tat's handler
      // (the shell shows 130, or 143 for SIGTERM).
      if (!interrupt.signal.aborted) return interrupt.abort(signal);
      process.removeListener(signal, insist);
      process.kill(process.pid, signal);
    });
  }
  process.exitCode = await main(process.argv.slice(2), processDeps(interrupt.signal, DOCS_DIR));
}
