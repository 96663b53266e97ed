// deps.ts's Env and Fetch, restated: deps.ts imports this file, so importing it back would be a cycle.
type Env = Readonly<Record<string, string | undefined>>;
type Fetch = typeof globalThis.fetch;

/**
 * Node 20's global fetch ignores HTTPS_PROXY/HTTP_PROXY. When one is set, route requests through
 * undici's EnvHttpProxyAgent (which also honours NO_PROXY). undici is loaded only then, on the
 * first request, so runs without a proxy never pay for it.
 */

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export function proxyFrom(env: Env): string | undefined {
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}

export function proxyAwareFetch(env: Env, fetch: Fetch): Fetch {
  if (proxyFrom(env) === undefined) return fetch;
  let dispatcher: Promise<unknown> | undefined;
  return async (input, init) => {
    dispatcher ??= import('undici').then((undici) => new (interop(undici).EnvHttpProxyAgent)({
      httpProxy: env.HTTP_PROXY ?? env.http_proxy,
      httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
      noProxy: env.NO_PROXY ?? env.no_proxy,
    }));
    // `dispatcher` is an undici extension to RequestInit that Node's fetch understands.
    return fetch(input, { ...init, dispatcher: await dispatcher } as RequestInit);
  };
}

type Undici = typeof import('undici');

/** undici is CommonJS: bundled, its exports may arrive under `default`. */
function interop(module: Undici): Undici {
  return 'EnvHttpProxyAgent' in module ? module : (module as unknown as { default: Undici }).default;
}
