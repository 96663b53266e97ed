/** What a task printed: realistic text per command, truncated at 24 KB like the service does. */
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

/** Cuts at the last newline inside the limit, so no UTF-8 character is split. */
export function truncate(bytes: Buffer, max = MAX_OUTPUT_BYTES): { kept: Buffer; dropped: number } {
  if (bytes.length <= max) return { kept: bytes, dropped: 0 };
  let cut = bytes.lastIndexOf(0x0a, max - 1) + 1;
  if (cut <= 0) cut = max;
  return { kept: bytes.subarray(0, cut), dropped: bytes.length - cut };
}

export function taskOutput(spec: CommandSpec, seed: number, instanceId: string, state: TaskState): OutputResult {
  if (state.output === 'none') return { output: '', dropped: 0 };
  let text = fullText(spec, seed, instanceId, state.output === 'fail' ? 'fail' : 'ok');
  if (state.output === 'partial') {
    const all = text.split('\n');
    text = all.slice(0, Math.max(1, Math.ceil(all.length / 3))).join('\n') + '\n';
  }
  const { kept, dropped } = truncate(Buffer.from(text, 'utf8'));
  return { output: kept.toString('base64'), dropped };
}
