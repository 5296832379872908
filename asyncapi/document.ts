import wiringJson from '../infra/wiring.json' with { type: 'json' };
import { ACCEPTED_SCHEMA_VERSIONS, SCHEMA_VERSION } from '../shared/domain/events.js';
import { eventChannels, eventOperations, type EventWiring } from './channels.js';
import { eventMessages, payloadSchemas } from './messages.js';

const DESCRIPTION = [
  "The events of Santa's Workshop: every accepted command publishes one event to the letters topic, and the read side is",
  'projected from them. Other teams subscribe their own queues to the topic (see docs/deploy-to-aws.md).',
  '',
  'What a consumer must accept:',
  '- At-least-once delivery in any order: the same event may arrive twice, and a DLQ redrive can bring an old event after',
  '  newer ones. Per letter, the latest event wins on occurredAt, ties broken by eventId; LetterSubmitted only creates.',
  `- Schema versions ${ACCEPTED_SCHEMA_VERSIONS.join(' and ')}: producers write version ${SCHEMA_VERSION}; the previous version can still`,
  '  arrive. Refuse (and dead-letter) any other version rather than guessing. Unknown properties are refused too.',
  '- Bodies are JSON with every non-ASCII character written as a \\uXXXX escape; a JSON parser reads the event back exactly.',
  '- With raw message delivery the body is the event itself, and the SNS message attributes (type, schemaVersion,',
  '  correlationId) arrive as SQS message attributes; filter policies filter on them.',
  '',
  'Example events for every type and version are in docs/events/v<N>/<Type>.json.',
].join('\n');

/** The AsyncAPI 3.0 document of the events, derived from the valibot event schemas, the example events and infra/wiring.json. */
export const asyncApiDocument = (wiring: EventWiring = wiringJson) => ({
  asyncapi: '3.0.0',
  info: {
    title: "Santa's Workshop events",
    version: `${SCHEMA_VERSION}.0.0`,
    description: DESCRIPTION,
  },
  defaultContentType: 'application/json',
  servers: {
    sns: {
      host: 'sns.{region}.amazonaws.com',
      protocol: 'sns',
      description: 'Amazon SNS in the region the stack is deployed to',
      variables: { region: { description: "Terraform's aws_region", examples: ['eu-west-1'] } },
    },
    sqs: {
      host: 'sqs.{region}.amazonaws.com',
      protocol: 'sqs',
      description: 'Amazon SQS in the region the stack is deployed to',
      variables: { region: { description: "Terraform's aws_region", examples: ['eu-west-1'] } },
    },
  },
  channels: eventChannels(wiring),
  operations: eventOperations(wiring),
  components: {
    schemas: payloadSchemas(),
    messages: eventMessages(),
    parameters: {
      namePrefix: {
        description: "Terraform's name_prefix: every resource of a deployment is named <name_prefix>-<name>",
        default: 'santas-workshop',
        examples: ['santas-workshop', 'santas-workshop-prod'],
      },
    },
    correlationIds: {
      correlationId: {
        description: 'The correlation id of the request that caused the event (its x-correlation-id), also in the body',
        location: '$message.header#/correlationId',
      },
    },
  },
});
