import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyticsStore } from '../shared/adapters/analytics-store.js';
import { createEventLog } from '../shared/adapters/event-log.js';
import { eventLogTableDefinition } from '../shared/adapters/event-log-table.js';
import { createLettersStore } from '../shared/adapters/letters-store.js';
import { lettersTableDefinition } from '../shared/adapters/letters-table.js';
import { runMigrations } from '../shared/adapters/migrations.js';
import { ACCEPTED_SCHEMA_VERSIONS, createChildErased, createLetterEvent, LEGACY_OWNER_ID, SCHEMA_VERSION, type LetterEvent } from '../shared/domain/events.js';
import type { AnalyticsReader, EventLogReader, LetterReader, Projection } from '../shared/domain/ports.js';
import { createLogger } from '../shared/lambda/logger.js';
import { createMetrics } from '../shared/lambda/metrics.js';
import { projectBatch } from '../shared/lambda/project-batch.js';
import { testChildErasureKey, testChildPseudonym } from '../shared/testing/child-pseudonyms.js';
import { startDynalite, type RunningDynalite } from '../shared/testing/dynalite.js';
import { eventTypesOfVersion, readExampleEvents, schemaOfVersion, type ExampleEvent } from '../shared/testing/example-events.js';
import { asReceived } from '../shared/testing/letters.js';
import { startTestDatabase, type TestDatabase } from '../shared/testing/postgres.js';
import { sqsEvent } from '../shared/testing/sqs-event.js';

// The published examples (docs/events) are the contract with producers and consumers deployed
// elsewhere: an event schema change that would refuse one of them, or a producer that would
// write something else, fails here before it ships.

const examples = readExampleEvents();
const examplesOf = (schemaVersion: number) =>
  examples.filter((example) => example.schemaVersion === schemaVersion).sort((a, b) => occurredAt(a).localeCompare(occurredAt(b)));
const occurredAt = (example: ExampleEvent) => (example.event as { occurredAt: string }).occurredAt;
const named = examples.map((example) => [example.path, example] as const);

describe('the published example events', () => {
  it('hold one example per event type of every accepted schema version, and nothing else', () => {
    expect(examples.map(({ schemaVersion, type }) => `v${schemaVersion}/${type}`).sort()).toEqual(
      ACCEPTED_SCHEMA_VERSIONS.flatMap((version) => eventTypesOfVersion(version).map((type) => `v${version}/${type}`)).sort(),
    );
  });

  it.each(named)('%s is valid, unchanged, against the schema of its version', (_, { schemaVersion, type, event }) => {
    const result = v.safeParse(schemaOfVersion(schemaVersion), event);

    expect(result.issues?.map((issue) => `${v.getDotPath(issue)}: ${issue.message}`)).toBeUndefined();
    expect(result.output).toEqual(event);
    expect(event).toMatchObject({ type, schemaVersion });
  });

  it.each(named.filter(([, example]) => example.schemaVersion === SCHEMA_VERSION))('%s is exactly what the producers write', (_, { event }) => {
    const example = event as LetterEvent;
    const idsAndClock = { newId: () => example.eventId, now: () => new Date(example.occurredAt) };
    const { ownerId, correlationId } = example;

    const produced =
      example.type === 'ChildErased'
        ? createChildErased({ ownerId, correlationId, childId: example.data.childId }, idsAndClock)
        : example.type === 'LetterWithdrawn'
          ? createLetterEvent({ type: example.type, letterId: example.letterId, ownerId, correlationId }, idsAndClock)
          : createLetterEvent({ type: example.type, letterId: example.letterId, ownerId, correlationId, letter: { ...example.data, message: example.data.message ?? undefined } }, idsAndClock);

    expect(JSON.parse(JSON.stringify(produced))).toEqual(example);
  });
});

interface Consumers {
  view: Projection & LetterReader;
  analytics: Projection & AnalyticsReader;
  archive: Projection & EventLogReader;
}

/** What every consumer answers about the story's letter once the events so far are applied. */
interface Outcome {
  view: unknown;
  analytics: unknown;
  history: LetterEvent[];
}

const sumOf = (toys: { quantity: number }[]) => toys.reduce((sum, toy) => sum + toy.quantity, 0);

/**
 * Each example's outcome, given the events of the story so far (the example last). A type
 * without an entry fails the test: a new event type needs its outcome said here.
 */
const OUTCOMES: Record<string, (events: LetterEvent[], ownerId: string) => Outcome> = {
  LetterSubmitted: (events, ownerId) => contentOutcome(events, ownerId, 'active'),
  LetterAmended: (events, ownerId) => contentOutcome(events, ownerId, 'active'),
  LetterWithdrawn: (events, ownerId) => contentOutcome(events, ownerId, 'withdrawn'),
  ChildErased: () => ({
    view: undefined,
    analytics: { letters: { active: 0, withdrawn: 0 }, toys: { quantity: 0 } },
    history: [],
  }),
};

const contentOutcome = (events: LetterEvent[], ownerId: string, status: 'active' | 'withdrawn'): Outcome => {
  const content = events.filter((event) => event.type === 'LetterSubmitted' || event.type === 'LetterAmended').at(-1)!;
  const { child, toys, message } = content.data;
  return {
    view: { ownerId, view: expect.objectContaining({ letterId: content.letterId, child, toys, message, status }) },
    // The analytics count children and toys over active letters only.
    analytics:
      status === 'active'
        ? { letters: { active: 1, withdrawn: 0 }, children: 1, toys: { distinct: toys.length, quantity: sumOf(toys) } }
        : { letters: { active: 0, withdrawn: 1 }, children: 0, toys: { distinct: 0, quantity: 0 } },
    history: events.filter((event) => event.type !== 'ChildErased'),
  };
};

describe.each(ACCEPTED_SCHEMA_VERSIONS.map((version) => [version]))('every consumer, fed the version %i examples one by one', (schemaVersion) => {
  let dynamo: RunningDynalite;
  let db: TestDatabase;
  let consumers: Consumers;
  // Far from expiry, so no reader ever hides the examples, whatever today's date.
  const retentionDays = 100 * 366;

  beforeAll(async () => {
    [dynamo, db] = await Promise.all([startDynalite(), startTestDatabase()]);
    await runMigrations(db.sql);
    await dynamo.createTable(eventLogTableDefinition('letter-events'));
    await dynamo.createTable(lettersTableDefinition('letters'));
    consumers = {
      view: createLettersStore({ childErasureKey: testChildErasureKey, client: dynamo.client, tableName: 'letters', retentionDays }),
      analytics: createAnalyticsStore(db.sql, { childPseudonym: testChildPseudonym, retentionDays }),
      archive: createEventLog({ childErasureKey: testChildErasureKey, client: dynamo.client, tableName: 'letter-events', retentionDays }),
    };
  });
  afterAll(async () => {
    await Promise.all([dynamo?.stop(), db?.stop()]);
  });

  it('takes each one and answers what it says, through the letters view, the analytics and the history', async () => {
    const story = examplesOf(schemaVersion);
    const received = story.map(({ event }) => asReceived(event as LetterEvent));
    const ownerId = schemaVersion === 1 ? LEGACY_OWNER_ID : received[0]!.ownerId;
    const letterId = (received.find((event) => 'letterId' in event) as { letterId: string }).letterId;
    const logger = createLogger('example-events', 'SILENT');

    for (const [index, example] of story.entries()) {
      const expected = OUTCOMES[example.type];
      expect(expected, `an outcome for ${example.type}`).toBeDefined();
      for (const [name, projection] of Object.entries(consumers)) {
        const consume = projectBatch({ projection, logger, metrics: createMetrics(name, 'SantasWorkshop') });
        // The record as SQS delivers it: the example file's JSON as the body.
        expect(await consume(sqsEvent([JSON.stringify(example.event)])), `${name} takes ${example.path}`).toEqual({ batchItemFailures: [] });
      }

      const outcome = expected!(received.slice(0, index + 1), ownerId);
      expect(await consumers.view.get(letterId), `letters view after ${example.path}`).toEqual(outcome.view);
      expect(await consumers.analytics.summary(), `analytics after ${example.path}`).toMatchObject(outcome.analytics as object);
      expect(await consumers.archive.history(letterId), `history after ${example.path}`).toEqual(outcome.history);
    }
  });
});
