import type { Deps } from '../deps.js';
import { DryRunDone } from '../errors.js';
import type { HttpRequest, HttpResponse } from '../api/transport.js';
import { redactHeaders } from '../redact.js';

/**
 * --dry-run's transport: instead of sending the first request, print it as an equivalent curl
 * command and end the run (exit 0). The signature and session token are shown as `***`: a live
 * signature can be replayed for minutes.
 */
export function dryRunTransport(deps: Pick<Deps, 'io'>): (request: HttpRequest) => Promise<HttpResponse> {
  return async (request) => {
    await renderCurl(request, deps);
    throw new DryRunDone();
  };
}

async function renderCurl(request: HttpRequest, deps: Pick<Deps, 'io'>): Promise<void> {
  const lines = [`curl -sS -X POST ${quote(request.url.href)}`];
  for (const [name, value] of Object.entries(redactHeaders(request.headers))) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  lines.push(`  --data-raw ${quote(request.body)}`);
  await deps.io.stdout.write(`${lines.join(' \\\n')}\n`);
  await deps.io.stderr.write('dry run: nothing was sent (signature and token are shown as ***)\n');
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
