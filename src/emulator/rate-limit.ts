/** Token bucket per key (SecretId and region): `rate` requests a second, bursts up to `rate`. Time comes from the caller. */
export class SecretIdRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** `rate` 0 turns limiting off. */
  constructor(private readonly rate: number) {}

  /** Takes one token for `key` at `nowMs`; false when the bucket is empty. */
  take(key: string, nowMs: number): boolean {
    if (this.rate <= 0) return true;
    const bucket = this.buckets.get(key) ?? { tokens: this.rate, at: nowMs };
    const elapsed = Math.max(0, nowMs - bucket.at) / 1000;
    bucket.tokens = Math.min(this.rate, bucket.tokens + elapsed * this.rate);
    bucket.at = Math.max(bucket.at, nowMs);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
