import type { Command } from 'commander';
import type { Deps } from '../deps.js';
import type { GlobalFlags } from '../config/index.js';

/**
 * What main.ts hands the command tree, and each command's definition (commands/<noun>/index.ts)
 * receives: its own file so that program.ts imports the commands and they import only this,
 * never program.ts back.
 */

/** A command's work: it returns (exit 0) or throws (the error class decides the exit code). */
export type Action = (flags: GlobalFlags, command: Command) => Promise<void>;

export interface ProgramHooks {
  deps: Deps;
  /** Called by every action; resolves or rejects as the command did. */
  run(action: Action, command: Command): Promise<void>;
}
