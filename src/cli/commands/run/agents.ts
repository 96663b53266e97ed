import { TatError, ExitCode } from '../../../errors.js';
import { fetchAgentsByIds } from '../../../api/agents.js';
import type { TatClient } from '../../../api/client.js';
import type { AutomationAgentInfo } from '../../../api/types.js';

/**
 * Agents first: RunCommand fails for every instance of a call when one target's agent is offline
 * (ResourceUnavailable.AgentStatusNotOnline), unknown, or of the wrong environment. So tat asks
 * DescribeAutomationAgentStatus for every target (100 a request) before running anything, and
 * refuses naming each one that cannot run it, or with `--skip-offline` runs on the others.
 */

export interface Skipped {
  instanceId: string;
  /** `Offline`, `no TAT agent`, `Windows agent for a SHELL command`. */
  why: string;
  /** For an online agent of the other environment: the command type it does run. */
  runs?: 'SHELL' | 'POWERSHELL';
}

export interface AgentCheck {
  runnable: string[];
  skipped: Skipped[];
}

/** Which environment can run a command type: SHELL on Linux, the others on Windows. */
function environmentFor(commandType: string | undefined): string | undefined {
  if (commandType === undefined) return undefined;
  return commandType === 'SHELL' ? 'Linux' : 'Windows';
}

/** `commandType`: the type that will run (a saved command's own), to find agents of the wrong environment. */
export async function checkAgents(
  client: TatClient,
  targets: readonly string[],
  commandType: string | undefined,
): Promise<AgentCheck> {
  const agents = new Map<string, AutomationAgentInfo>(
    (await fetchAgentsByIds(client, targets)).map((agent) => [agent.InstanceId, agent]),
  );
  const needs = environmentFor(commandType);
  const runnable: string[] = [];
  const skipped: Skipped[] = [];
  for (const instanceId of targets) {
    const agent = agents.get(instanceId);
    const status = typeof agent?.AgentStatus === 'string' ? agent.AgentStatus : '';
    if (!agent) skipped.push({ instanceId, why: 'no TAT agent known (not in this region, or not installed)' });
    else if (status.toUpperCase() !== 'ONLINE') skipped.push({ instanceId, why: status || 'no agent status' });
    else if (needs && typeof agent.Environment === 'string' && agent.Environment.toUpperCase() !== needs.toUpperCase())
      skipped.push({
        instanceId,
        why: `${agent.Environment} agent for a ${commandType} command`,
        runs: needs === 'Linux' ? 'POWERSHELL' : 'SHELL',
      });
    else runnable.push(instanceId);
  }
  return { runnable, skipped };
}

/** Shown in refusals and the recap: at most this many instances by name, then a count. */
const NAMED = 20;

export function describeSkipped(skipped: readonly Skipped[]): string {
  const lines = skipped.slice(0, NAMED).map((s) => `  ${s.instanceId}: ${s.why}`);
  if (skipped.length > NAMED) lines.push(`  … and ${skipped.length - NAMED} more`);
  return lines.join('\n');
}

/** Nothing was run: some targets cannot run the command and --skip-offline was not given (exit 1). */
export function agentsRefusal(check: AgentCheck): TatError {
  const n = check.skipped.length;
  const message = `${n} of ${n + check.runnable.length} instance${n + check.runnable.length === 1 ? '' : 's'} cannot run it now, so nothing was run:\n${describeSkipped(check.skipped)}`;
  // Advice that fits the reason: an agent of the other environment is online, and runs another type.
  const runs = check.skipped.find((k) => k.runs)?.runs;
  const down = check.skipped.some((k) => !k.runs);
  const fixes = [
    ...(down ? ['fix the agents first (`tat agents list --status offline`)'] : []),
    ...(runs ? [`run it on those instances apart, as a script their agents run (\`--command-type ${runs}\`)`] : []),
  ];
  const hint = check.runnable.length
    ? `Add --skip-offline to run on the ${check.runnable.length === 1 ? 'other one' : `${check.runnable.length} others`} (the skipped ones are named at the end), or ${fixes.join(', or ')}.`
    : down
      ? 'Check the instance ids and the region (--region); `tat agents list --status online` lists instances that can run commands.'
      : `Their agents run another type of script: run it as one (\`--command-type ${runs ?? 'SHELL'}\`), or on other instances.`;
  return new TatError(message, ExitCode.Failure, hint);
}
