/**
 * Commands whose output the simulation prints as a real shell would, of any size, without
 * building it: `seq`, `yes TEXT | head -n N`, `head -c N /dev/zero|/dev/urandom`. Each gives the
 * total size and a way to make its first bytes.
 */
import { createRng, hashString } from '../data/prng.js';

export interface Generated {
  size: number;
  first(n: number): Buffer;
}

const int = (word: string | undefined): number | undefined =>
  word !== undefined && /^-?\d+$/.test(word) ? Number(word) : undefined;

/** Bytes of the lines of `first, first + incr, ...` up to `last`, counted band by band of equal length. */
function seqSize(first: number, incr: number, count: number): number {
  let size = 0;
  for (let digits = 1; digits <= 16; digits++) {
    const lo = digits === 1 ? 0 : 10 ** (digits - 1);
    const hi = 10 ** digits - 1;
    for (const [from, to, sign] of [
      [lo, hi, 0],
      [-hi, -Math.max(lo, 1), 1],
    ] as const) {
      const a = (from - first) / incr;
      const b = (to - first) / incr;
      const kmin = Math.max(0, Math.ceil(Math.min(a, b)));
      const kmax = Math.min(count - 1, Math.floor(Math.max(a, b)));
      if (kmax >= kmin) size += (kmax - kmin + 1) * (digits + sign + 1);
    }
  }
  return size;
}

/** `seq LAST`, `seq FIRST LAST`, `seq FIRST INCR LAST` (integers); undefined for what GNU seq would refuse or other forms. */
export function seq(args: readonly string[]): Generated | undefined {
  const nums = args.map(int);
  if (nums.length === 0 || nums.length > 3 || nums.some((n) => n === undefined)) return undefined;
  // Checked just above: every argument is a whole number.
  const [first, incr, last] = (
    nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums
  ) as [number, number, number];
  if (incr === 0) return undefined;
  const count = (last - first) / incr < 0 ? 0 : Math.floor((last - first) / incr) + 1;
  return {
    size: seqSize(first, incr, count),
    first(n) {
      const lines: string[] = [];
      let length = 0;
      for (let k = 0; k < count && length < n; k++) {
        const line = `${first + k * incr}\n`;
        lines.push(line);
        length += line.length;
      }
      return Buffer.from(lines.join(''), 'utf8');
    },
  };
}

/** `yes [TEXT...] | head -n N` (or `head -N`): N lines of TEXT (`y` by default). */
export function yesHead(yesArgs: readonly string[], headArgs: readonly string[]): Generated | undefined {
  const n =
    headArgs[0] === '-n'
      ? int(headArgs[1])
      : /^-\d+$/.test(headArgs[0] ?? '')
        ? -Number(headArgs[0])
        : /^-n\d+$/.test(headArgs[0] ?? '')
          ? Number(headArgs[0]?.slice(2))
          : undefined;
  if (n === undefined || n < 0 || headArgs.length > (headArgs[0] === '-n' ? 2 : 1)) return undefined;
  const line = Buffer.from(`${yesArgs.length ? yesArgs.join(' ') : 'y'}\n`, 'utf8');
  return {
    size: line.length * n,
    first: (want) => Buffer.concat(Array.from({ length: Math.min(n, Math.ceil(want / line.length)) }, () => line)),
  };
}

/** `head -c N /dev/zero` (zero bytes) or `/dev/urandom` (bytes from a generator seeded by `seed`: the same run prints the same). */
export function headBytes(args: readonly string[], seed: string): Generated | undefined {
  const joined =
    args[0] === '-c'
      ? args.slice(1)
      : /^-c\d+$/.test(args[0] ?? '')
        ? [args[0]?.slice(2) ?? '', ...args.slice(1)]
        : undefined;
  const n = int(joined?.[0]);
  const source = joined?.[1];
  if (n === undefined || n < 0 || joined?.length !== 2 || (source !== '/dev/zero' && source !== '/dev/urandom'))
    return undefined;
  return {
    size: n,
    first(want) {
      const bytes = Buffer.alloc(Math.min(n, want));
      if (source === '/dev/urandom') {
        const rng = createRng(hashString(seed));
        for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rng.next() * 256);
      }
      return bytes;
    },
  };
}
