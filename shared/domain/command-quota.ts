/** Commands an account may send per minute unless COMMANDS_PER_MINUTE says otherwise. */
export const DEFAULT_COMMANDS_PER_MINUTE = 60;

/** The length of one quota window, in seconds. */
export const QUOTA_WINDOW_SECONDS = 60;

/** One account's quota window: when it started, and how long until the next one begins. */
export interface QuotaWindow {
  /** Epoch seconds of the window's start (a whole minute). */
  startsAt: number;
  /** Whole seconds to the next window, at least 1: what Retry-After says. */
  secondsLeft: number;
}

/**
 * The fixed one-minute window `now` falls in. Fixed rather than sliding: one counter per
 * account and minute takes one conditional write per command and no read, at the price of
 * up to twice the limit across a minute's boundary.
 */
export const quotaWindowAt = (now: Date): QuotaWindow => {
  const seconds = now.getTime() / 1000;
  const startsAt = Math.floor(seconds / QUOTA_WINDOW_SECONDS) * QUOTA_WINDOW_SECONDS;
  return { startsAt, secondsLeft: Math.max(1, Math.ceil(startsAt + QUOTA_WINDOW_SECONDS - seconds)) };
};

/** What taking one command from an account's quota answers. */
export type QuotaDecision = { allowed: true } | { allowed: false; limit: number; retryAfterSeconds: number };

/** Takes one command from an account's quota of the current minute. */
export type TakeCommandQuota = (accountId: string) => Promise<QuotaDecision>;
