import type { Deps } from '../../../deps.js';
import { OutputFailedError, UsageError } from '../../../errors.js';
import { notFound } from '../../flows/not-found.js';
import { fetchCommandsByIds } from '../../../api/commands.js';
import type { Command } from '../../../api/types.js';
import { requireRegion } from '../../../config/index.js';
import type { GlobalFlags } from '../../flags.js';
import { STARTED } from '../../../output/resources/run-started.js';
import { createContext, type CommandContext } from '../../context.js';
import { agentsRefusal, checkAgents, describeSkipped, type AgentCheck } from './agents.js';
import { batchesOf, callsOf } from './batches.js';
import { confirm, needsConfirmation } from './confirm.js';
import { printDryRun } from './dry-run.js';
import { placeholdersOf, secretForms } from './params.js';
import { planRun, type RunFlags, type RunPlan } from './plan.js';
import { alreadyStarted, launchBatch, type Launcher } from './start.js';
import { recapLines, runOutcome, type RunEnd } from './recap.js';
import { resultPrinter, runResultOf } from './results.js';
import { Tally } from './tally.js';
import { parseWaitFlags, withWaitSession, type WaitSettings } from '../../wait/run.js';

export type { RunFlags } from './plan.js';

/**
 * `tat run`: plan (every refusal before any request), check the agents, confirm at a terminal,
 * then start the batches one after the other and follow them (or, with --no-wait, print what was
 * started).
 */
export async function runCommand(
  deps: Deps,
  flags: GlobalFlags,
  argument: string | undefined,
  raw: RunFlags,
): Promise<void> {
  const plan = await planRun(argument, raw, deps);
  const ctx = await createContext(deps, flags);
  return executeRun(ctx, plan, raw);
}

/** What following takes from the flags (`--max-wait`, `--interval`). */
export interface FollowFlags {
  maxWait?: string;
  interval?: string;
}

/** Runs a plan (from `tat run`'s flags, or an invocation to run again): the part `run` and `rerun` share. */
export async function executeRun(ctx: CommandContext, plan: RunPlan, follow: FollowFlags): Promise<void> {
  const { deps, flags } = ctx;
  const region = requireRegion(ctx.settings);
  const settings = plan.wait ? parseWaitFlags({ maxWait: follow.maxWait, interval: follow.interval }) : undefined;
  if (flags.dryRun) {
    // A saved command's hidden keys are known only once it is fetched, and a dry run fetches nothing: every value is hidden.
    if (plan.subject.kind === 'saved') plan.hidden = new Set(plan.params.keys());
    deps.secrets?.add(...secretForms(plan.params, plan.hidden));
    return printDryRun(ctx, plan, region);
  }
  const client = ctx.client();
  // Known from the script, or from the saved command once fetched (nothing before sends the parameters).
  const command = plan.subject.kind === 'saved' ? await savedCommand(ctx, plan, plan.subject.commandId) : undefined;
  deps.secrets?.add(...secretForms(plan.params, plan.hidden));
  const commandType = plan.subject.kind === 'saved' ? command?.CommandType : plan.subject.commandType;
  const check = await ctx.terminal.spin(
    `Checking the agents of ${plan.targets.length} instance${plan.targets.length === 1 ? '' : 's'}`,
    () => checkAgents(client, plan.targets, commandType),
  );
  if (check.skipped.length && !plan.skipOffline) throw agentsRefusal(check);
  if (check.runnable.length === 0) throw agentsRefusal(check);
  const runnable = onlyRunnable(plan, check);
  if (needsConfirmation(runnable, deps)) await confirm(runnable, region, deps, command?.CommandName);

  const launcher: Launcher = {
    client,
    plan: runnable,
    now: deps.now,
    launches: [],
    regionArg: flags.region ? ` --region ${region}` : '',
    interrupt: { signal: deps.signal, say: (text) => ctx.terminal.interrupted(text) },
  };
  if (!settings) {
    await launchBatch(launcher, callsOf(runnable.targets));
    const printer = await ctx.printer(STARTED, { cardinality: 'many', layout: 'rows' });
    try {
      await printer.write(launcher.launches.map(({ InvocationId, CommandId }) => ({ InvocationId, CommandId })));
      await printer.end();
    } catch (error) {
      // The ids were to go to stdout: once it fails, stderr is the only place left that names them.
      if (error instanceof OutputFailedError)
        throw error.withContext({ hint: `${error.hint ?? ''}\n${alreadyStarted(launcher, 'Started')}`.trim() });
      throw error;
    }
    await reportSkipped(ctx, check);
    return;
  }
  await followRun(ctx, runnable, launcher, check, settings, region, commandType);
}

/**
 * Starts the batches one after the other and follows each until its instances have ended,
 * printing each instance as it finishes (src/cli/commands/run/results.ts) under the live view
 * of `invocations wait`, then the recap and the exit status. A batch is started only while
 * --max-failures has not been passed and --max-wait has not run out.
 */
async function followRun(
  ctx: CommandContext,
  plan: RunPlan,
  launcher: Launcher,
  check: AgentCheck,
  settings: WaitSettings,
  region: string,
  commandType: string | undefined,
): Promise<void> {
  const { deps, flags } = ctx;
  const startedAt = deps.now();
  await withWaitSession(
    deps,
    flags,
    { again: { command: 'tat invocations wait', flags: ['--exit-status'] } },
    async (session) => {
      // One client (one pace) for the writes and the polls.
      launcher.client = session.ctx.client();
      const results = await resultPrinter(session.ctx);
      const tally = new Tally();
      const unfinished: string[] = [];
      const skipped = [...check.skipped];
      let stopped: RunEnd['stopped'];
      let timedOut = false;
      // stdout failing (`> /dev/full`) does not stop the run it already started: it is followed to
      // the end and its recap still goes to stderr, then the failure is the exit status.
      let stdoutFailed: OutputFailedError | undefined;
      const keepFollowing = (error: unknown): void => {
        if (!(error instanceof OutputFailedError)) throw error;
        stdoutFailed = error;
      };
      for (const [index, planned] of plan.batches.entries()) {
        if (stopped || timedOut || session.deadlinePassed) {
          tally.notStarted.push(...planned);
          timedOut ||= session.deadlinePassed;
          continue;
        }
        // A later batch starts minutes after the check: its agents are asked again, since one that
        // went offline meanwhile would make RunCommand fail for the whole call.
        let batch = planned;
        if (index > 0) {
          const again = await checkAgents(launcher.client, planned, commandType);
          if (again.skipped.length && !plan.skipOffline) {
            stopped = { reason: 'agents', agents: again.skipped, batch: index + 1, batches: plan.batches.length };
            tally.notStarted.push(...planned);
            continue;
          }
          skipped.push(...again.skipped);
          batch = again.runnable;
          if (batch.length === 0) continue;
        }
        const launches = await launchBatch(launcher, callsOf(batch));
        const left = settings.maxWaitMs === 0 ? 0 : Math.max(1, settings.maxWaitMs - (deps.now() - startedAt));
        const later = plan.batches.slice(index + 1).flat();
        const notStarted = `The later batches were not started: ${later.length} instance${later.length === 1 ? '' : 's'} (${later.slice(0, 5).join(', ')}${later.length > 5 ? ', …' : ''}).\n`;
        // Ctrl+C: the batches not yet started never will be. Said right after the wait says it
        // stopped (a microtask: the wait's own abort listener comes first), before main() ends.
        const sayNotStarted = (): void =>
          queueMicrotask(() => {
            if (later.length && !flags.quiet) ctx.terminal.aside(notStarted);
          });
        deps.signal.addEventListener('abort', sayNotStarted, { once: true });
        const result = await session
          .wait(
            launches.map((launch) => launch.InvocationId),
            { ...settings, maxWaitMs: left, exitStatus: false },
            {
              taskOutput: true,
              regionOf: () => region,
              async onTaskEnded(task) {
                const record = runResultOf(task);
                tally.add(record);
                if (!stdoutFailed) await results.write(task, record).catch(keepFollowing);
              },
            },
          )
          .catch(async (error: unknown) => {
            // A poll that failed for good: the batches not yet started never will be (Ctrl+C said it above).
            if (!deps.signal.aborted && later.length && !flags.quiet) await ctx.terminal.write(notStarted);
            throw error;
          })
          .finally(() => deps.signal.removeEventListener('abort', sayNotStarted));
        for (const launch of launches)
          for (const id of launch.instanceIds) if (!tally.ended.has(id)) unfinished.push(id);
        timedOut = result.timedOut;
        if (plan.maxFailures && tally.failures > plan.maxFailures.value && index < plan.batches.length - 1)
          stopped = {
            reason: 'max-failures',
            limit: plan.maxFailures.value,
            afterBatch: index + 1,
            batches: plan.batches.length,
          };
      }
      if (!stdoutFailed) await results.end().catch(keepFollowing);
      const end: RunEnd = {
        launches: launcher.launches,
        tally,
        skipped,
        unfinished,
        stopped,
        timedOut,
        maxWaitMs: settings.maxWaitMs,
        regionArg: launcher.regionArg,
        hiddenKeys: [...plan.hidden].sort(),
        elapsedMs: deps.now() - startedAt,
      };
      // With stdout gone, the recap is the only record of the run: said even with --quiet.
      if (!flags.quiet || stdoutFailed)
        await session.ctx.terminal.write(
          recapLines(end)
            .map((line) => `${line}\n`)
            .join(''),
        );
      if (stdoutFailed)
        throw stdoutFailed.withContext({
          hint: `${stdoutFailed.hint ?? ''}\nThe recap above says how the run went.`.trim(),
        });
      const error = runOutcome(end);
      if (error) throw error;
    },
  );
}

/** The plan over the instances that can run it (`--skip-offline` dropped the others). */
function onlyRunnable(plan: RunPlan, check: AgentCheck): RunPlan {
  if (check.skipped.length === 0) return plan;
  return { ...plan, targets: check.runnable, batches: batchesOf(check.runnable, plan.batchSize?.value) };
}

async function reportSkipped(ctx: CommandContext, check: AgentCheck): Promise<void> {
  if (check.skipped.length === 0 || ctx.flags.quiet) return;
  await ctx.terminal.write(
    `Skipped ${check.skipped.length} instance${check.skipped.length === 1 ? '' : 's'} that cannot run it (--skip-offline):\n${describeSkipped(check.skipped)}\n`,
  );
}

/**
 * `--command-id`: the saved command, fetched first to know its type (for the agents' environment),
 * its hidden parameters, and that every placeholder has a value (given or default).
 */
async function savedCommand(ctx: CommandContext, plan: RunPlan, commandId: string): Promise<Command> {
  const [command] = await ctx.terminal.spin(`Fetching ${commandId}`, () =>
    fetchCommandsByIds(ctx.client(), [commandId]),
  );
  if (!command) throw notFound('command', [commandId], { region: ctx.settings.region ?? '' });
  const text = Buffer.from(command.Content ?? '', 'base64').toString('utf8');
  const placeholders = placeholdersOf(text);
  plan.hidden = new Set([...plan.params.keys()].filter((key) => placeholders.hidden.has(key)));
  if (plan.params.size && command.EnableParameter !== true)
    throw new UsageError(
      `${commandId} takes no parameters (EnableParameter is false), but --param was given`,
      'Drop --param, or save a command that uses {{name}} placeholders.',
    );
  const defaults = defaultKeys(command);
  const missing = placeholders.keys.filter((key) => !plan.params.has(key) && !defaults.has(key));
  if (command.EnableParameter === true && missing.length)
    throw new UsageError(
      `${commandId} needs ${missing.map((key) => `{{${key}}}`).join(', ')}, which has no default`,
      `Add --param ${missing[0]}=VALUE.`,
    );
  const unknown = [...plan.params.keys()].filter((key) => !placeholders.keys.includes(key));
  if (unknown.length)
    throw new UsageError(
      `--param ${unknown.join(', ')}: ${commandId} has no {{${unknown[0]}}}`,
      `Its parameters: ${placeholders.keys.join(', ') || 'none'} (\`tat commands get ${commandId}\`).`,
    );
  return command;
}

function defaultKeys(command: Command): Set<string> {
  const keys = new Set<string>((command.DefaultParameterConfs ?? []).map((conf) => conf.ParameterName));
  try {
    const parsed: unknown = JSON.parse(command.DefaultParameters || '{}');
    if (typeof parsed === 'object' && parsed !== null) for (const key of Object.keys(parsed)) keys.add(key);
  } catch {
    // Not JSON: no defaults tat can read; the API decides.
  }
  return keys;
}
