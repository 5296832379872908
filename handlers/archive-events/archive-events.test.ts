import { TEST_CHILD_ERASURE_KEY_SET, testChildErasureKey } from '../../shared/testing/child-pseudonyms.js';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expiryOf } from '../../shared/domain/retention.js';
import { createEventLog } from '../../shared/adapters/event-log.js';
import { eventLogTableDefinition } from '../../shared/adapters/event-log-table.js';
import { startDynalite, type RunningDynalite } from '../../shared/testing/dynalite.js';
import { captureEmf } from '../../shared/testing/emf.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { aLetterId, anErasure, anEvent, anEventId, minutesLater } from '../../shared/testing/letters.js';
import { sqsEvent } from '../../shared/testing/sqs-event.js';

describe('archive-events', () => {
  let dynalite: RunningDynalite;
  beforeAll(async () => {
    dynalite = await startDynalite();
    await dynalite.createTable(eventLogTableDefinition('letter-events'));
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynalite.endpoint);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'dynalite');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'dynalite');
    vi.stubEnv('EVENT_LOG_TABLE_NAME', 'letter-events');
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'SantasWorkshop');
    vi.stubEnv('LOG_LEVEL', 'SILENT');
    vi.stubEnv('CHILD_ERASURE_KEYS', JSON.stringify(TEST_CHILD_ERASURE_KEY_SET));
    vi.stubEnv('RETENTION_DAYS', '30');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await dynalite.stop();
  });

  it('archives each event once through Middy, fails only the bad record and flushes its metrics once', async () => {
    const { handler } = await import('./index.js');
    const submitted = anEvent('LetterSubmitted', { letterId: aLetterId(1), eventId: anEventId(1) });
    const withdrawn = anEvent('LetterWithdrawn', { letterId: aLetterId(1), eventId: anEventId(2), occurredAt: minutesLater(5) });
    const emf = captureEmf();

    const response = await handler(sqsEvent([withdrawn, '{"type":"LetterSubmitted"}', submitted, withdrawn]), lambdaContext('archive-events')).finally(emf.stop);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-1' }] });
    expect(await createEventLog({ childErasureKey: testChildErasureKey, client: dynalite.client, tableName: 'letter-events' }).history(aLetterId(1))).toEqual([submitted, withdrawn]);
    expect(emf.lines).toEqual([expect.objectContaining({ service: 'archive-events', ProcessedRecords: 3, FailedRecords: 1 })]);
  });

  it("archives a ChildErased through Middy and forgets the erased child's letters, keeping no raw child id, with RETENTION_DAYS read at cold start", async () => {
    const { handler } = await import('./index.js');
    const submitted = anEvent('LetterSubmitted', { letterId: aLetterId(2), eventId: anEventId(3) });
    const erasure = anErasure({ occurredAt: minutesLater(1), eventId: anEventId(4) });

    const response = await handler(sqsEvent([submitted, erasure]), lambdaContext('archive-events'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(await createEventLog({ childErasureKey: testChildErasureKey, client: dynalite.client, tableName: 'letter-events' }).history(aLetterId(2))).toEqual([]);
    const { Items = [] } = await dynalite.client.send(new ScanCommand({ TableName: 'letter-events' }));
    expect(Items.find((item) => item['eventId'] === erasure.eventId)).toEqual({
      pk: `CHILD#${testChildErasureKey(erasure.ownerId, erasure.data.childId)}`,
      sk: `EVENT#${erasure.occurredAt}#${erasure.eventId}`,
      eventId: erasure.eventId,
      type: 'ChildErased',
      occurredAt: erasure.occurredAt,
      expiresAt: expiryOf(erasure.occurredAt, 30),
    });
    expect(JSON.stringify(Items)).not.toContain(erasure.data.childId);
  });
});
