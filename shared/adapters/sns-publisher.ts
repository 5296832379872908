import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { LetterEvent } from '../domain/events.js';
import type { PublishEvent } from '../domain/ports.js';

/** The SNS client; its endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_SNS locally). */
export const createSnsClient = (): SNSClient => new SNSClient({});

/**
 * JSON with every character outside printable ASCII written as a \uXXXX escape (a code point
 * above U+FFFF as its surrogate pair). SQS refuses message bodies with characters outside
 * #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF, so a body of plain ASCII
 * can always be delivered, and JSON.parse reads back exactly the event that was published.
 */
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[^\x20-\x7e]/gu, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );

/** The PublishCommand input for an event: the JSON body, plus attributes subscriptions filter on. */
export const publishInput = (topicArn: string, event: LetterEvent) => ({
  TopicArn: topicArn,
  Message: asciiJson(event),
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
