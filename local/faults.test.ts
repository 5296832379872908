import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sqsRecord } from '../shared/testing/sqs-event.js';
import { faultsEnabled, faultsFromEnv, seededRandom, withFaults } from './faults.js';

const batch = (size: number): SQSEvent => ({ Records: Array.from({ length: size }, (_, i) => sqsRecord(`body-${i}`, i)) });

/** A consumer that records each event it is given and fails the records named. */
const consumer = (fails: string[] = []) => {
  const calls: string[][] = [];
  const invoke = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    calls.push(event.Records.map((record) => record.messageId));
    return { batchItemFailures: event.Records.filter((r) => fails.includes(r.messageId)).map((r) => ({ itemIdentifier: r.messageId })) };
  };
  return { calls, invoke };
};

const noSleep = async () => {};

describe('withFaults', () => {
  it('passes invocations through untouched when every fault is off', async () => {
    const { invoke } = consumer();

    expect(withFaults('letters-view', invoke, {})).toBe(invoke);
    expect(faultsEnabled({ seed: 3 })).toBe(false);
  });

  it('withholds failed records from the function and reports them with its own failures', async () => {
    const { calls, invoke } = consumer(['msg-1']);
    const faulty = withFaults('letters-view', invoke, { failureRate: 0.5 }, seededRandom(1), noSleep);

    const response = (await faulty(batch(8))) as SQSBatchResponse;

    const delivered = calls[0]!;
    const withheld = batch(8).Records.map((r) => r.messageId).filter((id) => !delivered.includes(id));
    expect(withheld.length).toBeGreaterThan(0);
    expect(delivered.length).toBeGreaterThan(0);
    expect(new Set(response.batchItemFailures.map((f) => f.itemIdentifier))).toEqual(
      new Set([...withheld, ...(delivered.includes('msg-1') ? ['msg-1'] : [])]),
    );
  });

  it('does not call the function when every record fails', async () => {
    const { calls, invoke } = consumer();

    const response = (await withFaults('q', invoke, { failureRate: 1 }, seededRandom(1), noSleep)(batch(3))) as SQSBatchResponse;

    expect(calls).toEqual([]);
    expect(response.batchItemFailures).toHaveLength(3);
  });

  it('delivers a batch twice at a duplicate rate of 1', async () => {
    const { calls, invoke } = consumer();

    await withFaults('q', invoke, { duplicateRate: 1 }, seededRandom(1), noSleep)(batch(2));

    expect(calls).toEqual([['msg-0', 'msg-1'], ['msg-0', 'msg-1']]);
  });

  it('waits a random delay of at most maxDelayMs before invoking', async () => {
    const delays: number[] = [];
    const faulty = withFaults('q', consumer().invoke, { maxDelayMs: 10 }, seededRandom(1), async (ms) => void delays.push(ms));

    for (let i = 0; i < 20; i += 1) await faulty(batch(1));

    expect(delays.every((ms) => ms >= 1 && ms <= 10)).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('makes the same decisions for the same seed', async () => {
    const run = async () => {
      const { calls, invoke } = consumer();
      const faulty = withFaults('q', invoke, { failureRate: 0.3, duplicateRate: 0.3 }, seededRandom(42), noSleep);
      for (let i = 0; i < 10; i += 1) await faulty(batch(5));
      return calls;
    };

    expect(await run()).toEqual(await run());
  });
});

describe('faultsFromEnv', () => {
  it('reads global and per-queue rates, the delay and the seed', () => {
    const env = { FAULT_FAILURE_RATE: '0.2', FAULT_FAILURE_RATE_LETTERS_VIEW: '0.5', FAULT_DUPLICATE_RATE: '0.1', FAULT_MAX_DELAY_MS: '30', FAULT_SEED: '7' };

    expect(faultsFromEnv(['letters-view', 'letters-analytics'], env)).toEqual({
      failureRate: 0.2,
      failureRateByQueue: { 'letters-view': 0.5 },
      duplicateRate: 0.1,
      maxDelayMs: 30,
      seed: 7,
    });
  });

  it('is empty, so everything is off, when no variable is set', () => {
    expect(faultsFromEnv(['letters-view'], {})).toEqual({});
  });

  it('rejects a rate outside 0 to 1, naming the variable', () => {
    expect(() => faultsFromEnv([], { FAULT_DUPLICATE_RATE: '1.5' })).toThrow('FAULT_DUPLICATE_RATE must be a number from 0 to 1, not "1.5"');
    expect(() => faultsFromEnv(['letters-view'], { FAULT_FAILURE_RATE_LETTERS_VIEW: 'often' })).toThrow('FAULT_FAILURE_RATE_LETTERS_VIEW');
  });
});
