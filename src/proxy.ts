import type { Fetch } from './http.js';

// deps.ts's Env, restated: deps.ts imports this file, so importing it back would be a cycle.
type Env = Readonly<Record<string, string | undefined>>;

/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY. Requests a proxy should carry go through a CONNECT tunnel
 * (src/tunnel.ts, loaded only then); all others take the direct path. tat decides which itself,
 * so that a failure can name the proxy it happened at, and so that the CVM metadata service is
 * never asked through a proxy (its answers are temporary keys, sent in plain HTTP, and a remote
 * proxy would answer with its own host's role).
 */

/** Link-local services that must only ever be reached directly. */
const NEVER_PROXIED = new Set(['metadata.tencentyun.com', '169.254.0.23', '169.254.169.254']);

function first(env: Env, names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Every variable read here, for messages that name the ones set (never their values: they may hold a password). */
export const PROXY_VARIABLES = [
  'https_proxy',
  'HTTPS_PROXY',
  'http_proxy',
  'HTTP_PROXY',
  'no_proxy',
  'NO_PROXY',
] as const;

/** The proxy for `url` under `env` (undici's EnvHttpProxyAgent rules), or undefined for direct. */
export function proxyFor(url: URL, env: Env): string | undefined {
  if (NEVER_PROXIED.has(url.hostname)) return undefined;
  const httpProxy = first(env, ['http_proxy', 'HTTP_PROXY']);
  const proxy = url.protocol === 'https:' ? (first(env, ['https_proxy', 'HTTPS_PROXY']) ?? httpProxy) : httpProxy;
  if (proxy === undefined || bypassed(url, first(env, ['no_proxy', 'NO_PROXY']) ?? '')) return undefined;
  return proxy;
}

/** NO_PROXY: `*`, host names (a leading `.` or `*.` matches subdomains too), optional `:port`. */
function bypassed(url: URL, noProxy: string): boolean {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  for (const raw of noProxy.split(/[,\s]+/)) {
    if (raw === '*') return true;
    const match = /^(.*?)(?::(\d+))?$/.exec(raw.toLowerCase().replace(/^\*?\./, ''));
    const [entryHost, entryPort] = [match?.[1] ?? '', match?.[2]];
    if (!entryHost || (entryPort && entryPort !== port)) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}

export function proxyAwareFetch(env: Env, direct: Fetch): Fetch {
  if (first(env, ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) === undefined) return direct;
  return async (url, init) => {
    const proxy = proxyFor(url, env);
    if (proxy === undefined) return direct(url, init);
    const { fetchThroughTunnel } = await import('./tunnel.js');
    return fetchThroughTunnel(proxy, url, init);
  };
}
