import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runMigrations } from '../../shared/adapters/migrations.js';
import { generateLetterIdKeySet } from '../../shared/domain/letter-ids.js';
import { captureEmf } from '../../shared/testing/emf.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { aLetterId, anEvent, anEventId } from '../../shared/testing/letters.js';
import { startTestDatabase, type TestDatabase } from '../../shared/testing/postgres.js';
import { sqsEvent } from '../../shared/testing/sqs-event.js';

describe('project-analytics', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
    await runMigrations(db.sql);
    vi.stubEnv('DATABASE_URL', db.url);
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'SantasWorkshop');
    vi.stubEnv('LOG_LEVEL', 'SILENT');
    vi.stubEnv('CHILD_PSEUDONYM_KEYS', JSON.stringify(generateLetterIdKeySet()));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await db.stop();
  });

  it('projects a batch into PostgreSQL through Middy, fails only the bad record and flushes its metrics once', async () => {
    const { handler } = await import('./index.js');
    const event = (n: number) => anEvent('LetterSubmitted', { letterId: aLetterId(n), eventId: anEventId(n) });
    const emf = captureEmf();

    const response = await handler(sqsEvent([event(1), '{}', event(2)]), lambdaContext('project-analytics')).finally(emf.stop);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-1' }] });
    expect(await db.sql`SELECT letter_id FROM letters ORDER BY letter_id`).toEqual([{ letter_id: aLetterId(1) }, { letter_id: aLetterId(2) }]);
    expect(emf.lines).toEqual([expect.objectContaining({ service: 'project-analytics', ProcessedRecords: 2, FailedRecords: 1 })]);
    // Children are known by pseudonym only: not the child id the event carried.
    expect(await db.sql`SELECT DISTINCT child_id FROM letters`).toEqual([{ child_id: expect.stringMatching(/^k1:[A-Za-z0-9_-]{43}$/u) }]);
  });
});
