import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { PipelineProbe, ProjectionAges, ProjectionQueue } from '../domain/pipeline.js';
import { queueCounts, queueNameOf } from './queue-attributes.js';

// SQS publishes its metrics every minute; five minutes of them always hold the latest one.
const WINDOW_MS = 5 * 60_000;
const PERIOD_SECONDS = 60;

const queries = (queues: readonly ProjectionQueue[], namespace: string): MetricDataQuery[] =>
  queues.flatMap((queue, index) => [
    {
      Id: `age${index}`,
      MetricStat: {
        Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: queueNameOf(queue.url) }] },
        Period: PERIOD_SECONDS,
        Stat: 'Maximum',
      },
    },
    {
      Id: `lag${index}`,
      MetricStat: {
        Metric: { Namespace: namespace, MetricName: 'ProjectionLag', Dimensions: [{ Name: 'service', Value: queue.metricsService }] },
        Period: PERIOD_SECONDS,
        Stat: 'Maximum',
      },
    },
  ]);

/**
 * On AWS: counts from SQS' queue attributes; the oldest message's age from CloudWatch's
 * ApproximateAgeOfOldestMessage (SQS has no attribute for it) and the read lag from the
 * projectors' own ProjectionLag metric, each the latest minute's maximum.
 */
export const createCloudWatchPipelineProbe = ({
  sqs,
  cloudwatch,
  namespace,
  now = Date.now,
}: {
  sqs: SQSClient;
  cloudwatch: CloudWatchClient;
  namespace: string;
  now?: () => number;
}): PipelineProbe => ({
  counts: (queueUrl) => queueCounts(sqs, queueUrl),
  ages: async (queues) => {
    const end = now();
    const { MetricDataResults = [] } = await cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries(queues, namespace),
        StartTime: new Date(end - WINDOW_MS),
        EndTime: new Date(end),
        ScanBy: 'TimestampDescending',
      }),
    );
    const latest = (id: string): number | null => MetricDataResults.find((result) => result.Id === id)?.Values?.[0] ?? null;
    return Object.fromEntries(
      queues.map((queue, index): [string, ProjectionAges] => {
        const lagMs = latest(`lag${index}`);
        return [queue.name, { oldestMessageAgeSeconds: latest(`age${index}`), readLagSeconds: lagMs === null ? null : lagMs / 1000 }];
      }),
    );
  },
});
