// The one entry point bin/tat.js loads: bundling it alone keeps start-up to a single file plus
// commander (everything else is a lazy chunk).
export { main } from './main.js';
export { processDeps } from './deps.js';
// For the build (scripts/build.js): every command's help, for bin/tat.js to answer without commander.
export { programHelp } from './cli/help-snapshot.js';
export { STOP_SIGNALS } from './errors.js';
