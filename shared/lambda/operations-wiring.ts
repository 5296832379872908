import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createCloudWatchPipelineProbe } from '../adapters/cloudwatch-pipeline-probe.js';
import { peekByInspection, peekByReceive, redriveByHand, redriveByMoveTask } from '../adapters/dead-letters.js';
import { createInspectionPipelineProbe } from '../adapters/inspection-pipeline-probe.js';
import type { PeekDeadLetters, PipelineProbe, ProjectionQueue, RedriveDeadLetters } from '../domain/pipeline.js';
import { projectionQueuesFrom, readEnv } from './config.js';

/** What the operations functions work with, from the environment checked at cold start. */
export interface OperationsDependencies {
  queues: ProjectionQueue[];
  probe: () => PipelineProbe;
  peek: PeekDeadLetters;
  redrive: RedriveDeadLetters;
  logLevel: string | undefined;
}

/**
 * On AWS: SQS attributes, CloudWatch metrics, receives with visibility 0 and SQS' move task.
 * Locally (SQS_INSPECTION_ENDPOINT set), the stand-in's inspection and a move by hand, since
 * it has neither CloudWatch nor StartMessageMoveTask. Clients are built on first use only.
 */
export const wireOperations = (): OperationsDependencies => {
  const env = readEnv(['PROJECTION_QUEUES', 'POWERTOOLS_METRICS_NAMESPACE'], ['SQS_INSPECTION_ENDPOINT', 'LOG_LEVEL']);
  // The queue URL is not the endpoint: locally the stand-in's URLs name hosts that do not resolve.
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  const inspection = env.SQS_INSPECTION_ENDPOINT;
  let probe: PipelineProbe | undefined;
  return {
    queues: projectionQueuesFrom(env.PROJECTION_QUEUES),
    probe: () =>
      (probe ??= inspection
        ? createInspectionPipelineProbe({ sqs, inspectionEndpoint: inspection })
        : createCloudWatchPipelineProbe({ sqs, cloudwatch: new CloudWatchClient({}), namespace: env.POWERTOOLS_METRICS_NAMESPACE })),
    peek: inspection ? peekByInspection(inspection) : peekByReceive(sqs),
    redrive: inspection ? redriveByHand(sqs) : redriveByMoveTask(sqs),
    logLevel: env.LOG_LEVEL,
  };
};
