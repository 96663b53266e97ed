import { expect } from '@jest/globals';
import type { Fetch } from '../../src/deps.js';

/**
 * A scripted stand-in for the TAT endpoint, matched on action and exact parameters (so
 * concurrent pages may arrive in any order). Any request nobody expected fails the test, and
 * so does an expectation nobody used (`verify()`).
 */

interface Expectation {
  action: string;
  params: unknown;
  response: Record<string, unknown>;
  used: boolean;
}

export interface FakeApi {
  fetch: Fetch;
  expect(action: string, params: unknown, response: Record<string, unknown>): FakeApi;
  verify(): void;
  calls: Array<{ action: string; params: unknown; headers: Record<string, string> }>;
}

export function fakeApi(): FakeApi {
  const expectations: Expectation[] = [];
  const unexpected: string[] = [];
  const calls: FakeApi['calls'] = [];
  const api: FakeApi = {
    calls,
    expect(action, params, response) {
      expectations.push({ action, params, response, used: false });
      return api;
    },
    verify() {
      expect(unexpected).toEqual([]);
      expect(expectations.filter((e) => !e.used).map((e) => `${e.action} ${JSON.stringify(e.params)}`)).toEqual([]);
    },
    fetch: (async (_url: string | URL | Request, init?: RequestInit) => {
      const headers = init?.headers as Record<string, string>;
      const action = headers['X-TC-Action'] ?? '';
      const params: unknown = JSON.parse(String(init?.body));
      calls.push({ action, params, headers });
      const match = expectations.find(
        (e) => !e.used && e.action === action && JSON.stringify(e.params) === JSON.stringify(params),
      );
      if (!match) {
        unexpected.push(`${action} ${JSON.stringify(params)}`);
        return new Response('unexpected request', { status: 599 });
      }
      match.used = true;
      return new Response(JSON.stringify({ Response: { ...match.response, RequestId: `req-${calls.length}` } }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }) as Fetch,
  };
  return api;
}
