import { DryRunDone } from '../errors.js';
import type { HttpRequest, HttpResponse } from '../api/transport.js';
import { redactHeaders } from '../redact.js';
import type { Terminal } from './terminal/terminal.js';

/**
 * --dry-run's transport: instead of sending the first request, print it as an equivalent curl
 * command and end the run (exit 0). The signature and session token are shown as `***`: a live
 * signature can be replayed for minutes.
 */
export function dryRunTransport(terminal: Terminal): (request: HttpRequest) => Promise<HttpResponse> {
  return async (request) => {
    await renderCurl(request, terminal);
    throw new DryRunDone();
  };
}

async function renderCurl(request: HttpRequest, terminal: Terminal): Promise<void> {
  const lines = [`curl -sS -X POST ${quote(request.url.href)}`];
  for (const [name, value] of Object.entries(redactHeaders(request.headers)))
    lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  lines.push(`  --data-raw ${quote(request.body)}`);
  await terminal.stdout.write(`${lines.join(' \\\n')}\n`);
  await terminal.write('dry run: nothing was sent (signature and token are shown as ***)\n');
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
