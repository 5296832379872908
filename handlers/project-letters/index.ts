import { loadChildErasureKey } from '../../shared/adapters/child-pseudonym-keys.js';
import { createDynamoDocumentClient } from '../../shared/adapters/dynamodb-client.js';
import { createLettersStore } from '../../shared/adapters/letters-store.js';
import { DEFAULT_RETENTION_DAYS } from '../../shared/domain/retention.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { createMetrics } from '../../shared/lambda/metrics.js';
import { projectBatch } from '../../shared/lambda/project-batch.js';
import { sqsHandler } from '../../shared/http/middleware.js';

// SQS letters-view → DynamoDB: applies letter events to the letters table.
const env = readEnv(['LETTERS_TABLE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'], ['LOG_LEVEL', 'RETENTION_DAYS', 'CHILD_ERASURE_KEYS_SECRET_ARN', 'CHILD_ERASURE_KEYS']);
const logger = createLogger('project-letters', env.LOG_LEVEL);
const metrics = createMetrics('project-letters', env.POWERTOOLS_METRICS_NAMESPACE);
const letters = createLettersStore({
  client: createDynamoDocumentClient(),
  tableName: env.LETTERS_TABLE_NAME,
  retentionDays: Number(env.RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS),
  // Tombstones name children by a keyed hash; the key set comes from Secrets Manager on AWS, CHILD_ERASURE_KEYS locally.
  childErasureKey: await loadChildErasureKey({ secretArn: env.CHILD_ERASURE_KEYS_SECRET_ARN, value: env.CHILD_ERASURE_KEYS }),
});

export const handler = sqsHandler(logger, metrics, projectBatch({ projection: letters, logger, metrics }));
