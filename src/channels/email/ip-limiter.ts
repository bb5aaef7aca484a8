/** Per-IP limits of the SMTP edge: concurrent connections, and mails as a token bucket. */
export type IpLimits = { maxConnections: number; burst: number; perSecond: number };

export const DEFAULT_IP_LIMITS: IpLimits = { maxConnections: 20, burst: 60, perSecond: 5 };

const MAX_TRACKED = 10_000;

/**
 * Counts each peer's open connections and meters its mails with a token bucket (burst, then
 * perSecond). Memory stays bounded: idle peers with a full bucket are forgotten.
 */
export class IpLimiter {
  private readonly connections = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limits: IpLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits a new connection from ip, or returns false when it already has too many. */
  connect(ip: string): boolean {
    const open = this.connections.get(ip) ?? 0;
    if (open >= this.limits.maxConnections) return false;
    this.connections.set(ip, open + 1);
    return true;
  }

  disconnect(ip: string): void {
    const open = (this.connections.get(ip) ?? 1) - 1;
    if (open <= 0) this.connections.delete(ip);
    else this.connections.set(ip, open);
  }

  /** Takes one mail's token from ip's bucket; false when the bucket is empty. */
  take(ip: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(ip) ?? { tokens: this.limits.burst, at: now };
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limits.perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(ip, bucket);
      return false;
    }
    bucket.tokens -= 1;
    if (this.buckets.size >= MAX_TRACKED && !this.buckets.has(ip)) this.forgetIdle(now);
    this.buckets.set(ip, bucket);
    return true;
  }

  private forgetIdle(now: number): void {
    for (const [ip, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.limits.perSecond >= this.limits.burst) this.buckets.delete(ip);
    }
    if (this.buckets.size >= MAX_TRACKED) this.buckets.clear();
  }
}
