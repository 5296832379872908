import { bearer } from '../../local/identity/token-client.js';
import type { Attempt } from './open-loop.js';

/** What the checks after the drain found. */
export interface Verification {
  /** Accepted letters GET /letters/{id} does not show. */
  missingFromView: number;
  /** Accepted letters the analytics summary does not count (null when the summary has no letter total). */
  missingFromAnalytics: number | null;
}

/**
 * Reads every accepted letter back through GET /letters/{id} with its owner's token, and
 * compares the analytics summary's count of letters with the number accepted.
 */
export const verifyAccepted = async ({ baseUrl, attempts, ownerToken, elfToken, concurrency = 16 }: {
  baseUrl: string;
  attempts: readonly Attempt[];
  ownerToken: (attempt: Attempt) => string;
  elfToken: string;
  concurrency?: number;
}): Promise<Verification> => {
  const accepted = attempts.filter((a) => a.status === 202 && a.letterId);
  let missingFromView = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < accepted.length) {
        const attempt = accepted[next++]!;
        const response = await fetch(`${baseUrl}/letters/${attempt.letterId}`, { headers: bearer(ownerToken(attempt)) });
        await response.arrayBuffer();
        if (response.status !== 200) missingFromView += 1;
      }
    }),
  );
  const summary = (await (await fetch(`${baseUrl}/analytics/summary`, { headers: bearer(elfToken) })).json()) as { letters?: { active?: unknown } };
  const counted = summary.letters?.active;
  return { missingFromView, missingFromAnalytics: typeof counted === 'number' ? Math.max(0, accepted.length - counted) : null };
};
