/** Days every letter, event and tombstone is kept (a season) unless RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_DAYS = 400;

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Whether an item with this expiry (epoch seconds) is past it at `now`: readers treat it as
 * absent, since DynamoDB's TTL deletes it only some time (up to days) later.
 */
export const isExpired = (expiresAt: number | undefined, now: Date): boolean => expiresAt !== undefined && expiresAt <= now.getTime() / 1000;

/** When an item written for `isoTime` expires: epoch seconds, as DynamoDB TTL reads them. */
export const expiryOf = (isoTime: string, retentionDays: number): number =>
  Math.floor(Date.parse(isoTime) / 1000) + retentionDays * DAY_SECONDS;
