/**
 * What a task printed: realistic text per command, cut at 24,576 raw bytes like the TAT agent
 * does (which may split a UTF-8 character; the rest is `Dropped`). Some outputs are what real
 * fleets print too: terminal escape sequences, raw binary bytes, nothing at all, or more
 * multi-byte text than the agent keeps.
 */
import { MAX_OUTPUT_BYTES } from '../constants.js';
import type { TaskState } from './lifecycle.js';
import type { CommandSpec } from './catalog.js';
import { createRng } from './prng.js';

export interface OutputResult {
  /** BASE64 of at most 24 KB. */
  output: string;
  /** Bytes cut off. */
  dropped: number;
}

/** Why a full log did not reach COS, for the few uploads that fail (by seed, reproducibly). */
export function uploadError(seed: number): string {
  return seed % 32 === 19 ? 'UploadFailed: AccessDenied: the CVM role may not write to the bucket' : '';
}

const cache = new Map<string, string>();

function fullText(spec: CommandSpec, seed: number, instanceId: string, kind: 'ok' | 'fail'): string {
  const key = `${spec.name}|${seed}|${instanceId}|${kind}`;
  let text = cache.get(key);
  if (text === undefined) {
    const rng = createRng(seed);
    text = kind === 'ok' ? spec.output(rng, instanceId) : spec.failure(rng).output;
    if (cache.size > 5000) cache.clear();
    cache.set(key, text);
  }
  return text;
}

/** Keeps exactly the first `max` raw bytes, as the agent does, even inside a UTF-8 character. */
export function truncate(bytes: Buffer, max = MAX_OUTPUT_BYTES): { kept: Buffer; dropped: number } {
  if (bytes.length <= max) return { kept: bytes, dropped: 0 };
  return { kept: bytes.subarray(0, max), dropped: bytes.length - max };
}

const ESCAPES = Buffer.from('\u001b[32m✔\u001b[0m all checks passed \u001b]0;tat\u0007\r\n', 'utf8');
const BINARY = Buffer.from([0x00, 0x01, 0x7f, 0xfe, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a]);

/** More than the agent keeps, in 3-byte characters placed so that the cut splits one. */
function overflow(before: number): Buffer {
  const pad = (MAX_OUTPUT_BYTES - before) % 3 === 0 ? 'x' : '';
  return Buffer.from(`${pad}${'日志'.repeat(5000)}\n`, 'utf8');
}

/** Which of the unusual outputs a task prints, decided by its seed so that it is reproducible. */
export function variant(seed: number, text: Buffer, logged: boolean): Buffer {
  switch (seed % 16) {
    case 1:
      return Buffer.concat([text, ESCAPES]);
    case 2:
      return Buffer.concat([text, BINARY]);
    case 3:
      // Long logs come from commands whose invocation has a COS bucket for the full log.
      return logged ? Buffer.concat([text, overflow(text.length)]) : text;
    case 4:
      return Buffer.alloc(0);
    default:
      return text;
  }
}

/**
 * `logged`: the invocation has a COS bucket, so a cut output's full log is (normally) uploaded
 * there. A task still running (or stopped: TIMEOUT, TERMINATED) shows the first third of the
 * lines of what it ends with, so its output only ever grows.
 */
export function taskOutput(
  spec: CommandSpec,
  seed: number,
  instanceId: string,
  state: TaskState,
  logged = false,
): OutputResult {
  if (state.output === 'none') return { output: '', dropped: 0 };
  const failing = state.output === 'fail' || state.output === 'failing';
  const text = fullText(spec, seed, instanceId, failing ? 'fail' : 'ok');
  let bytes = variant(seed, Buffer.from(text, 'utf8'), logged);
  if (state.output === 'partial' || state.output === 'failing') {
    const lines = text.split('\n');
    const printed = Buffer.byteLength(
      lines.slice(0, Math.max(1, Math.ceil(lines.length / 3))).join('\n') + '\n',
      'utf8',
    );
    bytes = bytes.subarray(0, Math.min(printed, bytes.length));
  }
  const { kept, dropped } = truncate(bytes);
  return { output: kept.toString('base64'), dropped };
}
