import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseLetterEvent, type LetterEvent } from '../domain/events.js';
import type { Projection } from '../domain/ports.js';

interface ParsedRecord {
  record: SQSRecord;
  event: LetterEvent;
}

/**
 * An SQS consumer that applies a batch of letter events to a projection.
 * The whole batch goes in one write; if that fails, each event is retried alone so that
 * one bad record fails by itself (reported in batchItemFailures, and after maxReceiveCount
 * receives it lands in the DLQ) while its neighbours are applied.
 */
export const projectBatch =
  ({ projection, logger }: { projection: Projection; logger: Logger }) =>
  async (sqsEvent: SQSEvent): Promise<SQSBatchResponse> => {
    const failed: string[] = [];
    const parsed: ParsedRecord[] = [];
    for (const record of sqsEvent.Records) {
      try {
        parsed.push({ record, event: parseLetterEvent(record.body) });
      } catch (error) {
        logger.error('record rejected', { messageId: record.messageId, error: error as Error });
        failed.push(record.messageId);
      }
    }
    if (parsed.length > 0) {
      try {
        await projection.apply(parsed.map(({ event }) => event));
        parsed.forEach(logApplied(logger));
      } catch (batchError) {
        logger.warn('batch write failed, applying records one by one', { error: batchError as Error });
        for (const item of parsed) {
          try {
            await projection.apply([item.event]);
            logApplied(logger)(item);
          } catch (error) {
            logger.error('record failed', { ...recordKeys(item), error: error as Error });
            failed.push(item.record.messageId);
          }
        }
      }
    }
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };

const recordKeys = ({ record, event }: ParsedRecord) => ({
  messageId: record.messageId,
  correlationId: event.correlationId,
  eventId: event.eventId,
  type: event.type,
  letterId: event.letterId,
});

const logApplied = (logger: Logger) => (item: ParsedRecord) => logger.info('event applied', recordKeys(item));
