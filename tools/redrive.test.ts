import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { startFauxqs } from 'fauxqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectQueue } from '../shared/adapters/sqs-inspection.js';
import { redrive } from './redrive.js';
import { awsQueueArn, awsQueueUrl, awsTestTargets } from './testing/aws-targets.js';

/** The commands sent, by name and input. */
const sent = (mock: ReturnType<typeof mockClient>) => mock.calls().map((call) => [call.args[0].constructor.name, call.args[0].input]);

describe('redrive on AWS', () => {
  const sqs = mockClient(SQSClient);
  afterEach(() => sqs.reset());
  afterAll(() => sqs.restore());

  const arnsAndDepth = (depthAfter: number) => {
    sqs.on(GetQueueAttributesCommand, { QueueUrl: awsQueueUrl('letters-view-dlq'), AttributeNames: ['QueueArn'] }).resolves({ Attributes: { QueueArn: awsQueueArn('letters-view-dlq') } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: awsQueueUrl('letters-view'), AttributeNames: ['QueueArn'] }).resolves({ Attributes: { QueueArn: awsQueueArn('letters-view') } });
    sqs
      .on(GetQueueAttributesCommand, { AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] })
      .resolves({ Attributes: { ApproximateNumberOfMessages: String(depthAfter), ApproximateNumberOfMessagesNotVisible: '0' } });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
  };

  it('starts an SQS message move task from the DLQ to its queue and waits until it completes', async () => {
    arnsAndDepth(0);
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [{ TaskHandle: 'task-1', Status: 'RUNNING' }] })
      .resolves({ Results: [{ TaskHandle: 'task-1', Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 3 }] });
    const targets = await awsTestTargets();

    const result = await redrive(targets, 'letters-view', { sleep: async () => {} });

    expect(result).toEqual({ queue: 'letters-view', moved: 3, skipped: [], remaining: 0 });
    const listTasks = ['ListMessageMoveTasksCommand', { SourceArn: awsQueueArn('letters-view-dlq'), MaxResults: 10 }];
    expect(sent(sqs)).toEqual([
      ['GetQueueAttributesCommand', { QueueUrl: awsQueueUrl('letters-view-dlq'), AttributeNames: ['QueueArn'] }],
      ['GetQueueAttributesCommand', { QueueUrl: awsQueueUrl('letters-view'), AttributeNames: ['QueueArn'] }],
      ['StartMessageMoveTaskCommand', { SourceArn: awsQueueArn('letters-view-dlq'), DestinationArn: awsQueueArn('letters-view') }],
      listTasks,
      listTasks,
      ['GetQueueAttributesCommand', { QueueUrl: awsQueueUrl('letters-view-dlq'), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }],
    ]);
    await targets.close();
  });

  it('fails with the reason SQS gives when the move task fails', async () => {
    arnsAndDepth(2);
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [{ TaskHandle: 'task-1', Status: 'FAILED', FailureReason: 'AccessDenied' }] });
    const targets = await awsTestTargets();

    await expect(redrive(targets, 'letters-view', { sleep: async () => {} })).rejects.toThrow('move task failed: AccessDenied');
    await targets.close();
  });

  it('names the known queues when asked for one that is not a consumer queue', async () => {
    const targets = await awsTestTargets();

    await expect(redrive(targets, 'letters')).rejects.toThrow('no consumer queue letters; known: letters-view, letters-analytics, letters-archive');
    expect(sent(sqs)).toEqual([]);
    await targets.close();
  });
});

describe('redrive locally', () => {
  let fauxqs: Awaited<ReturnType<typeof startFauxqs>>;
  let sqs: SQSClient;
  let sns: SNSClient;
  beforeAll(async () => {
    fauxqs = await startFauxqs({ port: 0, logger: false, defaultRegion: 'eu-north-1' });
    const config = { region: 'eu-north-1', endpoint: fauxqs.address, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    sqs = new SQSClient(config);
    sns = new SNSClient(config);
  });
  afterAll(async () => {
    sqs.destroy();
    sns.destroy();
    await fauxqs.stop();
  });

  const bodiesIn = async (queueUrl: string) => {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    return Messages.map((message) => message.Body).sort();
  };

  it('reports and skips a message the queue refuses, and moves the ones behind it', async () => {
    const { QueueUrl: url } = await sqs.send(new CreateQueueCommand({ QueueName: 'letters-view' }));
    const { QueueUrl: dlqUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'letters-view-dlq' }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
    // fauxqs' SNS delivers a character outside the BMP that its SendMessage then refuses (real SQS takes both).
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'letters' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn, Attributes: { RawMessageDelivery: 'true' } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: '{"n":1}' }));
    await sns.send(new PublishCommand({ TopicArn, Message: '{"toy":"🚂"}' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: '{"n":2}' }));
    const queues = { 'letters-view': { name: 'letters-view', url: url!, dlqUrl: dlqUrl! } };

    const result = await redrive({ sqs, queues, mode: 'local' }, 'letters-view');

    expect(result).toEqual({
      queue: 'letters-view',
      moved: 2,
      skipped: [{ messageId: expect.any(String), reason: expect.stringContaining('InvalidMessageContents') }],
      remaining: 1,
    });
    expect(await bodiesIn(url!)).toEqual(['{"n":1}', '{"n":2}']);
    const dlq = await inspectQueue(fauxqs.address, 'letters-view-dlq');
    expect([...dlq.ready, ...dlq.inflight].map((message) => [message.messageId, message.body])).toEqual([[result.skipped[0]?.messageId, '{"toy":"🚂"}']]);
  });
});
