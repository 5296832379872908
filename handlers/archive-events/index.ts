import { loadChildErasureKey } from '../../shared/adapters/child-pseudonym-keys.js';
import { createDynamoDocumentClient } from '../../shared/adapters/dynamodb-client.js';
import { createEventLog } from '../../shared/adapters/event-log.js';
import { DEFAULT_RETENTION_DAYS } from '../../shared/domain/retention.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { createMetrics } from '../../shared/lambda/metrics.js';
import { projectBatch } from '../../shared/lambda/project-batch.js';
import { sqsHandler } from '../../shared/http/middleware.js';

// SQS letters-archive → event log: stores every event once, and forgets erased letters.
const env = readEnv(['EVENT_LOG_TABLE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'], ['LOG_LEVEL', 'RETENTION_DAYS', 'CHILD_ERASURE_KEYS_SECRET_ARN', 'CHILD_ERASURE_KEYS']);
const logger = createLogger('archive-events', env.LOG_LEVEL);
const metrics = createMetrics('archive-events', env.POWERTOOLS_METRICS_NAMESPACE);
const eventLog = createEventLog({
  client: createDynamoDocumentClient(),
  tableName: env.EVENT_LOG_TABLE_NAME,
  retentionDays: Number(env.RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS),
  // Tombstones name children by a keyed hash; the key set comes from Secrets Manager on AWS, CHILD_ERASURE_KEYS locally.
  childErasureKey: await loadChildErasureKey({ secretArn: env.CHILD_ERASURE_KEYS_SECRET_ARN, value: env.CHILD_ERASURE_KEYS }),
});

export const handler = sqsHandler(logger, metrics, projectBatch({ projection: eventLog, logger, metrics }));
