import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { seededRandom, type Random } from '../shared/testing/seeded-random.js';

export { seededRandom, type Random };

/**
 * Faults the local runtime can inject between a queue and its consumer, to show that
 * nothing is lost when AWS does what it is allowed to: fail, redeliver, reorder.
 * All rates are probabilities in [0, 1]; everything is off by default.
 */
export interface FaultOptions {
  /** Probability that one record fails (reported in batchItemFailures, never written). */
  failureRate?: number;
  /** Per-queue failure rates, overriding failureRate for the queues named. */
  failureRateByQueue?: Record<string, number>;
  /** Probability that a batch is delivered twice. */
  duplicateRate?: number;
  /** Upper bound of a random delay before each invocation, in ms; reorders deliveries. */
  maxDelayMs?: number;
  /** Seed of the random generator, so a run can be repeated. */
  seed?: number;
}

/** A consumer invocation as the pollers make it. */
export type ConsumerInvoke = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/** A random number generator in [0, 1). */

/** True when any fault is switched on. */
export const faultsEnabled = (faults: FaultOptions): boolean =>
  (faults.failureRate ?? 0) > 0 ||
  Object.values(faults.failureRateByQueue ?? {}).some((rate) => rate > 0) ||
  (faults.duplicateRate ?? 0) > 0 ||
  (faults.maxDelayMs ?? 0) > 0;

const rate = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be a number from 0 to 1, not "${raw}"`);
  return value;
};

/**
 * Fault options from the environment: FAULT_FAILURE_RATE (all queues),
 * FAULT_FAILURE_RATE_<QUEUE> (one queue, e.g. FAULT_FAILURE_RATE_LETTERS_VIEW),
 * FAULT_DUPLICATE_RATE, FAULT_MAX_DELAY_MS, FAULT_SEED. A bad value throws, naming it.
 */
export const faultsFromEnv = (queueNames: readonly string[], env: Record<string, string | undefined> = process.env): FaultOptions => {
  const byQueue: Record<string, number> = {};
  for (const queue of queueNames) {
    const name = `FAULT_FAILURE_RATE_${queue.toUpperCase().replaceAll('-', '_')}`;
    const value = rate(name, env[name]);
    if (value !== undefined) byQueue[queue] = value;
  }
  const failureRate = rate('FAULT_FAILURE_RATE', env.FAULT_FAILURE_RATE);
  const duplicateRate = rate('FAULT_DUPLICATE_RATE', env.FAULT_DUPLICATE_RATE);
  const maxDelayMs = env.FAULT_MAX_DELAY_MS ? Number(env.FAULT_MAX_DELAY_MS) : undefined;
  if (maxDelayMs !== undefined && !(Number.isInteger(maxDelayMs) && maxDelayMs >= 0)) {
    throw new RangeError(`FAULT_MAX_DELAY_MS must be a whole number of ms, not "${env.FAULT_MAX_DELAY_MS}"`);
  }
  const seed = env.FAULT_SEED ? Number(env.FAULT_SEED) : undefined;
  if (seed !== undefined && !Number.isInteger(seed)) throw new RangeError(`FAULT_SEED must be an integer, not "${env.FAULT_SEED}"`);
  return {
    ...(failureRate !== undefined ? { failureRate } : {}),
    ...(Object.keys(byQueue).length > 0 ? { failureRateByQueue: byQueue } : {}),
    ...(duplicateRate !== undefined ? { duplicateRate } : {}),
    ...(maxDelayMs !== undefined ? { maxDelayMs } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
};

const failuresOf = (response: SQSBatchResponse | void): string[] =>
  (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);

/**
 * Wraps one queue's consumer invocation with faults. A failed record is left out of the
 * event the function sees and reported in batchItemFailures, as if its store write had
 * failed; the poller then leaves it for redelivery and, after maxReceiveCount, the DLQ.
 * A duplicated batch runs the function twice; a record counts as failed if either run failed it.
 */
export const withFaults = (
  queueName: string,
  invoke: ConsumerInvoke,
  faults: FaultOptions,
  random: Random = seededRandom(faults.seed ?? 1),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): ConsumerInvoke => {
  if (!faultsEnabled(faults)) return invoke;
  const failureRate = faults.failureRateByQueue?.[queueName] ?? faults.failureRate ?? 0;
  const duplicateRate = faults.duplicateRate ?? 0;
  const maxDelayMs = faults.maxDelayMs ?? 0;

  return async (event) => {
    // Draw every decision up front, so a batch's fate depends only on the order of draws.
    const delay = maxDelayMs > 0 ? Math.floor(random() * (maxDelayMs + 1)) : 0;
    const failed = new Set(event.Records.filter(() => failureRate > 0 && random() < failureRate).map((r) => r.messageId));
    const twice = duplicateRate > 0 && random() < duplicateRate;
    if (delay > 0) await sleep(delay);

    const delivered: SQSEvent = { Records: event.Records.filter((record) => !failed.has(record.messageId)) };
    const reported = new Set(failed);
    if (delivered.Records.length > 0) {
      for (let run = 0; run < (twice ? 2 : 1); run += 1) failuresOf(await invoke(delivered)).forEach((id) => reported.add(id));
    }
    return { batchItemFailures: [...reported].map((itemIdentifier) => ({ itemIdentifier })) };
  };
};
