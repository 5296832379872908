import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { publishInput } from '../shared/adapters/sns-publisher.js';
import { LetterContent } from '../shared/domain/event-fields.js';
import { ACCEPTED_SCHEMA_VERSIONS, SCHEMA_VERSION, type LetterEvent } from '../shared/domain/events.js';
import { LetterId, OwnerId } from '../shared/domain/ids.js';
import { Child, ChildId, Toy } from '../shared/domain/letter.js';
import { eventTypesOfVersion, readExampleEvents, schemaOfVersion, type ExampleEvent } from '../shared/testing/example-events.js';

type JsonObject = Record<string, unknown>;
type EventOption = v.GenericSchema & { entries: { type: { literal: string } } };

/** Shared parts of the payloads, referenced as #/components/schemas/<name>. */
const SCHEMAS: Record<string, v.GenericSchema> = { LetterContent, Child, Toy, LetterId, OwnerId, ChildId };

// AsyncAPI schemas are a superset of JSON Schema draft-07. Transformations (trim, NFC) have no
// JSON Schema form; events carry values already normalised, so input and output agree.
const CONFIG: ConversionConfig = {
  target: 'draft-07',
  errorMode: 'ignore',
  typeMode: 'input',
  definitions: SCHEMAS,
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
};

const SUMMARIES: Record<string, string> = {
  LetterSubmitted: 'A family sent a letter. Carries the whole letter; create-only: the earliest LetterSubmitted of a letter counts, and it never overrides an amendment or a withdrawal.',
  LetterAmended: 'A family replaced its letter. Carries the whole letter (event-carried state): the latest LetterAmended of a letter is its content.',
  LetterWithdrawn: 'A family withdrew its letter. Ids only; the latest LetterAmended or LetterWithdrawn of a letter is its status.',
  ChildErased:
    "A family erased a child's data: forget the letters of that account's child submitted (or amended) at or before occurredAt, and keep a tombstone so no later or redriven event brings them back. Ids only, no personal data.",
};

/** The key of a message in components.messages and in each channel: the type, suffixed with V<n> for an older version. */
export const messageKey = (type: string, schemaVersion: number): string => (schemaVersion === SCHEMA_VERSION ? type : `${type}V${schemaVersion}`);

const withoutMeta = (schema: JsonObject): JsonObject => {
  const { $schema: _, $defs: __, ...rest } = schema;
  return rest;
};

/** The SNS message attributes a producer sets on an event, as message headers (raw delivery makes them SQS message attributes). */
const headersOf = (event: unknown): JsonObject =>
  Object.fromEntries(
    Object.entries(publishInput('', event as LetterEvent).MessageAttributes).map(([name, { DataType, StringValue }]) => [
      name,
      DataType === 'Number' ? Number(StringValue) : StringValue,
    ]),
  );

const headersSchema = (type: string, schemaVersion: number): JsonObject => ({
  type: 'object',
  description: 'SNS message attributes (with raw message delivery, SQS message attributes of the same names): what subscriptions filter on.',
  required: ['type', 'schemaVersion', 'correlationId'],
  properties: {
    type: { type: 'string', const: type, description: 'DataType String: the event type, as in the body' },
    schemaVersion: { type: 'integer', const: schemaVersion, description: 'DataType Number: the schema version, as in the body' },
    correlationId: { type: 'string', description: 'DataType String: the correlation id of the request that caused the event, as in the body' },
  },
});

const messageOf = (schemaVersion: number, option: EventOption, example: ExampleEvent | undefined): JsonObject => {
  const type = option.entries.type.literal;
  const current = schemaVersion === SCHEMA_VERSION;
  return {
    name: type,
    title: `${type} (schemaVersion ${schemaVersion})`,
    summary: SUMMARIES[type] ?? type,
    ...(current
      ? {}
      : {
          description: `The previous schema version: no longer written by this system's producers, but still accepted by every consumer (upcast to version ${SCHEMA_VERSION}), since a rolling deploy or a DLQ redrive can deliver it. A consumer must accept it too.`,
          deprecated: true,
        }),
    contentType: 'application/json',
    correlationId: { $ref: '#/components/correlationIds/correlationId' },
    headers: headersSchema(type, schemaVersion),
    payload: withoutMeta(toJsonSchema(option, CONFIG) as JsonObject),
    examples: example ? [{ name: `${type}-v${schemaVersion}`, summary: `The example in ${example.path}`, headers: headersOf(example.event), payload: example.event }] : [],
  };
};

/** Every message of every accepted schema version, keyed by messageKey, each with its published example. */
export const eventMessages = (examples: ExampleEvent[] = readExampleEvents()): Record<string, JsonObject> =>
  Object.fromEntries(
    [...ACCEPTED_SCHEMA_VERSIONS].reverse().flatMap((schemaVersion) =>
      (schemaOfVersion(schemaVersion) as v.GenericSchema & { options: EventOption[] }).options.map((option) => {
        const type = option.entries.type.literal;
        const example = examples.find((candidate) => candidate.schemaVersion === schemaVersion && candidate.type === type);
        return [messageKey(type, schemaVersion), messageOf(schemaVersion, option, example)];
      }),
    ),
  );

/** The message keys of one schema version, in its schema's order. */
export const messageKeysOfVersion = (schemaVersion: number): string[] => eventTypesOfVersion(schemaVersion).map((type) => messageKey(type, schemaVersion));

/** The shared payload parts, as components.schemas. */
export const payloadSchemas = (): Record<string, JsonObject> => {
  const { $schema: _, ...schemas } = toJsonSchemaDefs(SCHEMAS, CONFIG) as Record<string, JsonObject>;
  return schemas;
};
