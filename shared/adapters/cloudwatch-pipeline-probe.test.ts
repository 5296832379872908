import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { createCloudWatchPipelineProbe } from './cloudwatch-pipeline-probe.js';

const NOW = Date.parse('2026-12-24T18:00:00Z');
const QUEUE = {
  name: 'letters-view',
  url: 'https://sqs.eu-north-1.amazonaws.com/123456789012/santa-letters-view',
  dlqUrl: 'https://sqs.eu-north-1.amazonaws.com/123456789012/santa-letters-view-dlq',
  metricsService: 'santa-project-letters',
};

describe('createCloudWatchPipelineProbe', () => {
  it("reads the latest minute's ApproximateAgeOfOldestMessage and ProjectionLag, null without a datapoint", async () => {
    const cloudwatch = mockClient(CloudWatchClient);
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'age0', Values: [42, 7] }, { Id: 'lag0', Values: [] }] });
    const probe = createCloudWatchPipelineProbe({ sqs: new SQSClient({}), cloudwatch: new CloudWatchClient({ region: 'eu-north-1' }), namespace: 'SantasWorkshop', now: () => NOW });

    const ages = await probe.ages([QUEUE]);

    expect(ages).toEqual({ 'letters-view': { oldestMessageAgeSeconds: 42, readLagSeconds: null } });
    expect(cloudwatch.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input)).toEqual([
      {
        StartTime: new Date(NOW - 5 * 60_000),
        EndTime: new Date(NOW),
        ScanBy: 'TimestampDescending',
        MetricDataQueries: [
          {
            Id: 'age0',
            MetricStat: {
              Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: 'santa-letters-view' }] },
              Period: 60,
              Stat: 'Maximum',
            },
          },
          {
            Id: 'lag0',
            MetricStat: {
              Metric: { Namespace: 'SantasWorkshop', MetricName: 'ProjectionLag', Dimensions: [{ Name: 'service', Value: 'santa-project-letters' }] },
              Period: 60,
              Stat: 'Maximum',
            },
          },
        ],
      },
    ]);
  });

  it('turns the lag from milliseconds into seconds', async () => {
    const cloudwatch = mockClient(CloudWatchClient);
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'lag0', Values: [1500] }] });
    const probe = createCloudWatchPipelineProbe({ sqs: new SQSClient({}), cloudwatch: new CloudWatchClient({ region: 'eu-north-1' }), namespace: 'SantasWorkshop', now: () => NOW });

    expect(await probe.ages([QUEUE])).toEqual({ 'letters-view': { oldestMessageAgeSeconds: null, readLagSeconds: 1.5 } });
  });
});
