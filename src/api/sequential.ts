import type { FetchedPage, PageFetcher } from './paginate.js';
import { MAX_LIMIT } from './types.js';

/**
 * Full pages one after another, each asked for only when the consumer wants it. For listings
 * filtered on our side (status, time window), where how many pages are needed is not known in
 * advance: a consumer that has seen enough (a page older than --since, --limit rows) stops, and
 * no page past it was ever requested.
 */
export async function* sequentialPages<T>(fetchPage: PageFetcher<T>, start: number, pageSize = MAX_LIMIT): AsyncGenerator<FetchedPage<T>> {
  let offset = start;
  for (;;) {
    const page = await fetchPage(offset, pageSize);
    yield { items: page.items, offset, total: page.total };
    offset += page.items.length;
    // A short page is the end whatever TotalCount says; TotalCount bounds a server that never ends.
    if (page.items.length < pageSize || offset >= page.total) return;
  }
}
