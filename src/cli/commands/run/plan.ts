import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import {
  COMMAND_TYPES,
  MAX_COMMAND_NAME_BYTES,
  MAX_COMMAND_TIMEOUT_SECONDS,
  MAX_DESCRIPTION_CHARS,
} from '../../../api/types.js';
import { parseDuration } from '../../../values.js';
import { parseCommandIds } from '../../parse.js';
import { batchesOf, parseCount, type Count } from './batches.js';
import { parseParams, placeholdersOf } from './params.js';
import { readScript, type Script } from './script.js';
import { readTargets } from './targets.js';

/**
 * `tat run`'s flags, checked and turned into what will be sent, before any request: every
 * refusal (exit 2) happens while building the plan.
 */

export interface RunFlags {
  file?: string;
  commandId?: string;
  param: string[];
  instances: string[];
  instancesFrom?: string;
  commandTimeout?: string;
  username?: string;
  workingDir?: string;
  commandType?: string;
  name?: string;
  description?: string;
  save?: boolean;
  outputCosBucketUrl?: string;
  outputCosKeyPrefix?: string;
  skipOffline?: boolean;
  batchSize?: string;
  maxFailures?: string;
  /** `--no-wait` makes it false. */
  wait: boolean;
  yes?: boolean;
  maxWait?: string;
  interval?: string;
}

/** An inline script (RunCommand), or a saved command (InvokeCommand). */
export type Subject =
  | {
      kind: 'script';
      script: Script;
      text: string;
      commandType: string;
      name?: string;
      description?: string;
      save: boolean;
    }
  | { kind: 'saved'; commandId: string };

/** What InvokeCommand and RunCommand both take, given only when the flag was. */
export interface Overrides {
  Timeout?: number;
  Username?: string;
  WorkingDirectory?: string;
  OutputCOSBucketUrl?: string;
  OutputCOSKeyPrefix?: string;
}

export interface RunPlan {
  subject: Subject;
  params: Map<string, string>;
  /** Keys whose values are never shown (`{{tat-hidden:key}}`); a saved command's are known once it is fetched. */
  hidden: Set<string>;
  targets: string[];
  batchSize?: Count;
  maxFailures?: Count;
  batches: string[][];
  overrides: Overrides;
  skipOffline: boolean;
  wait: boolean;
  yes: boolean;
}

export async function planRun(argument: string | undefined, flags: RunFlags, deps: Pick<Deps, 'io'>): Promise<RunPlan> {
  const sources = [
    argument !== undefined && 'a script argument',
    flags.file !== undefined && '--file',
    flags.commandId !== undefined && '--command-id',
  ].filter(Boolean);
  if (sources.length > 1)
    throw new UsageError(
      `${sources.join(' and ')} cannot be used together`,
      'Give the script once: as an argument, with --file, or as a saved command with --command-id.',
    );
  if (flags.file === '-' && flags.instancesFrom === '-')
    throw new UsageError('--file - and --instances-from - both read stdin', 'Read one of them from a file.');
  const params = parseParams(flags.param);
  const overrides = parseOverrides(flags);
  let subject: Subject;
  let hidden = new Set<string>();
  if (flags.commandId !== undefined) {
    const [commandId] = parseCommandIds([flags.commandId], '--command-id');
    if (commandId === undefined || flags.commandId.includes(','))
      throw new UsageError(
        `--command-id '${flags.commandId}' names more than one command`,
        'Run one saved command at a time.',
      );
    for (const [flag, given] of [
      ['--command-type', flags.commandType],
      ['--name', flags.name],
      ['--description', flags.description],
      ['--save', flags.save],
    ] as const)
      if (given !== undefined)
        throw new UsageError(
          `${flag} does not apply to --command-id`,
          `A saved command keeps its own ${flag === '--save' ? 'place' : flag.slice(2)}; drop ${flag}.`,
        );
    subject = { kind: 'saved', commandId };
  } else {
    const script = await readScript(argument, flags.file, deps);
    const text = new TextDecoder().decode(script.bytes);
    const placeholders = placeholdersOf(text);
    if (params.size > 0) {
      const missing = placeholders.keys.filter((key) => !params.has(key));
      if (missing.length)
        throw new UsageError(
          `the script uses ${missing.map((key) => `{{${key}}}`).join(', ')} but no --param gives ${missing.length === 1 ? 'it' : 'them'}`,
          `Add --param ${missing[0]}=VALUE.`,
        );
      const unused = [...params.keys()].filter((key) => !placeholders.keys.includes(key));
      if (unused.length)
        throw new UsageError(
          `--param ${unused.join(', ')}: the script has no {{${unused[0]}}}`,
          'Check the name; the script names its parameters as {{name}} or {{tat-hidden:name}}.',
        );
    }
    hidden = placeholders.hidden;
    subject = {
      kind: 'script',
      script,
      text,
      commandType: parseCommandType(flags.commandType),
      name: flags.name === undefined ? undefined : checkName(flags.name),
      description: flags.description === undefined ? undefined : checkDescription(flags.description),
      save: flags.save === true,
    };
  }
  const targets = await readTargets(flags.instances, flags.instancesFrom, deps);
  const { batchSize, maxFailures } = parseRolling(flags, targets.length);
  if (!flags.wait && (flags.maxWait !== undefined || flags.interval !== undefined))
    throw new UsageError(
      `--no-wait cannot be used with ${flags.maxWait !== undefined ? '--max-wait' : '--interval'}`,
      'Drop one of them.',
    );
  return {
    subject,
    params,
    hidden,
    targets,
    batchSize,
    maxFailures,
    batches: batchesOf(targets, batchSize?.value),
    overrides,
    skipOffline: flags.skipOffline === true,
    wait: flags.wait,
    yes: flags.yes === true,
  };
}

function parseCommandType(value: string | undefined): string {
  if (value === undefined) return 'SHELL';
  const type = COMMAND_TYPES.find((t) => t === value.trim().toUpperCase());
  if (type === undefined)
    throw new UsageError(
      `--command-type '${value}' is not one of ${COMMAND_TYPES.join(', ')}`,
      'e.g. --command-type SHELL (the default) or --command-type POWERSHELL.',
    );
  return type;
}

/** A command name: letters (Chinese included), digits, _, - and ., at most 60 bytes. */
function checkName(value: string): string {
  const name = value.trim();
  if (!/^[\p{Script=Han}A-Za-z0-9_.-]+$/u.test(name))
    throw new UsageError(
      `--name '${value.slice(0, 70)}' has characters a command name cannot have`,
      'Use letters, digits, _, - and . (Chinese characters too), e.g. --name deploy-web.',
    );
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > MAX_COMMAND_NAME_BYTES)
    throw new UsageError(
      `--name is ${bytes} bytes; the API takes at most ${MAX_COMMAND_NAME_BYTES}`,
      'Shorten it (a Chinese character counts 3 bytes).',
    );
  return name;
}

function checkDescription(value: string): string {
  const length = [...value].length;
  if (length > MAX_DESCRIPTION_CHARS)
    throw new UsageError(
      `--description has ${length} characters; the API takes at most ${MAX_DESCRIPTION_CHARS}`,
      'Shorten it.',
    );
  return value;
}

function parseOverrides(flags: RunFlags): Overrides {
  const out: Overrides = {};
  if (flags.commandTimeout !== undefined) out.Timeout = parseCommandTimeout(flags.commandTimeout);
  if (flags.username !== undefined)
    out.Username = nonEmpty(
      flags.username,
      '--username',
      'e.g. --username ubuntu (the default is root on Linux, System on Windows).',
    );
  if (flags.workingDir !== undefined)
    out.WorkingDirectory = nonEmpty(
      flags.workingDir,
      '--working-dir',
      'e.g. --working-dir /srv/app (the default is /root for SHELL).',
    );
  if (flags.outputCosBucketUrl !== undefined) {
    const url = flags.outputCosBucketUrl.trim();
    if (!/^https:\/\/\S+$/.test(url))
      throw new UsageError(
        `--output-cos-bucket-url '${flags.outputCosBucketUrl.slice(0, 80)}' is not an https URL`,
        'e.g. --output-cos-bucket-url https://BucketName-123454321.cos.ap-beijing.myqcloud.com',
      );
    out.OutputCOSBucketUrl = url;
  }
  if (flags.outputCosKeyPrefix !== undefined) out.OutputCOSKeyPrefix = checkKeyPrefix(flags.outputCosKeyPrefix);
  return out;
}

/** The command's Timeout: whole seconds from 1s to 24h. */
function parseCommandTimeout(value: string): number {
  const hint = 'Give whole seconds from 1s to 24h, e.g. --command-timeout 90s, 10m or 2h (the default is 60s).';
  let ms: number;
  try {
    ms = parseDuration(value, '--command-timeout');
  } catch (error) {
    // parseDuration's own hint names its range (from 1ms), which this flag does not take.
    if (error instanceof UsageError) throw error.withContext({ hint });
    throw error;
  }
  if (ms % 1000 !== 0 || ms < 1000)
    throw new UsageError(`--command-timeout '${value}' is not a whole number of seconds from 1s to 24h`, hint);
  const seconds = ms / 1000;
  if (seconds > MAX_COMMAND_TIMEOUT_SECONDS)
    throw new UsageError(
      `--command-timeout '${value}' is longer than 24h`,
      `TAT kills a command after at most 24h. ${hint}`,
    );
  return seconds;
}

function nonEmpty(value: string, flag: string, hint: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} is empty`, hint);
  return value;
}

/** COS folder rules: at most 60 characters, no leading `/`, no `//`, no `..` folder. */
function checkKeyPrefix(value: string): string {
  const bad =
    value.trim() === ''
      ? 'is empty'
      : [...value].length > 60
        ? 'is longer than 60 characters'
        : value.startsWith('/')
          ? 'starts with /'
          : value.includes('//')
            ? 'has //'
            : value.split('/').includes('..')
              ? 'has a .. folder'
              : undefined;
  if (bad)
    throw new UsageError(
      `--output-cos-key-prefix ${bad}`,
      'e.g. --output-cos-key-prefix deploys/2026-12 (no leading /, no //, no .., at most 60 characters).',
    );
  return value;
}

/** --batch-size and --max-failures (N or N% of `targets`), which a run that does not wait cannot honour. */
export function parseRolling(
  flags: { batchSize?: string; maxFailures?: string; wait: boolean },
  targets: number,
): { batchSize?: Count; maxFailures?: Count } {
  const batchSize =
    flags.batchSize === undefined
      ? undefined
      : parseCount(flags.batchSize, '--batch-size', targets, { min: 1, round: 'up' });
  const maxFailures =
    flags.maxFailures === undefined
      ? undefined
      : parseCount(flags.maxFailures, '--max-failures', targets, { min: 0, round: 'down' });
  if (!flags.wait && (batchSize || maxFailures))
    throw new UsageError(
      `--no-wait cannot be used with ${batchSize ? '--batch-size' : '--max-failures'}`,
      'A rolling run waits for each batch to end before the next; drop --no-wait, or the batch flags.',
    );
  return { batchSize, maxFailures };
}
