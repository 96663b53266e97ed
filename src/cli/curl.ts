import type { Deps } from '../deps.js';
import { DryRunComplete } from '../errors.js';
import type { HttpRequest } from '../api/transport.js';
import { redactHeaders } from '../redact.js';

/**
 * --dry-run: print the signed request as an equivalent curl command and send nothing. The
 * signature and session token are shown as `***`: a live signature can be replayed for minutes.
 */
export async function renderCurl(request: HttpRequest, deps: Pick<Deps, 'io'>): Promise<never> {
  const lines = [`curl -sS -X POST ${quote(request.url.href)}`];
  for (const [name, value] of Object.entries(redactHeaders(request.headers))) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  lines.push(`  --data-raw ${quote(request.body)}`);
  await deps.io.stdout.write(`${lines.join(' \\\n')}\n`);
  await deps.io.stderr.write('dry run: nothing was sent (signature and token are shown as ***)\n');
  throw new DryRunComplete();
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
