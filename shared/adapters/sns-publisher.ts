import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { LetterEvent } from '../domain/events.js';
import type { PublishEvent } from '../domain/ports.js';

/** The SNS client; its endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_SNS locally). */
export const createSnsClient = (): SNSClient => new SNSClient({});

/** The PublishCommand input for an event: the JSON body, plus attributes subscriptions filter on. */
export const publishInput = (topicArn: string, event: LetterEvent) => ({
  TopicArn: topicArn,
  Message: JSON.stringify(event),
  MessageAttributes: {
    type: { DataType: 'String', StringValue: event.type },
    schemaVersion: { DataType: 'Number', StringValue: String(event.schemaVersion) },
    correlationId: { DataType: 'String', StringValue: event.correlationId },
  },
});

/** Publishes letter events to the letters topic. */
export const createSnsPublisher =
  ({ client, topicArn }: { client: SNSClient; topicArn: string }): PublishEvent =>
  async (event) => {
    await client.send(new PublishCommand(publishInput(topicArn, event)));
  };
