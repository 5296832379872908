import type { Logger } from '@aws-lambda-powertools/logger';
import type { Projection } from '../../shared/domain/ports.js';
import { projectBatch } from '../../shared/lambda/project-batch.js';

/** SQS letters-archive → event log: stores every event once, reporting partial batch failures. */
export const archiveEvents = ({ eventLog, logger }: { eventLog: Projection; logger: Logger }) =>
  projectBatch({ projection: eventLog, logger });
