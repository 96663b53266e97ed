import type { InvocationTask } from '../../../api/types.js';
import { RUN_RESULT, runResultOf, type RunResult } from '../../../output/resources/run-result.js';
import { decodeOutput } from '../../../output/resources/task.js';
import { droppedWarning, terminalBlock } from '../../../output/task-output.js';
import type { CommandContext } from '../../context.js';

/**
 * How `tat run` prints each instance as it finishes:
 * - on a terminal (table): a header naming the instance and how it ended (the status in red when
 *   it failed), then its output with control characters made visible;
 * - `-o content`: the output bytes alone, one instance after the other;
 * - tsv, json, ndjson, --query: one RunResult record per instance (InstanceId, TaskStatus,
 *   ExitCode, Output decoded, Dropped, OutputUrl...): a row or a line as each finishes (json: the
 *   array at the end).
 * An output the agent cut gets a warning on stderr naming where the full log is.
 */

export interface ResultPrinter {
  write(task: InvocationTask, result: RunResult): Promise<void>;
  end(): Promise<void>;
}

export async function resultPrinter(ctx: CommandContext): Promise<ResultPrinter> {
  const out = ctx.terminal.stdout;
  const warn = async (task: InvocationTask): Promise<void> => {
    const warning = droppedWarning(task);
    if (warning && !ctx.flags.quiet) await ctx.terminal.write(`${warning}\n`);
  };
  if (ctx.format === 'table' && ctx.flags.query === undefined) {
    const { Chalk } = await import('chalk');
    const paint = new Chalk({ level: ctx.colorLevel });
    return {
      async write(task) {
        const block = terminalBlock(task, decodeOutput(task), { paint, raw: false });
        await out.write(typeof block === 'string' ? block : Buffer.concat(block));
        await warn(task);
      },
      end: async () => undefined,
    };
  }
  if (ctx.format === 'content' && ctx.flags.query === undefined) {
    return {
      async write(task) {
        const bytes = decodeOutput(task);
        if (bytes.length > 0) await out.write(bytes);
        await warn(task);
      },
      end: async () => undefined,
    };
  }
  const printer = await ctx.printer(RUN_RESULT, { cardinality: 'many', layout: 'rows' });
  return {
    async write(task, result) {
      await printer.write([result]);
      await warn(task);
    },
    end: () => printer.end(),
  };
}

export { runResultOf };
