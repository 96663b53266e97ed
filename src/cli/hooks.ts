import type { Command } from 'commander';
import type { Deps } from '../deps.js';
import type { GlobalFlags } from '../config/index.js';

/**
 * What main.ts hands the command tree, and each command's definition (commands/<noun>/index.ts)
 * receives: its own file so that program.ts imports the commands and they import only this,
 * never program.ts back.
 */

export type Action = (flags: GlobalFlags, command: Command) => Promise<number>;

export interface ProgramHooks {
  deps: Deps;
  /** Called by every action with the command's exit code. */
  run(action: Action, command: Command): Promise<void>;
}
