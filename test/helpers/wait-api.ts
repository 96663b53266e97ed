import type { Fetch } from '../../src/deps.js';
import type { Invocation, InvocationTask } from '../../src/api/types.js';
import { numbered } from './invocations.js';

/**
 * A stand-in TAT endpoint whose invocations change status as the (fake) clock moves: each one
 * follows a timeline of [ms after the start, invocation status, task statuses]. Records every
 * request with the clock's time, so tests can count requests and check their rate.
 */

export type Step = [atMs: number, status: string, tasks?: string[]];

export interface TimelineOptions {
  /** ms since the start before an id shows up at all (default 0: at once). */
  visibleAfter?: Record<string, number>;
  /** Answers these request numbers (1-based) with RequestLimitExceeded. */
  throttle?: number[];
  /** Exit code of FAILED tasks. */
  failExit?: number;
  /** Tasks print `<instance> <status>\n` (base64 in Output), so tests can tell when it was fetched. */
  withOutput?: boolean;
  /** The region of each id, or its regions (an id repeated across regions); default: every id is in every region. */
  regionOf?: Record<string, string | string[]>;
  /** These regions answer a few turns of the event loop late (no clock time): a later region can answer first. */
  slow?: string[];
  /** These regions answer this error code from their `after`-th request on (1-based, counted per region; default 1). */
  failing?: Record<string, { code: string; after?: number }>;
  /** The regions DescribeRegions lists (default: those of `regionOf`). */
  regions?: string[];
  /** These regions never answer their `after`-th request on (1-based, per region; default 1): it stays open until aborted. */
  hang?: Record<string, { after?: number }>;
  /** These ids are no longer shown from this many ms after the start. */
  vanishAt?: Record<string, number>;
  /** DescribeInvocationTasks answers this error code (an account not allowed to call it). */
  denyTasks?: string;
  /** Every answer waits this many turns of the event loop (requests overlap, so concurrency can be counted). */
  turns?: number;
}

export interface TimelineApi {
  fetch: Fetch;
  calls: Array<{ action: string; params: Record<string, unknown>; at: number; region: string }>;
  /** The most requests that were in flight at once, and how many hung requests were aborted. */
  stats: { inFlight: number; maxInFlight: number; aborted: number };
}

export function timelineApi(
  clock: { now(): number },
  timelines: Record<string, Step[]>,
  options: TimelineOptions = {},
): TimelineApi {
  const start = clock.now();
  const calls: TimelineApi['calls'] = [];
  const stepAt = (id: string, elapsed: number): Step => {
    const steps = timelines[id]!;
    let current = steps[0]!;
    for (const step of steps) if (step[0] <= elapsed) current = step;
    return current;
  };
  const invocation = (id: string, elapsed: number): Invocation => {
    const [, status, tasks = ['RUNNING']] = stepAt(id, elapsed);
    return numbered(0, {
      InvocationId: id,
      InvocationStatus: status,
      CreatedTime: new Date(start).toISOString(),
      EndTime: null,
      InvocationTaskBasicInfoSet: tasks.map((task, i) => ({
        InvocationTaskId: `invt-${id.slice(4)}${i}`,
        TaskStatus: task,
        InstanceId: `ins-${id.slice(4)}${i}`,
      })),
    });
  };
  const task = (inv: Invocation, index: number): InvocationTask => {
    const basic = inv.InvocationTaskBasicInfoSet[index]!;
    return {
      InvocationId: inv.InvocationId,
      InvocationTaskId: basic.InvocationTaskId,
      CommandId: inv.CommandId,
      TaskStatus: basic.TaskStatus,
      InstanceId: basic.InstanceId,
      TaskResult: {
        ExitCode: basic.TaskStatus === 'FAILED' ? (options.failExit ?? 1) : 0,
        Output: options.withOutput ? Buffer.from(`${basic.InstanceId} ${basic.TaskStatus}\n`).toString('base64') : '',
        ExecStartTime: new Date(start + 1000).toISOString(),
        ExecEndTime: ['SUCCESS', 'FAILED'].includes(basic.TaskStatus) ? new Date(start + 5000).toISOString() : null,
        Dropped: 0,
        OutputUrl: '',
        OutputUploadCOSErrorInfo: '',
      },
      StartTime: null,
      EndTime: null,
      CreatedTime: inv.CreatedTime,
      UpdatedTime: inv.CreatedTime,
      CommandDocument: null,
      ErrorInfo: '',
      InvocationSource: 'USER',
    };
  };
  const stats = { inFlight: 0, maxInFlight: 0, aborted: 0 };
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      return await answer(init);
    } finally {
      stats.inFlight--;
    }
  }) as Fetch;
  const answer = async (init?: RequestInit): Promise<Response> => {
    const headers = init?.headers as Record<string, string>;
    const action = headers['X-TC-Action'] ?? '';
    const region = headers['X-TC-Region'] ?? '';
    const params = JSON.parse(String(init?.body)) as Record<string, unknown>;
    calls.push({ action, params, at: clock.now(), region });
    const elapsed = clock.now() - start;
    const hang = options.hang?.[region];
    if (hang && calls.filter((call) => call.region === region).length >= (hang.after ?? 1)) {
      const signal = init!.signal!;
      return new Promise<Response>((_, reject) => {
        const abort = (): void => {
          stats.aborted++;
          reject(signal.reason);
        };
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      });
    }
    if (options.slow?.includes(region))
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    for (let turn = 0; turn < (options.turns ?? 0); turn++) await new Promise((resolve) => setImmediate(resolve));
    const here = (id: string): boolean =>
      Boolean(timelines[id]) &&
      (!options.regionOf || [options.regionOf[id]].flat().includes(region)) &&
      elapsed < (options.vanishAt?.[id] ?? Infinity);
    const failure = options.failing?.[region];
    let body: Record<string, unknown>;
    if (options.throttle?.includes(calls.length)) {
      body = { Error: { Code: 'RequestLimitExceeded', Message: 'too many requests' } };
    } else if (failure && calls.filter((call) => call.region === region).length >= (failure.after ?? 1)) {
      body = { Error: { Code: failure.code, Message: `${failure.code} in ${region}` } };
    } else if (action === 'DescribeInvocationTasks' && options.denyTasks) {
      body = { Error: { Code: options.denyTasks, Message: 'You are not authorized to perform this operation' } };
    } else if (action === 'DescribeRegions') {
      const set = (options.regions ?? [...new Set(Object.values(options.regionOf ?? {}).flat())]).map((name) => ({
        Region: name,
        RegionName: name,
        RegionState: 'AVAILABLE',
      }));
      body = { TotalCount: set.length, RegionSet: set };
    } else if (action === 'DescribeInvocations') {
      // By ids (wait, get), or everything (a listing).
      const ids = ((params.InvocationIds as string[] | undefined) ?? Object.keys(timelines)).filter(
        (id) => here(id) && elapsed >= (options.visibleAfter?.[id] ?? 0),
      );
      const set = ids.map((id) => invocation(id, elapsed));
      body = { TotalCount: set.length, InvocationSet: set };
    } else if (action === 'DescribeInvocationTasks') {
      // By task ids (invt-<invocation id without inv-><index>), or by the invocation-id filter.
      const taskIds = params.InvocationTaskIds as string[] | undefined;
      const ids = (
        taskIds
          ? Object.keys(timelines).filter((id) => taskIds.some((t) => t.startsWith(`invt-${id.slice(4)}`)))
          : (params.Filters as Array<{ Values: string[] }>)[0]!.Values
      ).filter(here);
      const set = ids
        .flatMap((id) => {
          const inv = invocation(id, elapsed);
          return inv.InvocationTaskBasicInfoSet.map((_, i) => task(inv, i));
        })
        .filter((t) => !taskIds || taskIds.includes(t.InvocationTaskId));
      body = { TotalCount: set.length, InvocationTaskSet: set };
    } else {
      body = { Error: { Code: 'InvalidAction', Message: action } };
    }
    return new Response(JSON.stringify({ Response: { ...body, RequestId: `req-${calls.length}` } }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetch, calls, stats };
}

/** The most requests sent within any one second. */
export function peakRate(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}
