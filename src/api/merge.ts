import { ApiError, TransportError } from '../errors.js';

/**
 * Fan-in of several regions' result streams into one, in the server's order (newest first).
 * Each region's pages arrive in that order already, so this is a k-way merge that emits a
 * record as soon as no region can still produce a newer one: the output streams while the
 * regions are still paging, and a region is asked for its next page only when its buffered
 * records run out (so paging that stops early stops early in every region).
 *
 * A region that fails (an API or network error) is dropped from the merge and reported through
 * `onFailure`; the others go on. Any other error (a closed stdout, a dry run, a bug) ends it all.
 */

export interface RegionSource<T> {
  region: string;
  pages: AsyncIterator<readonly T[]>;
}

export interface Tagged<T> {
  region: string;
  item: T;
}

export interface RegionFailure {
  region: string;
  error: ApiError | TransportError;
}

interface Lane<T> {
  source: RegionSource<T>;
  buffer: readonly T[];
  index: number;
  done: boolean;
}

/** Errors that mean "this region did not answer properly", as opposed to the run itself failing. */
export function isRegionFailure(error: unknown): error is ApiError | TransportError {
  return error instanceof ApiError || error instanceof TransportError;
}

export async function* mergeNewestFirst<T>(
  sources: readonly RegionSource<T>[],
  /** Negative when `a` comes before `b` (is newer). */
  compare: (a: T, b: T) => number,
  onFailure: (failure: RegionFailure) => void | Promise<void>,
): AsyncGenerator<Array<Tagged<T>>> {
  const lanes: Array<Lane<T>> = sources.map((source) => ({ source, buffer: [], index: 0, done: false }));
  const empty = (lane: Lane<T>): boolean => !lane.done && lane.index >= lane.buffer.length;

  async function refill(lane: Lane<T>): Promise<void> {
    while (empty(lane)) {
      try {
        const step = await lane.source.pages.next();
        if (step.done) lane.done = true;
        else {
          lane.buffer = step.value;
          lane.index = 0;
        }
      } catch (error) {
        if (!isRegionFailure(error)) throw error;
        lane.done = true;
        await onFailure({ region: lane.source.region, error });
      }
    }
  }

  try {
    for (;;) {
      // Every region with nothing buffered fetches its next page, all at once.
      await Promise.all(lanes.filter(empty).map(refill));
      const live = lanes.filter((lane) => !lane.done);
      if (live.length === 0) return;
      const batch: Array<Tagged<T>> = [];
      // Emit while every live region has a head to compare: the newest head is safe to print.
      while (live.every((lane) => lane.index < lane.buffer.length)) {
        let best = live[0]!;
        for (const lane of live) if (compare(lane.buffer[lane.index]!, best.buffer[best.index]!) < 0) best = lane;
        batch.push({ region: best.source.region, item: best.buffer[best.index++]! });
      }
      yield batch;
    }
  } finally {
    // Stopped early (a limit reached, an error): let every region's paging end.
    await Promise.all(
      lanes.filter((lane) => !lane.done).map((lane) => lane.source.pages.return?.(undefined).catch(() => undefined)),
    );
  }
}
