import { NotFoundError } from '../../errors.js';
import { visible } from '../../output/escape.js';

/**
 * The one place that says an id was not found: which ids, where they were looked for, and what
 * to try next. Every command that looks ids up (get, wait, output, tasks, list --id) throws
 * these, so the words and the hints never drift apart (exit 3).
 */

/** Where ids were looked for: one region, or several (of which some failed). */
export type Searched = { region: string } | { regions: number; failed: number };

/** At most this many ids are listed in one message; the rest are counted. */
export const MAX_LISTED = 20;

export function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_LISTED).map((id) => visible(id));
  return ids.length > MAX_LISTED ? `${shown.join(', ')} and ${ids.length - MAX_LISTED} more` : shown.join(', ');
}

function where(searched: Searched): string {
  if ('region' in searched) return `region ${visible(searched.region)}`;
  const answering = searched.regions - searched.failed;
  return `${answering} region${answering === 1 ? '' : 's'}${searched.failed ? ' that answered' : ''}`;
}

const NOUNS = {
  invocation: {
    one: 'invocation',
    many: 'invocations',
    list: '`tat invocations list`',
    listAll: '`tat invocations list --all-regions`',
  },
  task: {
    one: 'task',
    many: 'tasks',
    list: '`tat invocations tasks inv-...`',
    listAll: '`tat tasks list --all-regions`',
  },
  command: {
    one: 'command',
    many: 'commands',
    list: '`tat commands list`',
    listAll: '`tat commands list --all-regions`',
  },
} as const;

const SHOWS: Record<keyof typeof NOUNS, string> = {
  invocation: 'shows recent ones',
  task: 'lists the tasks of an invocation',
  command: 'shows the saved commands',
};

export type Noun = keyof typeof NOUNS;

export function isNoun(value: string): value is Noun {
  return Object.hasOwn(NOUNS, value);
}

/** `invocation not found in region ap-guangzhou: inv-x` (exit 3), with what to check. */
export function notFound(noun: Noun, ids: readonly string[], searched: Searched): NotFoundError {
  const words = NOUNS[noun];
  const what = ids.length === 1 ? words.one : `${ids.length} ${words.many}`;
  const hint =
    'region' in searched
      ? `Check the id and the region (--region); ${words.list} ${SHOWS[noun]}.`
      : `Check the id; ${words.listAll} ${noun === 'task' ? 'lists recent tasks' : SHOWS[noun]}.`;
  return new NotFoundError(`${what} not found in ${where(searched)}: ${listIds(ids)}`, [...ids], hint);
}

/** Ids that were shown while waiting, then no longer (deleted, or a server that lost them). */
export function noLongerShown(ids: readonly string[], region: string): NotFoundError {
  const what = ids.length === 1 ? 'invocation' : `${ids.length} invocations`;
  return new NotFoundError(
    `${what} no longer shown by region ${visible(region)}: ${listIds(ids)}`,
    [...ids],
    `They were shown, then not for the grace period: deleted, or the server lost them. \`tat invocations get ${visible(ids[0] ?? '')}\` looks again.`,
  );
}

/** `inv-x has no task on ins-a, ins-b` (exit 3): instances asked for with --instance. */
export function noTaskOn(invocationId: string, instances: readonly string[]): NotFoundError {
  return new NotFoundError(
    `${visible(invocationId)} has no task on ${listIds(instances)}`,
    [...instances],
    `\`tat invocations tasks ${visible(invocationId)}\` lists its instances.`,
  );
}

/** `--command-name NAME` names no saved command in the region (exit 3). */
export function noCommandNamed(name: string, region: string): NotFoundError {
  return new NotFoundError(
    `no command named '${visible(name)}' in region ${visible(region)}`,
    [name],
    'Check the name and the region; `tat commands list` shows the saved commands (--filter created-by=USER for your own).',
  );
}
