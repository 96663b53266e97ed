import { getEventListeners } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import type { Fetch, FetchInit } from '../../src/deps.js';
import { send, type HttpRequest } from '../../src/api/transport.js';

const REQUEST: HttpRequest = { url: new URL('http://127.0.0.1:9/'), headers: {}, body: '{}' };

/** Answers every request with `{}` at once (refusing, as fetch does, one already aborted), remembering each one's signal. */
function answering(): { fetch: Fetch; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const fetch: Fetch = async (_url, init: FetchInit) => {
    if (!init.signal) throw new Error('send passed no signal');
    signals.push(init.signal);
    if (init.signal.aborted) throw init.signal.reason;
    return {
      status: 200,
      headers: { get: () => null },
      body: (async function* () {
        yield Buffer.from('{}');
      })(),
    };
  };
  return { fetch, signals };
}

/**
 * How many per-request signals the run's signal still points at. AbortSignal.any keeps them in a
 * symbol-keyed set on Node 20 (a WeakRef each, never removed), which is what this counts.
 */
function dependants(signal: AbortSignal): number {
  const key = Object.getOwnPropertySymbols(signal).find((symbol) => symbol.description === 'kDependantSignals');
  const held: unknown = key === undefined ? undefined : Reflect.get(signal, key);
  // Node's own Set subclass, from another realm than the test's: read its size duck-typed.
  const size: unknown = typeof held === 'object' && held !== null ? Reflect.get(held, 'size') : undefined;
  return typeof size === 'number' ? size : 0;
}

describe('send: what one run keeps per request', () => {
  it('leaves nothing behind on the run signal, however many requests a listing makes', async () => {
    const run = new AbortController();
    const { fetch, signals } = answering();
    for (let i = 0; i < 300; i++) await send(fetch, REQUEST, { timeoutMs: 5000, signal: run.signal, maxBytes: 1024 });
    expect(signals).toHaveLength(300);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    expect(dependants(run.signal)).toBe(0);
    // Each request had a signal of its own that nothing aborted.
    expect(new Set(signals).size).toBe(300);
    expect(signals.every((s) => !s.aborted)).toBe(true);
  });

  it('still aborts the request in flight when the run is interrupted, with the run signal reason', async () => {
    const run = new AbortController();
    let given: AbortSignal | undefined;
    const hanging: Fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        given = init.signal;
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const sent = send(hanging, REQUEST, { timeoutMs: 60_000, signal: run.signal, maxBytes: 1024 });
    run.abort('SIGINT');
    await expect(sent).rejects.toBe('SIGINT');
    expect(given?.aborted).toBe(true);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('does not send at all on a run that is already interrupted', async () => {
    const run = new AbortController();
    run.abort('SIGTERM');
    const { fetch, signals } = answering();
    await expect(send(fetch, REQUEST, { timeoutMs: 5000, signal: run.signal, maxBytes: 1024 })).rejects.toBe('SIGTERM');
    expect(signals[0]?.aborted).toBe(true);
  });
});
