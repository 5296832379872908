import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { assertArchiveDrained } from './archive-backlog.js';
import { awsQueueUrl, awsTestTargets } from './testing/aws-targets.js';

const DEPTH = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'];

describe('assertArchiveDrained (before replay --wipe) on AWS', () => {
  const sqs = mockClient(SQSClient);
  afterEach(() => sqs.reset());
  afterAll(() => sqs.restore());

  const depths = (queue: number, dlq: number) => {
    sqs.on(GetQueueAttributesCommand, { QueueUrl: awsQueueUrl('letters-archive') }).resolves({ Attributes: { ApproximateNumberOfMessages: String(queue) } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: awsQueueUrl('letters-archive-dlq') }).resolves({ Attributes: { ApproximateNumberOfMessagesNotVisible: String(dlq) } });
  };

  it('reads the depth of the archive queue and its DLQ, and passes when both are empty', async () => {
    depths(0, 0);
    const targets = await awsTestTargets();

    await assertArchiveDrained(targets);

    expect(sqs.calls().map((call) => [call.args[0].constructor.name, call.args[0].input])).toEqual([
      ['GetQueueAttributesCommand', { QueueUrl: awsQueueUrl('letters-archive'), AttributeNames: DEPTH }],
      ['GetQueueAttributesCommand', { QueueUrl: awsQueueUrl('letters-archive-dlq'), AttributeNames: DEPTH }],
    ]);
    await targets.close();
  });

  it('refuses a wipe while the archive holds messages, unless forced', async () => {
    depths(2, 1);
    const targets = await awsTestTargets();

    await expect(assertArchiveDrained(targets)).rejects.toThrow('letters-archive still holds 3 messages (queue + DLQ): drain or redrive it first, or pass --force');
    await expect(assertArchiveDrained(targets, { force: true })).resolves.toBeUndefined();
    await targets.close();
  });
});
