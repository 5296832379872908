import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { describe, expect, it } from 'vitest';
import { failingProjection, inMemoryLetters } from '../testing/fakes.js';
import { aLetterId, anEvent, anEventId, minutesLater } from '../testing/letters.js';
import { sqsEvent } from '../testing/sqs-event.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { projectBatch } from './project-batch.js';

const logger = createLogger('project-letters', 'SILENT');
const withdrawal = (n: number, occurredAt = minutesLater(0)) =>
  anEvent('LetterWithdrawn', { letterId: aLetterId(n), eventId: anEventId(n), occurredAt });
const failures = (...indexes: number[]) => ({ batchItemFailures: indexes.map((i) => ({ itemIdentifier: `msg-${i}` })) });

/** A consumer over the given projection, its metrics, and a clock ten minutes after BASE_TIME. */
const consumer = (projection: Parameters<typeof projectBatch>[0]['projection']) => {
  const metrics = createMetrics('project-letters', 'SantasWorkshop');
  const consume = projectBatch({ projection, logger, metrics, now: () => Date.parse(minutesLater(10)) });
  return { consume, emf: () => metrics.serializeMetrics() };
};

/** The EMF document a batch produces, with the given metric values. */
const emfWith = (values: Record<string, number>) => ({
  _aws: {
    Timestamp: expect.any(Number),
    CloudWatchMetrics: [
      {
        Namespace: 'SantasWorkshop',
        Dimensions: [['service']],
        Metrics: Object.keys(values).map((Name) => ({ Name, Unit: Name === 'ProjectionLag' ? 'Milliseconds' : 'Count' })),
      },
    ],
  },
  service: 'project-letters',
  ...values,
});

describe('projectBatch', () => {
  it('applies a whole batch in one write and reports no failures', async () => {
    const calls: number[] = [];
    const { consume, emf } = consumer({ apply: async (events) => void calls.push(events.length) });

    const response = await consume(sqsEvent([withdrawal(1), withdrawal(2), withdrawal(3)]));

    expect(response).toEqual(failures());
    expect(calls).toEqual([3]);
    expect(emf()).toEqual(emfWith({ ProcessedRecords: 3, FailedRecords: 0, ProjectionLag: 600_000 }));
  });

  it('retries one by one when the batch write fails, so only the failing record is reported', async () => {
    const letters = failingProjection((event) => 'letterId' in event && event.letterId === aLetterId(2));
    const { consume, emf } = consumer(letters);

    const response = await consume(sqsEvent([withdrawal(1, minutesLater(4)), withdrawal(2), withdrawal(3, minutesLater(7))]));

    expect(response).toEqual(failures(1));
    expect(letters.applied.map((event) => 'letterId' in event && event.letterId)).toEqual([aLetterId(1), aLetterId(3)]);
    // The lag is that of the oldest event applied, not of the failed one.
    expect(emf()).toEqual(emfWith({ ProcessedRecords: 2, FailedRecords: 1, ProjectionLag: 360_000 }));
  });

  it('fails the records that are not letter events and applies their neighbours', async () => {
    const letters = inMemoryLetters();
    const { consume } = consumer(letters);
    const unknownType = JSON.stringify({ ...withdrawal(4), type: 'LetterBurned' });

    const response = await consume(sqsEvent([withdrawal(1), 'not json', '{}', unknownType, withdrawal(2)]));

    expect(response).toEqual(failures(1, 2, 3));
    expect([...letters.states.keys()]).toEqual([aLetterId(1), aLetterId(2)]);
  });

  it('rejects a schemaVersion it does not know rather than guessing', async () => {
    const letters = inMemoryLetters();
    const { consume } = consumer(letters);
    const future = JSON.stringify({ ...withdrawal(3), schemaVersion: 3 });

    const response = await consume(sqsEvent([withdrawal(1), future]));

    expect(response).toEqual(failures(1));
    expect([...letters.states.keys()]).toEqual([aLetterId(1)]);
  });

  it('throws FullBatchFailureError when the store refuses every record, so the invocation fails', async () => {
    const letters = failingProjection(() => true);
    const { consume, emf } = consumer(letters);

    const run = consume(sqsEvent([withdrawal(1), withdrawal(2), withdrawal(3)]));

    await expect(run).rejects.toThrow(FullBatchFailureError);
    await expect(run).rejects.toMatchObject({ recordErrors: [{ message: 'write failed' }, { message: 'write failed' }, { message: 'write failed' }] });
    expect(letters.applied).toEqual([]);
    expect(emf()).toEqual(emfWith({ ProcessedRecords: 0, FailedRecords: 3 }));
  });

  it('throws FullBatchFailureError when no record of the batch is a letter event', async () => {
    const letters = inMemoryLetters();
    const { consume, emf } = consumer(letters);

    await expect(consume(sqsEvent(['oops', '{}']))).rejects.toThrow(FullBatchFailureError);
    expect(letters.states.size).toBe(0);
    expect(emf()).toEqual(emfWith({ ProcessedRecords: 0, FailedRecords: 2 }));
  });
});
