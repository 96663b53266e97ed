import type { Command } from 'commander';
import type { ProgramHooks } from '../../program.js';

/** `tat configure`: placeholder until the configuration issue lands (registers nothing yet). */
export function registerConfigure(_program: Command, _hooks: ProgramHooks): void {}
