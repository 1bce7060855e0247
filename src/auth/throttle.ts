/**
 * Sign-in throttling: after `limit` failures for one username, or 4x that from one address, within
 * the window, further attempts are refused until the oldest failure ages out. Kept in memory: the
 * service is one process per database owner; a restart only forgives failures early.
 */
export class SignInThrottle {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private keys(username: string, ip: string): [string, number][] {
    return [[`user:${username.trim().toLowerCase()}`, this.limit], [`ip:${ip}`, this.limit * 4]];
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((at) => at > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Minutes to wait before another attempt is allowed, or 0 when one is allowed now. */
  waitMinutes(username: string, ip: string): number {
    let waitMs = 0;
    for (const [key, limit] of this.keys(username, ip)) {
      const list = this.recent(key);
      if (list.length >= limit) waitMs = Math.max(waitMs, list[list.length - limit]! + this.windowMs - this.now());
    }
    return waitMs > 0 ? Math.ceil(waitMs / 60_000) : 0;
  }

  fail(username: string, ip: string): void {
    for (const [key] of this.keys(username, ip)) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(username: string): void {
    this.failures.delete(`user:${username.trim().toLowerCase()}`);
  }
}
