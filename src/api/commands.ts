import type { TatClient } from './client.js';
import { mapLimit } from './concurrency.js';
import { chunks } from './invocations.js';
import { commandOrder } from './order.js';
import { paginate, type FetchedPage, type PagingOrder } from './paginate.js';
import { describeCommands } from './tat.js';
import { MAX_IDS_PER_REQUEST, MAX_LIMIT, type Command, type Filter } from './types.js';

/** How `tat` finds saved commands (DescribeCommands): by ids (100 a request) or by filters (paged). */

const CONCURRENCY = 4;

export const COMMAND_PAGING: PagingOrder<Command> = { key: (c) => c.CommandId, order: commandOrder };

export interface CommandQuery {
  filters: Filter[];
  offset: number;
  /** `undefined`: every match. */
  limit?: number;
  /** Pages worth asking for ahead, as the consumer estimates them (see PageRange.ahead). */
  ahead?: () => number;
}

/** The commands of these ids, in the order asked; ids that do not exist are absent. */
export async function fetchCommandsByIds(client: TatClient, ids: readonly string[]): Promise<Command[]> {
  const found = new Map<string, Command>();
  const answers = await mapLimit(chunks(ids, MAX_IDS_PER_REQUEST), CONCURRENCY, (chunk) =>
    describeCommands(client, { CommandIds: chunk, Limit: MAX_LIMIT }),
  );
  for (const answer of answers) for (const command of answer.CommandSet) found.set(command.CommandId, command);
  return ids.flatMap((id) => found.get(id) ?? []);
}

export async function* queryCommands(client: TatClient, query: CommandQuery): AsyncGenerator<FetchedPage<Command>> {
  yield* paginate(
    async (offset, limit) => {
      const response = await describeCommands(client, {
        Filters: query.filters.length ? query.filters : undefined,
        Offset: offset,
        Limit: limit,
      });
      return { items: response.CommandSet, total: response.TotalCount };
    },
    query,
    COMMAND_PAGING,
  );
}

/**
 * The commands named exactly `name` (DescribeCommands' `command-name` filter, checked here too
 * in case a server matches loosely), newest first.
 */
export async function commandsNamed(client: TatClient, name: string): Promise<Command[]> {
  const found: Command[] = [];
  for await (const page of queryCommands(client, { filters: [{ Name: 'command-name', Values: [name] }], offset: 0 })) {
    for (const command of page.items) if (command.CommandName === name) found.push(command);
  }
  return found;
}
