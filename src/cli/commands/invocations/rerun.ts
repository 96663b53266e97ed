import type { Deps } from '../../../deps.js';
import { ExitCode, TatError, UsageError } from '../../../errors.js';
import { notFound } from '../../flows/not-found.js';
import { COMMAND_TYPES, type Invocation } from '../../../api/types.js';
import type { GlobalFlags } from '../../flags.js';
import { decodeBase64Strict } from '../../../output/base64.js';
import { statusCategory } from '../../../output/status.js';
import { createContext } from '../../context.js';
import { locate } from '../../flows/locate.js';
import { finishRegions, planRegions, searchedIn, type RegionFlags } from '../../regions.js';
import { parseInvocationIds } from '../../parse.js';
import { readTargets } from '../run/targets.js';
import { batchesOf } from '../run/batches.js';
import { HIDDEN, parseParams, placeholdersOf } from '../run/params.js';
import { parseRolling, type Overrides, type RunPlan } from '../run/plan.js';
import { executeRun } from '../run/run.js';

export interface RerunFlags extends RegionFlags {
  failed?: boolean;
  instances: string[];
  instancesFrom?: string;
  param: string[];
  skipOffline?: boolean;
  batchSize?: string;
  maxFailures?: string;
  /** `--no-wait` makes it false. */
  wait: boolean;
  yes?: boolean;
  maxWait?: string;
  interval?: string;
}

/**
 * `tat invocations rerun <inv-id...> [--failed] [--instances ... | --instances-from FILE]`: the same command again (the
 * invocation's CommandContent, CommandType, Parameters, Username, WorkingDirectory, Timeout and
 * COS output) on the same instances, only on those whose task did not succeed (`--failed`), or
 * on the ones named; then exactly as `tat run`. Several invocations of one run (a run of more
 * than 200 instances is several) are run again together; invocations of different commands are
 * refused. TAT records a hidden parameter's value as `******`: those are asked for again with --param.
 */
export async function rerunCommand(
  deps: Deps,
  flags: GlobalFlags,
  args: readonly string[],
  raw: RerunFlags,
): Promise<void> {
  const ids = parseInvocationIds(args, 'invocation id');
  const naming = raw.instances.length > 0 || raw.instancesFrom !== undefined;
  if (raw.failed && naming)
    throw new UsageError(
      `--failed and ${raw.instances.length ? '--instances' : '--instances-from'} cannot be used together`,
      'Give --failed to run it again where it did not succeed, or name the instances.',
    );
  const named = naming ? await readTargets(raw.instances, raw.instancesFrom, deps) : [];
  const given = parseParams(raw.param);
  const lookup = await createContext(deps, flags, { manyRegions: true });
  const regionPlan = await planRegions(lookup, raw);
  const where = await locate(lookup, regionPlan, ids);
  const missing = ids.filter((id) => !where.has(id));
  if (regionPlan.multi) await finishRegions(lookup, regionPlan, { everyIdFound: missing.length === 0 });
  if (missing.length) throw notFound('invocation', missing, searchedIn(regionPlan));
  const found = ids.map((id) => where.get(id)!.record);
  const regions = [...new Set(ids.map((id) => where.get(id)!.region))];
  if (regions.length > 1)
    throw new UsageError(
      `the invocations are in different regions (${regions.join(', ')})`,
      'Run them again one region at a time.',
    );
  // The run goes to the region that has them.
  const ctx = regionPlan.multi ? await createContext(deps, { ...flags, region: regions[0] }) : lookup;
  const first = found[0]!;
  const differing = found.find((invocation) => commandKey(invocation) !== commandKey(first));
  if (differing)
    throw new UsageError(
      `${first.InvocationId} and ${differing.InvocationId} ran different commands (or with different settings)`,
      'Run them again one at a time.',
    );

  const bytes = decodeBase64Strict(first.CommandContent ?? '');
  if (bytes === undefined || bytes.length === 0)
    throw new TatError(
      `${first.InvocationId} has no command content tat can decode`,
      ExitCode.Failure,
      '`tat invocations get ID -o json` shows what the server sent.',
    );
  const text = new TextDecoder().decode(bytes);
  const placeholders = placeholdersOf(text);
  const params = recordedParams(first);
  for (const [key, value] of given) params.set(key, value);
  const unknown = [...given.keys()].filter((key) => !placeholders.keys.includes(key));
  if (unknown.length)
    throw new UsageError(
      `--param ${unknown.join(', ')}: the command has no {{${unknown[0]}}}`,
      `Its parameters: ${placeholders.keys.join(', ') || 'none'}.`,
    );
  const lost = [...params]
    .filter(([key, value]) => value === HIDDEN && placeholders.hidden.has(key) && !given.has(key))
    .map(([key]) => key);
  if (lost.length)
    throw new UsageError(
      `TAT keeps the value of hidden parameter${lost.length === 1 ? '' : 's'} ${lost.join(', ')} as ${HIDDEN}, so it cannot be sent again`,
      `Give ${lost.map((key) => `--param ${key}=VALUE`).join(' ')}.`,
    );

  const targets = named.length ? named : instancesOf(found, raw.failed === true);
  if (targets.length === 0) {
    ctx.terminal.notice(`Nothing to run again: every instance of ${ids.join(', ')} succeeded.`);
    return;
  }
  const { batchSize, maxFailures } = parseRolling(raw, targets.length);
  const type = COMMAND_TYPES.find((t) => t === (first.CommandType ?? '').toUpperCase()) ?? 'SHELL';
  const plan: RunPlan = {
    subject: {
      kind: 'script',
      script: { bytes, from: first.InvocationId },
      text,
      commandType: type,
      name: validName(first.CommandName),
      save: false,
    },
    params: placeholders.keys.length && params.size ? params : new Map(),
    hidden: placeholders.hidden,
    targets,
    batchSize,
    maxFailures,
    batches: batchesOf(targets, batchSize?.value),
    overrides: overridesOf(first),
    skipOffline: raw.skipOffline === true,
    wait: raw.wait,
    yes: raw.yes === true,
  };
  return executeRun(ctx, plan, { maxWait: raw.maxWait, interval: raw.interval });
}

/** What must be equal for invocations to be run again as one. */
function commandKey(r: Invocation): string {
  return JSON.stringify([
    r.CommandContent,
    r.CommandType,
    r.Parameters,
    r.Username,
    r.WorkingDirectory,
    r.Timeout,
    r.OutputCOSBucketUrl,
    r.OutputCOSKeyPrefix,
  ]);
}

/** The invocation's Parameters (a JSON object of strings), hidden ones as `******`. */
function recordedParams(r: Invocation): Map<string, string> {
  const params = new Map<string, string>();
  try {
    const parsed: unknown = JSON.parse(r.Parameters || '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') params.set(key, value);
  } catch {
    // Not JSON: the command ran without parameters tat can read; --param can still give them.
  }
  return params;
}

/** The instances of the invocations' tasks, in order, once each; only those that did not succeed with `failed`. */
function instancesOf(invocations: readonly Invocation[], failed: boolean): string[] {
  const ids = new Set<string>();
  for (const invocation of invocations)
    for (const task of invocation.InvocationTaskBasicInfoSet ?? [])
      if (!failed || statusCategory(task.TaskStatus) !== 'success') ids.add(task.InstanceId);
  return [...ids];
}

function overridesOf(r: Invocation): Overrides {
  const out: Overrides = {};
  if (typeof r.Timeout === 'number' && r.Timeout > 0) out.Timeout = r.Timeout;
  if (r.Username) out.Username = r.Username;
  if (r.WorkingDirectory) out.WorkingDirectory = r.WorkingDirectory;
  if (r.OutputCOSBucketUrl) out.OutputCOSBucketUrl = r.OutputCOSBucketUrl;
  if (r.OutputCOSKeyPrefix) out.OutputCOSKeyPrefix = r.OutputCOSKeyPrefix;
  return out;
}

/** The command's name, when RunCommand would take it again. */
function validName(name: string | undefined): string | undefined {
  return name && /^[\p{Script=Han}A-Za-z0-9_.-]+$/u.test(name) && new TextEncoder().encode(name).length <= 60
    ? name
    : undefined;
}
