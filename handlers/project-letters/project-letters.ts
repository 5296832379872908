import type { Logger } from '@aws-lambda-powertools/logger';
import type { Projection } from '../../shared/domain/ports.js';
import { projectBatch } from '../../shared/lambda/project-batch.js';

/** SQS letters-view → DynamoDB: applies letter events to the letters table, reporting partial batch failures. */
export const projectLetters = ({ letters, logger }: { letters: Projection; logger: Logger }) =>
  projectBatch({ projection: letters, logger });
