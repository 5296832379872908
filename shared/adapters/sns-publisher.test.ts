import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLetterEvent } from '../domain/events.js';
import { aChild, aLetter, aLetterId, anErasure, anEvent } from '../testing/letters.js';
import { createSnsPublisher } from './sns-publisher.js';

type Fauxqs = Awaited<ReturnType<typeof startFauxqs>>;
let fauxqs: Fauxqs;
let sns: SNSClient;
let sqs: SQSClient;

const clientConfig = () => ({ region: 'eu-north-1', endpoint: fauxqs.address, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

/** A queue subscribed to the topic the way the infrastructure does it: raw delivery and a filter policy. */
const subscribedQueue = async (topicArn: string, name: string, filterPolicy: Record<string, string[]>) => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: Attributes!.QueueArn,
      Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(filterPolicy) },
    }),
  );
  return QueueUrl!;
};

const receiveAll = async (queueUrl: string) => {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }),
  );
  return Messages;
};

beforeAll(async () => {
  fauxqs = await startFauxqs({ port: 0, logger: false });
  sns = new SNSClient(clientConfig());
  sqs = new SQSClient(clientConfig());
});

afterAll(async () => {
  sns.destroy();
  sqs.destroy();
  await fauxqs.stop();
});

describe('createSnsPublisher', () => {
  it('publishes the event as the raw message body, with the attributes subscriptions filter on', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'letters-publish' }));
    const everything = await subscribedQueue(TopicArn!, 'everything', { type: ['LetterSubmitted', 'LetterAmended', 'LetterWithdrawn'] });
    const withdrawalsOnly = await subscribedQueue(TopicArn!, 'withdrawals-only', { type: ['LetterWithdrawn'] });
    const publish = createSnsPublisher({ client: sns, topicArn: TopicArn! });
    const submitted = anEvent('LetterSubmitted', { letterId: aLetterId(1), correlationId: 'corr-7' });

    await publish(submitted);

    const [message] = await receiveAll(everything);
    expect(JSON.parse(message!.Body!)).toEqual(submitted);
    expect(message!.MessageAttributes).toEqual({
      type: { DataType: 'String', StringValue: 'LetterSubmitted' },
      schemaVersion: { DataType: 'Number', StringValue: '2' },
      correlationId: { DataType: 'String', StringValue: 'corr-7' },
    });
    expect(await receiveAll(withdrawalsOnly)).toEqual([]);
  });

  it('publishes ChildErased with the same three attributes, so the subscriptions that list its type receive it', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'letters-erasure' }));
    const erasures = await subscribedQueue(TopicArn!, 'with-erasures', { type: ['LetterSubmitted', 'ChildErased'] });
    const lettersOnly = await subscribedQueue(TopicArn!, 'letters-only', { type: ['LetterSubmitted'] });
    const erasure = anErasure({ correlationId: 'corr-8' });

    await createSnsPublisher({ client: sns, topicArn: TopicArn! })(erasure);

    const [message] = await receiveAll(erasures);
    expect(parseLetterEvent(message!.Body!)).toEqual(erasure);
    expect(message!.MessageAttributes).toEqual({
      type: { DataType: 'String', StringValue: 'ChildErased' },
      schemaVersion: { DataType: 'Number', StringValue: '2' },
      correlationId: { DataType: 'String', StringValue: 'corr-8' },
    });
    expect(await receiveAll(lettersOnly)).toEqual([]);
  });

  it('escapes every non-ASCII character, so any text is deliverable, and consumers read the event back unchanged', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'letters-unicode' }));
    const queue = await subscribedQueue(TopicArn!, 'unicode', { type: ['LetterSubmitted'] });
    const publish = createSnsPublisher({ client: sns, topicArn: TopicArn! });
    // Characters SQS refuses raw (U+FFFE, U+FFFF, a lone surrogate, C0 controls) beside ones it takes.
    const message = 'Dear Santa 🎅🏽, Café and Cafe\u0301, ＬＥＧＯ, ß, עברית, \u0000\u001b\u007f\u0085\ufffe\uffff\ud800 end';
    const submitted = anEvent('LetterSubmitted', { letterId: aLetterId(2), letter: aLetter({ message, child: aChild({ name: 'Zoë' }) }) });

    await publish(submitted);

    const [received] = await receiveAll(queue);
    expect(received!.Body).toMatch(/^[\x20-\x7e]*$/u);
    expect(received!.Body).toContain('\\ud83c\\udf85');
    expect(parseLetterEvent(received!.Body!)).toEqual(submitted);
  });

  it('lets an SNS failure reach the caller, so the command is not acknowledged', async () => {
    const publish = createSnsPublisher({ client: sns, topicArn: 'arn:aws:sns:eu-north-1:000000000000:no-such-topic' });

    await expect(publish(anEvent('LetterWithdrawn'))).rejects.toThrow();
  });
});
