import { TEST_CHILD_ERASURE_KEY_SET, testChildErasureKey } from '../../shared/testing/child-pseudonyms.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLettersStore } from '../../shared/adapters/letters-store.js';
import { lettersTableDefinition } from '../../shared/adapters/letters-table.js';
import { startDynalite, type RunningDynalite } from '../../shared/testing/dynalite.js';
import { captureEmf } from '../../shared/testing/emf.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { aLetterId, anEvent, anEventId } from '../../shared/testing/letters.js';
import { sqsEvent } from '../../shared/testing/sqs-event.js';

describe('project-letters', () => {
  let dynalite: RunningDynalite;
  beforeAll(async () => {
    dynalite = await startDynalite();
    await dynalite.createTable(lettersTableDefinition('letters'));
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynalite.endpoint);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'dynalite');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'dynalite');
    vi.stubEnv('LETTERS_TABLE_NAME', 'letters');
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'SantasWorkshop');
    vi.stubEnv('LOG_LEVEL', 'SILENT');
    vi.stubEnv('CHILD_ERASURE_KEYS', JSON.stringify(TEST_CHILD_ERASURE_KEY_SET));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await dynalite.stop();
  });

  it('projects a batch into the letters table through Middy, fails only the bad record and flushes its metrics once', async () => {
    const { handler } = await import('./index.js');
    const submitted = anEvent('LetterSubmitted', { letterId: aLetterId(1), eventId: anEventId(1) });
    const emf = captureEmf();

    const response = await handler(sqsEvent([submitted, 'not json']), lambdaContext('project-letters')).finally(emf.stop);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-1' }] });
    const stored = await createLettersStore({ childErasureKey: testChildErasureKey, client: dynalite.client, tableName: 'letters' }).get(aLetterId(1));
    expect(stored?.view).toMatchObject({ letterId: aLetterId(1), status: 'active' });
    expect(emf.lines).toEqual([expect.objectContaining({ service: 'project-letters', ProcessedRecords: 1, FailedRecords: 1 })]);
  });
});
