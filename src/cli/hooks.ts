import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Deps } from '../deps.js';
import type { GlobalFlags } from './flags.js';

/**
 * What main.ts hands the command tree, and each command's definition (commands/<noun>/index.ts)
 * receives: its own file so that program.ts imports the commands and they import only this,
 * never program.ts back.
 */

/** A command's work: it returns (exit 0) or throws (the error class decides the exit code). */
export type Action = (flags: GlobalFlags, command: CommandUnknownOpts) => Promise<void>;

export interface ProgramHooks {
  deps: Deps;
  /** Called by every action; resolves or rejects as the command did. */
  run(action: Action, command: CommandUnknownOpts): Promise<void>;
  /** Where commander's own text (help, version, usage errors) goes; main() awaits these writes. */
  print(stream: 'stdout' | 'stderr', text: string): void;
}

/**
 * Hands a command's options, as commander infers them from its definition, to the run function
 * that declares the flags it reads (`ListFlags`...). Any option name the run function does not
 * declare must be `never`, so a flag renamed in the definition but not in the run function (or
 * the reverse) is a type error here rather than a silently missing value.
 */
export function exactFlags<Expected>(): <Actual extends Expected>(
  actual: Actual & Record<Exclude<keyof Actual, keyof Expected>, never>,
) => Expected {
  return (actual) => actual;
}

/** Compile-time: true when A and B have the same keys. */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : false;
