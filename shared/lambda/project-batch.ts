import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseLetterEvent, type LetterEvent } from '../domain/events.js';
import type { Projection } from '../domain/ports.js';
import { loggableError } from './loggable-error.js';

/** What a projector needs: its store, a logger, its metrics and (for tests) a clock in epoch ms. */
export interface ProjectBatchDependencies {
  projection: Projection;
  logger: Logger;
  metrics: Metrics;
  now?: () => number;
}

interface ParsedRecord {
  record: SQSRecord;
  event: LetterEvent;
}

interface Failure {
  messageId: string;
  error: Error;
}

/**
 * An SQS consumer that applies a batch of letter events to a projection.
 * The whole batch goes in one write; if that fails, each event is retried alone so that
 * one bad record fails by itself (reported in batchItemFailures, and after maxReceiveCount
 * receives it lands in the DLQ) while its neighbours are applied. A batch in which every
 * record failed throws FullBatchFailureError, so the function's Errors metric sees an outage.
 * Records FailedRecords, ProcessedRecords and ProjectionLag; Middy's logMetrics flushes them.
 */
export const projectBatch =
  ({ projection, logger, metrics, now = Date.now }: ProjectBatchDependencies) =>
  async (sqsEvent: SQSEvent): Promise<SQSBatchResponse> => {
    const { parsed, failures } = parseRecords(sqsEvent.Records, logger);
    const applied = parsed.length > 0 ? await applyBatch(projection, parsed, logger, failures) : [];
    recordMetrics(metrics, { applied, failed: failures.length, now: now() });
    if (failures.length > 0 && applied.length === 0) throw new FullBatchFailureError(failures.map(({ error }) => error));
    return { batchItemFailures: failures.map(({ messageId }) => ({ itemIdentifier: messageId })) };
  };

const parseRecords = (records: SQSRecord[], logger: Logger): { parsed: ParsedRecord[]; failures: Failure[] } => {
  const parsed: ParsedRecord[] = [];
  const failures: Failure[] = [];
  for (const record of records) {
    try {
      parsed.push({ record, event: parseLetterEvent(record.body) });
    } catch (error) {
      logger.error('record rejected', { messageId: record.messageId, error: loggableError(error) });
      failures.push({ messageId: record.messageId, error: error as Error });
    }
  }
  return { parsed, failures };
};

/** Applies the batch in one write, else record by record; answers the records applied and adds the rest to failures. */
const applyBatch = async (projection: Projection, parsed: ParsedRecord[], logger: Logger, failures: Failure[]): Promise<ParsedRecord[]> => {
  try {
    await projection.apply(parsed.map(({ event }) => event));
    parsed.forEach(logApplied(logger));
    return parsed;
  } catch (batchError) {
    logger.warn('batch write failed, applying records one by one', { error: loggableError(batchError) });
  }
  const applied: ParsedRecord[] = [];
  for (const item of parsed) {
    try {
      await projection.apply([item.event]);
      logApplied(logger)(item);
      applied.push(item);
    } catch (error) {
      logger.error('record failed', { ...recordKeys(item), error: loggableError(error) });
      failures.push({ messageId: item.record.messageId, error: error as Error });
    }
  }
  return applied;
};

const recordMetrics = (metrics: Metrics, { applied, failed, now }: { applied: ParsedRecord[]; failed: number; now: number }) => {
  metrics.addMetric('ProcessedRecords', MetricUnit.Count, applied.length);
  metrics.addMetric('FailedRecords', MetricUnit.Count, failed);
  if (applied.length === 0) return;
  // One value per batch, its oldest event: the alarm cares how far behind the projection is.
  const lag = Math.max(...applied.map(({ event }) => now - Date.parse(event.occurredAt)));
  metrics.addMetric('ProjectionLag', MetricUnit.Milliseconds, Math.max(0, lag));
};

const recordKeys = ({ record, event }: ParsedRecord) => ({
  messageId: record.messageId,
  correlationId: event.correlationId,
  eventId: event.eventId,
  type: event.type,
  // Ids only, never a child's name or message; ChildErased is about a child, not one letter.
  ...('letterId' in event ? { letterId: event.letterId } : {}),
});

const logApplied = (logger: Logger) => (item: ParsedRecord) => logger.info('event applied', recordKeys(item));
