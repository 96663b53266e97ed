/** The one place that decides how secrets look when something has to mention them. */
import type { Io, OutputStream } from './deps.js';

/** `AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE` → `AKID****MPLE`: enough to tell keys apart, nothing to sign with. */
export function mask(value: string): string {
  if (value.length <= 8) return '****';
  return `${value.slice(0, 4)}****${value.slice(-4)}`;
}

/** A SecretKey or token: only its last four characters (`****6789`), as `aws configure` shows them. */
export function maskSecret(value: string): string {
  return value.length <= 8 ? '****' : `****${value.slice(-4)}`;
}

/** Headers as --debug and --dry-run print them: signature and token replaced by `***`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') out[name] = redactAuthorization(value);
    else if (lower === 'x-tc-token') out[name] = '***';
    else out[name] = value;
  }
  return out;
}

export function redactAuthorization(value: string): string {
  return value
    .replace(/Credential=([^/,\s]+)/, (_, id: string) => `Credential=${mask(id)}`)
    .replace(/Signature=[0-9a-fA-F]+/, 'Signature=***');
}

/** Removes every given secret from free text (error messages, traces) as a last line of defence. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('***');
  return out;
}

/**
 * The secrets of one run, whatever their source (environment, a tat profile, the SDK or tccli
 * files, the CVM role): the credential provider adds each it hands out, and everything written
 * to stderr passes through `scrub`, so a server that echoes a key or token back (in an error
 * message, in a body shown by --debug) cannot make tat print it.
 */
export class SecretSet {
  private readonly values = new Set<string>();

  constructor(values: readonly (string | undefined)[] = []) {
    this.add(...values);
  }

  add(...values: readonly (string | undefined)[]): void {
    for (const value of values) if (value && value.length >= 4) this.values.add(value);
  }

  scrub(text: string): string {
    return this.values.size === 0 ? text : scrub(text, [...this.values]);
  }
}

/**
 * stderr with every known secret replaced by `***` (strings only; bytes pass as they are). Every
 * other property (isTTY, columns, rows, raw, and any added later) is the stream's own.
 */
export function scrubbedOutput(stream: OutputStream, secrets: SecretSet): OutputStream {
  // Object.create gives `any`: the result inherits every property of stream, so it is one.
  const scrubbed = Object.create(stream) as OutputStream & { write: OutputStream['write'] };
  Object.defineProperty(scrubbed, 'write', {
    value: (chunk: string | Uint8Array) => stream.write(typeof chunk === 'string' ? secrets.scrub(chunk) : chunk),
  });
  return scrubbed;
}

/** The same streams, stderr scrubbed of `secrets` (stdout carries data the user asked for, as it is). */
export function scrubbedIo(io: Io, secrets: SecretSet): Io {
  return { ...io, stderr: scrubbedOutput(io.stderr, secrets) };
}
