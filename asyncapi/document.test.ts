import { DiagnosticSeverity } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import wiringJson from '../infra/wiring.json' with { type: 'json' };
import { publishInput } from '../shared/adapters/sns-publisher.js';
import type { LetterEvent } from '../shared/domain/events.js';
import { readExampleEvents } from '../shared/testing/example-events.js';
import type { EventWiring } from './channels.js';
import { asyncApiDocument } from './document.js';
import { invalidExamples } from './examples-check.js';
import { validateAsyncApi } from './validate.js';

// The document is plain JSON; tests walk it freely.
type Json = Record<string, any>;

const document = asyncApiDocument() as Json;
const errorsOf = async (doc: unknown) =>
  (await validateAsyncApi(JSON.stringify(doc))).filter(({ severity }) => severity === DiagnosticSeverity.Error).map(({ message, path }) => `${path.join('.')}: ${message}`);

/** A wiring with one more consumer, of ChildErased only, batching differently: what the document must follow. */
const widerWiring: EventWiring = {
  ...wiringJson,
  consumers: {
    ...wiringJson.consumers,
    'letters-erasures': { function: 'forget-children', batchSize: 25, maximumBatchingWindowSeconds: 3, maxReceiveCount: 7, maximumConcurrency: 4, filterPolicy: { type: ['ChildErased'] } },
  },
};

describe('asyncApiDocument', () => {
  it('is a valid AsyncAPI 3.0 document for the AsyncAPI parser, every example valid against its message', async () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(await errorsOf(document)).toEqual([]);
    expect(invalidExamples(document)).toEqual([]);
  });

  it('has a channel for the topic and one per queue of infra/wiring.json, each queue with its DLQ and maxReceiveCount', () => {
    const doc = asyncApiDocument(widerWiring) as Json;

    expect(Object.keys(doc.channels)).toEqual(['letters', ...Object.keys(widerWiring.consumers)]);
    expect(doc.channels.letters.bindings.sns).toMatchObject({ name: '{namePrefix}-letters' });
    expect(doc.channels['letters-erasures']).toMatchObject({
      address: '{namePrefix}-letters-erasures',
      bindings: {
        sqs: {
          queue: { name: '{namePrefix}-letters-erasures', fifoQueue: false, redrivePolicy: { deadLetterQueue: { name: '{namePrefix}-letters-erasures-dlq' }, maxReceiveCount: 7 } },
          deadLetterQueue: { name: '{namePrefix}-letters-erasures-dlq' },
        },
      },
    });
  });

  it("describes each subscription's filter policy and raw delivery on the publish, and each consumer's batching on its receive", () => {
    const doc = asyncApiDocument(widerWiring) as Json;

    expect(doc.operations.publishLetterEvent.bindings.sns.consumers).toContainEqual({
      protocol: 'sqs',
      endpoint: { name: '{namePrefix}-letters-erasures' },
      filterPolicy: { type: ['ChildErased'] },
      filterPolicyScope: 'MessageAttributes',
      rawMessageDelivery: true,
      redrivePolicy: { deadLetterQueue: { name: '{namePrefix}-letters-erasures-dlq' } },
    });
    expect(doc.operations.publishLetterEvent.bindings.sns.consumers.find((c: Json) => c.endpoint.name === '{namePrefix}-letters-archive')).not.toHaveProperty('filterPolicy');
    expect(doc.operations.forgetChildren).toMatchObject({
      action: 'receive',
      channel: { $ref: '#/channels/letters-erasures' },
      bindings: { 'x-aws-lambda-event-source-mapping': { function: 'forget-children', batchSize: 25, maximumBatchingWindowSeconds: 3, maximumConcurrency: 4, functionResponseTypes: ['ReportBatchItemFailures'] } },
    });
  });

  it('lets each queue receive the messages of both versions that its filter policy lets through', () => {
    const doc = asyncApiDocument(widerWiring) as Json;

    expect(Object.keys(doc.channels['letters-erasures'].messages)).toEqual(['ChildErased']);
    expect(Object.keys(doc.channels['letters-archive'].messages)).toEqual(Object.keys(doc.components.messages));
    expect(Object.keys(doc.components.messages)).toEqual(['LetterSubmitted', 'LetterAmended', 'LetterWithdrawn', 'ChildErased', 'LetterSubmittedV1', 'LetterAmendedV1', 'LetterWithdrawnV1']);
    expect(doc.operations.publishLetterEvent.messages.map((m: Json) => m.$ref)).toEqual(
      ['LetterSubmitted', 'LetterAmended', 'LetterWithdrawn', 'ChildErased'].map((key) => `#/channels/letters/messages/${key}`),
    );
  });

  it('gives every message its published example, with the message attributes the SNS publisher sets as headers', () => {
    for (const { schemaVersion, type, event } of readExampleEvents()) {
      const message = document.components.messages[schemaVersion === 2 ? type : `${type}V${schemaVersion}`];
      const attributes = publishInput('arn:aws:sns:eu-west-1:123456789012:letters', event as LetterEvent).MessageAttributes;

      expect(message.examples).toEqual([
        expect.objectContaining({
          payload: event,
          headers: { type: attributes.type.StringValue, schemaVersion: Number(attributes.schemaVersion.StringValue), correlationId: attributes.correlationId.StringValue },
        }),
      ]);
      expect(message.deprecated ?? false).toBe(schemaVersion !== 2);
    }
  });

  it('derives payload schemas from the event schemas: a version 1 event has no ownerId, a ChildErased no letterId', () => {
    expect(document.components.messages.LetterSubmittedV1.payload.properties).not.toHaveProperty('ownerId');
    expect(document.components.messages.LetterSubmitted.payload.required).toContain('ownerId');
    expect(document.components.messages.ChildErased.payload.properties).not.toHaveProperty('letterId');
    expect(document.components.messages.LetterSubmitted.payload.properties.data).toEqual({ $ref: '#/components/schemas/LetterContent' });
    expect(document.components.messages.LetterSubmitted.payload.additionalProperties).toBe(false);
  });
});

describe('the AsyncAPI checks', () => {
  it('refuse an operation on a message its channel does not carry, and an example its schema refuses', async () => {
    const broken = structuredClone(document);
    broken.operations.projectLetters.channel = { $ref: '#/channels/letters-view' };
    broken.operations.projectLetters.messages.push({ $ref: '#/channels/letters/messages/LetterSubmitted' });
    broken.components.messages.ChildErased.examples[0].payload.letterId = 'XCAa5KmGN04sy1P5sZBW-w1oM7J-sp8J5AWAMkzQJOZX';

    expect(await errorsOf(broken)).toEqual([expect.stringMatching(/^operations\.projectLetters\.messages\.\d+: Operation message does not belong to the specified channel/u)]);
    expect(invalidExamples(broken)).toEqual(['ChildErased example ChildErased-v2: payload (root) must NOT have additional properties']);
  });
});
