import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createCloudWatchPipelineProbe } from '../adapters/cloudwatch-pipeline-probe.js';
import { peekByInspection, peekByReceive, redriveByHand, redriveByMoveTask } from '../adapters/dead-letters.js';
import { createInspectionPipelineProbe } from '../adapters/inspection-pipeline-probe.js';
import type { PeekDeadLetters, PipelineProbe, ProjectionQueue, RedriveDeadLetters } from '../domain/pipeline.js';
import * as v from 'valibot';
import { ConfigError, readEnv } from './config.js';

const ProjectionQueues = v.pipe(
  v.record(
    v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,79}$/u)),
    v.strictObject({ url: v.pipe(v.string(), v.url()), dlqUrl: v.pipe(v.string(), v.url()), metricsService: v.pipe(v.string(), v.minLength(1)) }),
  ),
  v.check((map) => Object.keys(map).length > 0),
);

/** The queues the operations functions watch, from PROJECTION_QUEUES; a bad value fails the cold start. */
export const projectionQueuesFrom = (raw: string): ProjectionQueue[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const result = v.safeParse(ProjectionQueues, parsed);
  if (!result.success || Array.isArray(parsed)) {
    throw new ConfigError('bad environment: PROJECTION_QUEUES must be a JSON object of projection → {"url","dlqUrl","metricsService"}');
  }
  return Object.entries(result.output).map(([name, queue]) => ({ name, ...queue }));
};

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
  if (inspection && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/u.test(inspection)) {
    throw new ConfigError('bad environment: SQS_INSPECTION_ENDPOINT must be a loopback http:// URL (local mode only)');
  }
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
