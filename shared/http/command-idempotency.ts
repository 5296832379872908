import { IdempotencyAlreadyInProgressError, IdempotencyConfig, IdempotencyValidationError, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import { idempotencyKeyInProgress, idempotencyKeyReused } from './http.js';

/** How long a key answers with its first answer: 24 hours, as the contract promises (the table's TTL removes it after). */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

/** One keyed request: the record is named by route, account and key; the payload must match on a retry. */
export interface KeyedRequest {
  route: string;
  accountId: string;
  idempotencyKey: string;
  payload: unknown;
}

const config = new IdempotencyConfig({
  eventKeyJmesPath: '[route, accountId, idempotencyKey]',
  payloadValidationJmesPath: 'payload',
  expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
  hashFunction: 'sha256',
});

/**
 * Runs `work` once per route, account and Idempotency-Key (Powertools' idempotency utility):
 * a retry with the same payload answers the stored first answer and runs nothing; another
 * payload is 422 IDEMPOTENCY_KEY_REUSED; while the first still runs, 409 IDEMPOTENCY_KEY_IN_PROGRESS.
 * A failed `work` leaves no record, so its retry runs again. The Lambda context bounds how
 * long an interrupted first attempt blocks its retries.
 */
export const runOnce = async <T>(
  store: BasePersistenceLayer,
  request: KeyedRequest,
  context: Context | undefined,
  work: () => Promise<T>,
): Promise<T> => {
  const once = makeIdempotent((_request: KeyedRequest, _context?: Context) => work(), {
    persistenceStore: store,
    config,
    // Readable record ids, per route; the hash after it covers route, account and key.
    keyPrefix: request.route,
  });
  try {
    return await once(request, context);
  } catch (error) {
    if (error instanceof IdempotencyAlreadyInProgressError) throw idempotencyKeyInProgress();
    if (error instanceof IdempotencyValidationError) throw idempotencyKeyReused();
    throw error;
  }
};
