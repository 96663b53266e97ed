// What bin/tat.js loads for `tat __complete ...` (a completion script asking for words while a
// person presses Tab): bundled apart from entry.ts, so it loads neither commander nor the command tree.
export { completeWords } from './cli/commands/completion/callback.js';
