import type { CommandContext } from '../../context.js';
import { callsOf } from './batches.js';
import type { RunPlan } from './plan.js';
import { writeFor } from './requests.js';

/**
 * `tat run --dry-run`: every write that would be sent, one JSON object a line on stdout
 * (`{Action, Region, Batch, Request}`, hidden parameter values as `******`), and nothing sent,
 * not even the agents check: each batch's calls as planned over every target given.
 */
export async function printDryRun(ctx: CommandContext, plan: RunPlan, region: string): Promise<void> {
  let calls = 0;
  let saved: string | undefined;
  const lines: string[] = [];
  for (const [index, batch] of plan.batches.entries()) {
    for (const instanceIds of callsOf(batch)) {
      const write = writeFor(plan, instanceIds, saved);
      lines.push(JSON.stringify({ Action: write.action, Region: region, Batch: index + 1, Request: write.shown }));
      // With --save, the later calls invoke the command the first one saves (its id is known only then).
      if (plan.subject.kind === 'script' && plan.subject.save) saved ??= 'cmd-saved-by-the-first-call';
      calls++;
    }
  }
  await ctx.terminal.stdout.write(`${lines.join('\n')}\n`);
  const batches = plan.batches.length > 1 ? ` in ${plan.batches.length} batches` : '';
  ctx.terminal.notice(
    `dry run: ${calls} request${calls === 1 ? '' : 's'} for ${plan.targets.length} instance${plan.targets.length === 1 ? '' : 's'}${batches} would be sent; nothing was sent (the agents were not checked).`,
  );
}
