import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuildScript } from '../../bench/build-script.js';
import { lettersTableDefinition } from '../../shared/adapters/letters-table.js';
import { startDynalite, type RunningDynalite } from '../../shared/testing/dynalite.js';
import { httpEvent } from '../../shared/testing/http-event.js';
import { TEST_CHILD_ERASURE_KEY_SET } from '../../shared/testing/child-pseudonyms.js';
import { TEST_LETTER_ID_KEYS } from '../../shared/testing/letters.js';
import { letterBody } from '../../shared/testing/letter-bodies.js';
import { aLetterId, anEvent, anEventId } from '../../shared/testing/letters.js';
import { sqsEvent } from '../../shared/testing/sqs-event.js';

const run = promisify(execFile);
const outDirs = [mkdtempSync(join(tmpdir(), 'build-a-')), mkdtempSync(join(tmpdir(), 'build-b-'))] as const;

// Nothing listens on port 9 (discard) on loopback: a call to "AWS" fails at once.
const OFFLINE_ENV = {
  AWS_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:9',
  AWS_MAX_ATTEMPTS: '1',
  LOG_LEVEL: 'SILENT',
  LETTERS_TOPIC_ARN: 'arn:aws:sns:eu-north-1:123456789012:letters',
  AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
  IDEMPOTENCY_TABLE_NAME: 'idempotency',
  QUOTA_TABLE_NAME: 'command-quotas',
  LETTER_ID_KEYS: JSON.stringify(TEST_LETTER_ID_KEYS),
  CHILD_ERASURE_KEYS: JSON.stringify(TEST_CHILD_ERASURE_KEY_SET),
};

/**
 * Imports a built bundle in a fresh Node process (as Lambda would) and invokes its handler with
 * each event; the answers are the last line of stdout, after whatever the function printed (EMF).
 */
const invokeBuiltWithOutput = async (bundle: string, events: unknown[], env: Record<string, string | undefined>) => {
  const name = bundle.split('/').at(-2);
  const script = `
    const { handler } = await import(${JSON.stringify(bundle)});
    const context = { functionName: ${JSON.stringify(name)}, awsRequestId: 'r-1', getRemainingTimeInMillis: () => 5000 };
    const events = JSON.parse(process.env.EVENTS);
    const answers = [];
    for (const event of events) answers.push(await handler(event, context));
    process.stdout.write('\\n' + JSON.stringify(answers));`;
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, ...env, EVENTS: JSON.stringify(events) },
  });
  const lines = stdout.split('\n');
  return { answers: JSON.parse(lines.at(-1)!) as unknown[], printed: lines.slice(0, -1).filter(Boolean), errors: stderr.split('\n').filter(Boolean) };
};

const invokeBuilt = async (bundle: string, events: unknown[], env: Record<string, string | undefined>) =>
  (await invokeBuiltWithOutput(bundle, events, env)).answers as { statusCode: number; body: string }[];

let zips: Buffer[];

beforeAll(async () => {
  const { buildHandler } = await loadBuildScript();
  for (const outDir of outDirs) await buildHandler('submit-letter', outDir);
  await buildHandler('project-letters', outDirs[0]);
  zips = outDirs.map((outDir) => readFileSync(join(outDir, 'submit-letter.zip')));
}, 60_000);

afterAll(() => outDirs.forEach((outDir) => rmSync(outDir, { recursive: true, force: true })));

describe('build.mjs', () => {
  it('builds byte-identical zips from the same sources, holding index.mjs and its chunks but no source map', () => {
    expect(zips[0]!.equals(zips[1]!)).toBe(true);
    const shipped = readdirSync(join(outDirs[0], 'submit-letter'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs'));
    expect(shipped).toContain('index.mjs');
    expect(shipped.some((file) => file.startsWith('chunks/'))).toBe(true);
    // Each name twice (local header and central directory), and nothing else.
    const zip = zips[0]!.toString('latin1');
    for (const file of shipped) expect(zip.split(file).length - 1, file).toBe(2);
    expect(zip.match(/\.mjs/gu)).toHaveLength(2 * shipped.length);
  });

  it('gives a handler that loads its on-demand chunks: a keyed request reaches the idempotency records', async () => {
    const { answers, errors } = await invokeBuiltWithOutput(
      join(outDirs[0], 'submit-letter', 'index.mjs'),
      [httpEvent({ body: letterBody(), headers: { 'idempotency-key': 'lotta-1' } })],
      { ...OFFLINE_ENV, LOG_LEVEL: 'ERROR' },
    );

    expect(answers).toMatchObject([{ statusCode: 500 }]);
    // The idempotency chunk loaded and called DynamoDB, which is not there.
    expect(errors.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ message: 'request failed', error: expect.objectContaining({ name: 'IdempotencyPersistenceLayerError' }) }),
    ]);
  });

  it('gives a handler that answers bad input with the contract errors, without contacting AWS', async () => {
    const answers = await invokeBuilt(join(outDirs[0], 'submit-letter', 'index.mjs'), [
      httpEvent({ body: letterBody({ toys: [] }) }),
      httpEvent({ body: 'hello', headers: { 'content-type': 'text/plain' } }),
      httpEvent({ body: '{"child":' }),
      httpEvent({ body: letterBody() }),
    ], OFFLINE_ENV);

    expect(answers.map((answer) => [answer.statusCode, JSON.parse(answer.body).error?.code])).toEqual([
      [400, 'VALIDATION_FAILED'],
      [415, 'UNSUPPORTED_MEDIA_TYPE'],
      [400, 'MALFORMED_JSON'],
      // A valid letter does reach for its quota (DynamoDB) and SNS, finds nothing there and is not accepted.
      [500, 'INTERNAL'],
    ]);
  });

  it('gives a handler whose cold start fails, naming the variable, when the environment is wrong', async () => {
    const failure = await invokeBuilt(join(outDirs[0], 'submit-letter', 'index.mjs'), [], { ...OFFLINE_ENV, LETTERS_TOPIC_ARN: 'letters' }).catch(
      (error: { stderr: string }) => error.stderr,
    );

    expect(failure).toContain('LETTERS_TOPIC_ARN must be an SNS topic ARN');
  });
});

describe('the built project-letters', () => {
  const bundle = join(outDirs[0], 'project-letters', 'index.mjs');
  const projectorEnv = { ...OFFLINE_ENV, LETTERS_TABLE_NAME: 'letters', POWERTOOLS_METRICS_NAMESPACE: 'SantasWorkshop' };
  const submitted = (n: number) => anEvent('LetterSubmitted', { letterId: aLetterId(n), eventId: anEventId(n) });
  let dynalite: RunningDynalite;
  beforeAll(async () => {
    dynalite = await startDynalite();
    await dynalite.createTable(lettersTableDefinition('letters'));
  });
  afterAll(() => dynalite.stop());

  it('answers the one bad record of a batch in batchItemFailures and prints its metrics', async () => {
    const { answers, printed } = await invokeBuiltWithOutput(bundle, [sqsEvent([submitted(1), '{"type":"LetterSubmitted"}', submitted(2)])], {
      ...projectorEnv,
      AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    });

    expect(answers).toEqual([{ batchItemFailures: [{ itemIdentifier: 'msg-1' }] }]);
    expect(printed.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ service: 'project-letters', ProcessedRecords: 2, FailedRecords: 1 }),
    ]);
  });

  it('throws when every record of a batch fails, as when the table is unreachable', async () => {
    const failure = await invokeBuilt(bundle, [sqsEvent([submitted(1), submitted(2)])], {
      ...projectorEnv,
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
    }).then(
      () => 'no error',
      (error: { stderr: string; stdout: string }) => `${error.stderr}\n${error.stdout}`,
    );

    expect(failure).toContain('FullBatchFailureError');
    expect(failure).toContain('"FailedRecords":2');
  });
});
