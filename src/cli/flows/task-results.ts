import type { InvocationTask } from '../../api/types.js';
import { escapeField } from '../../output/escape.js';
import type { Regional } from '../../output/regional.js';
import { TASK, decodeOutput, exitCodeText } from '../../output/resources/task.js';
import { droppedWarning, prefixLines, terminalBlock } from '../../output/task-output.js';
import { withRegion } from '../../output/regional.js';
import type { CommandContext } from '../context.js';

/**
 * What tasks printed (their decoded output), in each output format. `invocations output` prints
 * them all at once; a command following tasks as they end (`tat run`) writes them as they come.
 *
 * - table (the default on a terminal): a header per task (instance, task, status, exit code,
 *   duration), then its output with control characters made visible (`raw`: passed through);
 * - tsv: one row per line of output: instance, task status, exit code, the line (escaped as tsv
 *   fields are); an empty output is one row with an empty line;
 * - content: the output bytes, exactly, one task after the other;
 * - json / ndjson / --query: the task objects as the API returns them (Output in base64);
 * - piped with no -o: one task exactly as it printed; several, each line prefixed with the
 *   instance id and a tab (so grep and cut work).
 *
 * A task whose output was cut by the agent gets a warning on stderr naming where the full log is.
 */

export interface TaskResultPrinter {
  write(tasks: readonly Regional<InvocationTask>[]): Promise<void>;
  end(): Promise<void>;
}

export interface TaskResultOptions {
  /** On a terminal, pass control characters through. */
  raw: boolean;
  /** Tasks of several regions: objects carry their `Region`. */
  regional: boolean;
  /** Exactly one task will be written: piped with no -o, its bytes go out untouched. */
  single: boolean;
}

export async function taskResultPrinter(ctx: CommandContext, options: TaskResultOptions): Promise<TaskResultPrinter> {
  const out = ctx.terminal.stdout;
  const warn = async (tasks: readonly InvocationTask[]): Promise<void> => {
    for (const task of tasks) {
      const warning = droppedWarning(task);
      if (warning) await ctx.terminal.write(`${warning}\n`);
    }
  };
  if (ctx.format === 'json' || ctx.format === 'ndjson' || ctx.flags.query !== undefined) {
    const printer = await ctx.printer(options.regional ? withRegion(TASK) : TASK, {
      cardinality: 'many',
      layout: 'rows',
    });
    return {
      async write(tasks) {
        await printer.write(tasks);
        await warn(tasks);
      },
      end: () => printer.end(),
    };
  }
  // No -o (nor TAT_OUTPUT, nor a profile's): a terminal gets the table view, a pipe the bytes.
  const chosen = ctx.settings.output !== undefined || out.isTTY ? ctx.format : 'piped';
  let written = 0;
  const each = async (
    tasks: readonly InvocationTask[],
    line: (task: InvocationTask) => Promise<void>,
  ): Promise<void> => {
    for (const task of tasks) await line(task);
    await warn(tasks);
  };
  switch (chosen) {
    case 'table': {
      const { Chalk } = await import('chalk');
      const paint = new Chalk({ level: ctx.colorLevel });
      return {
        write: (tasks) =>
          each(tasks, async (task) => {
            const block = terminalBlock(task, decodeOutput(task), { paint, raw: options.raw });
            if (written++ > 0) await out.write('\n');
            if (typeof block === 'string') await out.write(block);
            else for (const part of block) if (part.length > 0) await out.write(part);
          }),
        end: async () => undefined,
      };
    }
    case 'tsv':
      return {
        write: (tasks) =>
          each(tasks, async (task) => {
            const prefix = [task.InstanceId, task.TaskStatus, exitCodeText(task)]
              .map((field) => escapeField(String(field ?? '')))
              .join('\t');
            const text = new TextDecoder('utf-8').decode(decodeOutput(task));
            const lines = text === '' ? [''] : text.replace(/\n$/, '').split('\n');
            await out.write(lines.map((line) => `${prefix}\t${escapeField(line)}\n`).join(''));
          }),
        end: async () => undefined,
      };
    case 'content':
      return {
        write: (tasks) =>
          each(tasks, async (task) => {
            const bytes = decodeOutput(task);
            if (bytes.length > 0) await out.write(bytes);
          }),
        end: async () => undefined,
      };
    default:
      return {
        write: (tasks) =>
          each(tasks, async (task) => {
            const bytes = options.single ? decodeOutput(task) : prefixLines(`${task.InstanceId}\t`, decodeOutput(task));
            if (bytes.length > 0) await out.write(bytes);
          }),
        end: async () => undefined,
      };
  }
}
