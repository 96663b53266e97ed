/**
 * TAT's request limit is per action ("默认接口请求频率限制: 20次/秒" on each action's page), per
 * account and per region: DescribeInvocationTasks does not use up DescribeInvocations' budget, and
 * a client querying several regions at once gets each region's full rate. The SecretId stands
 * for the account.
 */
export function rateKey(secretId: string, region: string, action: string): string {
  return `${secretId} ${region} ${action}`;
}

/** Token bucket per key (rateKey): `rate` requests a second, bursts up to `rate`. Time comes from the caller. */
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
