import type { Deps } from '../../../deps.js';
import { ExitCode, TatError } from '../../../errors.js';
import { visible } from '../../../output/escape.js';
import { createPrompter } from '../configure/prompt.js';
import { terminalOf } from '../../terminal/terminal.js';
import type { RunPlan } from './plan.js';
import { firstLine } from './script.js';

/**
 * At a terminal, a run on more than CONFIRM_ABOVE instances (or in batches) first says what will
 * run where and asks; `--yes` skips the question, and without a terminal (stdin and stderr) it is
 * never asked.
 */

export const CONFIRM_ABOVE = 10;

export function needsConfirmation(plan: RunPlan, deps: Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>): boolean {
  if (plan.yes || !deps.io.stdin.isTTY || !terminalOf(deps).stderrIsTTY) return false;
  return plan.targets.length > CONFIRM_ABOVE || plan.batches.length > 1;
}

/** `'systemctl restart nginx' (3 lines)` or `saved command cmd-xxx (deploy-web)`. */
export function whatRuns(plan: RunPlan, commandName?: string): string {
  if (plan.subject.kind === 'saved')
    return `saved command ${plan.subject.commandId}${commandName ? ` (${commandName})` : ''}`;
  const lines = plan.subject.text.trimEnd().split('\n').length;
  return `'${firstLine(plan.subject.text)}'${lines > 1 ? ` (${lines} lines)` : ''}`;
}

export async function confirm(
  plan: RunPlan,
  region: string,
  deps: Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>,
  commandName?: string,
): Promise<void> {
  const n = plan.targets.length;
  const parts = [`Run ${visible(whatRuns(plan, commandName))} on ${n} instance${n === 1 ? '' : 's'} in ${region}`];
  if (plan.batches.length > 1) parts.push(`in ${plan.batches.length} batches of ${plan.batches[0]!.length}`);
  if (plan.maxFailures) parts.push(`stopping once more than ${plan.maxFailures.value} fail`);
  const prompter = createPrompter(deps, 'the input ended before the question was answered; nothing was run');
  try {
    const answer = await prompter.ask(`${parts.join(', ')}? [y/N] `);
    if (!/^y(es)?$/i.test(answer))
      throw new TatError(
        'not confirmed: nothing was run',
        ExitCode.Failure,
        'Answer y to run it; --yes skips the question.',
      );
  } finally {
    prompter.close();
  }
}
