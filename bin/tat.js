#!/usr/bin/env node
// Adapter from the real process to main(): signals become an abort, the result becomes the exit code.
// CommonJS (bin/package.json says so) on purpose: running an ES module as the main file costs about
// 6% of a bare `node -e ''` before the first line runs, which the answers below (--version, help,
// completion) cannot afford; the program itself (dist/, ES modules) is imported only when needed.
'use strict';
const { readFileSync, writeSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');
const { isatty } = require('node:tty');

/** The docs shipped in the package, wherever it is installed: help's "Docs" line names them. */
const DOCS_DIR = join(__dirname, '..', 'docs') + '/';
const DIST = join(__dirname, '..', 'dist');

/**
 * `tat --version`, and every help path (`tat`, `tat help [command]`, `tat <command> --help`, on a
 * terminal or not), print what the real program prints, from what the build recorded from it
 * (dist/fast-path.json; dist/help.json, laid out for the terminal's width by dist/help-render.cjs;
 * checked equal by test/e2e/fast-path.test.ts) without loading commander or the command tree:
 * start-up is most of their cost. Anything unusual (no file, an argument that is not a command, a
 * write that fails before anything is out) takes the normal path.
 */
function fastPath(argv) {
  const last = argv[argv.length - 1];
  const version = argv.length === 1 && (last === '--version' || last === '-v');
  if (!version && argv.length > 0 && argv[0] !== 'help' && last !== '--help' && last !== '-h') return false;
  let text;
  try {
    if (version) text = JSON.parse(readFileSync(join(DIST, 'fast-path.json'), 'utf8')).version;
    else {
      const { fastHelp } = require(join(DIST, 'help-render.cjs'));
      const templates = JSON.parse(readFileSync(join(DIST, 'help.json'), 'utf8'));
      // The width commander would wrap help to: the terminal's, or none (80) when stdout is not one.
      // process.stdout is only touched for a terminal: for a pipe it would make fd 1 non-blocking.
      text = fastHelp(argv, templates, isatty(1) ? process.stdout.columns : undefined, DOCS_DIR);
    }
  } catch {
    return false;
  }
  return typeof text === 'string' && writeOut(text);
}

/** Writes all of `text` to stdout; false when nothing could be written (the program then runs and says why). */
function writeOut(text) {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    // A reader that closed the pipe asked for no more: exit 0, as the program does.
    if (error.code === 'EPIPE') return true;
    // A pipe another process made non-blocking and that is full: Node's stream waits for it.
    if (error.code === 'EAGAIN') {
      process.stdout.on('error', () => undefined);
      process.stdout.write(bytes.subarray(written));
      return true;
    }
    if (written === 0) return false;
    writeSync(2, `error: cannot write to stdout: ${error.code ?? error.message}\n`);
    process.exitCode = 1;
  }
  return true;
}

/**
 * `tat __complete profiles PREFIX`, what the completion scripts run on Tab: answered by its own
 * small bundle (dist/complete.cjs), without commander or the command tree, so a key press costs
 * little more than starting node.
 */
async function completion(argv) {
  const { completeWords } = require(join(DIST, 'complete.cjs'));
  const text = await completeWords(argv, { env: process.env, homeDir: homedir() });
  if (text === undefined) process.exitCode = 2;
  else writeOut(text);
}

async function run(argv) {
  // Stack traces (printed only with --debug) then point at src/…ts through dist/'s source maps;
  // turned on before dist/ loads, and only then, because reading maps costs start-up time.
  if (argv.includes('--debug')) process.setSourceMapsEnabled(true);
  const { main, processDeps, STOP_SIGNALS } = await import(join(DIST, 'entry.js'));
  const interrupt = new AbortController();
  // SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR2, SIGALRM: unhandled, each would end the process
  // where it stands, a live view's cursor still hidden.
  for (const signal of Object.keys(STOP_SIGNALS)) {
    process.on(signal, function insist() {
      // The first signal asks main() to stop cleanly. A second one (the user insisting: something
      // is stuck, e.g. a write to a pipe nobody reads) ends the process at once, by the signal
      // itself: process.exit() would first wait for the file-system threads, and one stuck in a
      // call that never returns would keep it waiting forever. With no listener left, Node gives the
      // signal back to the system, which ends the process as it would have without tat's handler
      // (the shell shows 128 + its number: 130 for SIGINT, 143 for SIGTERM).
      if (!interrupt.signal.aborted) return interrupt.abort(signal);
      process.removeListener(signal, insist);
      process.kill(process.pid, signal);
    });
  }
  process.exitCode = await main(argv, processDeps(interrupt.signal, DOCS_DIR));
  // main() has returned after a signal, everything said: the first signal must end the process,
  // yet a call nobody can cancel (--file on a FIFO no one writes, waiting in open() in one of
  // Node's threads) would keep it alive. Unless it ends by itself first, the signal ends it, as
  // a second one would; the timer does not keep it alive.
  if (interrupt.signal.aborted) {
    const signal = interrupt.signal.reason;
    setTimeout(() => {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }, 500).unref();
  }
}

const argv = process.argv.slice(2);
if (!fastPath(argv)) (argv[0] === '__complete' ? completion(argv.slice(1)) : run(argv)).catch((error) => {
  // Only a broken installation gets here (main() never throws): say so without a stack trace.
  writeSync(2, `error: tat could not start: ${error && error.message}\n`);
  process.exitCode = 1;
});
