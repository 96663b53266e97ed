import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { VERSION } from '../../../version.js';
import { bashScript, fishScript, zshScript, type Shell } from './scripts.js';
import { commandSpec } from './spec.js';

export function completionScript(program: CommandUnknownOpts, shell: Shell): string {
  const root = commandSpec(program);
  if (shell === 'bash') return bashScript(root, VERSION);
  if (shell === 'zsh') return zshScript(root, VERSION);
  return fishScript(root, VERSION);
}
