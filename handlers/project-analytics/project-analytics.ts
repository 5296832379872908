import type { Logger } from '@aws-lambda-powertools/logger';
import type { Projection } from '../../shared/domain/ports.js';
import { projectBatch } from '../../shared/lambda/project-batch.js';

/** SQS letters-analytics → PostgreSQL: applies letter events to the analytics tables, reporting partial batch failures. */
export const projectAnalytics = ({ analytics, logger }: { analytics: Projection; logger: Logger }) =>
  projectBatch({ projection: analytics, logger });
