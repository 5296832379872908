import { describe, expect, it } from 'vitest';
import { httpEvent } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { anEvent } from '../../shared/testing/letters.js';
import type { PipelineProbe, ProjectionQueue, RawDeadLetter } from '../../shared/domain/pipeline.js';
import { deadLetters } from './dead-letters.js';

const VIEW: ProjectionQueue = { name: 'letters-view', url: 'https://sqs/letters-view', dlqUrl: 'https://sqs/letters-view-dlq', metricsService: 'project-letters' };
const SENT = Date.parse('2026-12-01T18:00:00Z');
const probe: PipelineProbe = { counts: async () => ({ visible: 2, inFlight: 0, delayed: 0 }), ages: async () => ({}) };

const handlerWith = (messages: RawDeadLetter[], peeked: number[] = []) =>
  deadLetters({ queues: [VIEW], probe: () => probe, peek: async (_queue, limit) => (peeked.push(limit), messages.slice(0, limit)) });

const get = (projection: string, query?: Record<string, string>) =>
  httpEvent({ method: 'GET', route: '/operations/queues/{projection}/dead-letters', pathParameters: { projection }, ...(query ? { query } : {}) });

describe('deadLetters', () => {
  it('shows type, letter id, receive count and error of each message, never a name or a message', async () => {
    const event = anEvent('LetterSubmitted');
    const poison = JSON.stringify({ ...event, schemaVersion: 9 });
    const handler = handlerWith([
      { messageId: 'm1', body: JSON.stringify(event), receiveCount: 5, sentTimestamp: SENT },
      { messageId: 'm2', body: poison, receiveCount: 6, sentTimestamp: null },
    ]);

    const response = await handler(get('letters-view'));

    expect(response).toMatchObject({ statusCode: 200 });
    const body = (response as { body: string }).body;
    expect(JSON.parse(body)).toEqual({
      projection: 'letters-view',
      depth: 2,
      items: [
        { messageId: 'm1', type: 'LetterSubmitted', letterId: event.letterId, receiveCount: 5, sentAt: '2026-12-01T18:00:00.000Z', error: null },
        { messageId: 'm2', type: 'LetterSubmitted', letterId: event.letterId, receiveCount: 6, sentAt: null, error: expect.stringMatching(/^not a letter event: schemaVersion/u) },
      ],
    });
    const { name } = (event as { data: { child: { name: string } } }).data.child;
    expect(body).not.toContain(name);
  });

  it('shows no type or letter id a body cannot vouch for', async () => {
    const handler = handlerWith([{ messageId: 'm3', body: '{"type":"Dear Santa","letterId":"Lotta wants a pony"}', receiveCount: 1, sentTimestamp: SENT }]);

    const response = await handler(get('letters-view'));

    expect(JSON.parse((response as { body: string }).body).items).toEqual([
      { messageId: 'm3', type: null, letterId: null, receiveCount: 1, sentAt: '2026-12-01T18:00:00.000Z', error: expect.not.stringContaining('pony') },
    ]);
  });

  it('peeks at most limit messages', async () => {
    const peeked: number[] = [];

    await handlerWith([], peeked)(get('letters-view', { limit: '3' }));

    expect(peeked).toEqual([3]);
  });

  it.each([
    ['an unknown projection', 'letters-nowhere', undefined, 404],
    ['a malformed projection', 'Letters View!', undefined, 400],
    ['a limit over 10', 'letters-view', { limit: '11' }, 400],
  ])('answers %s with a 4xx and peeks nothing', async (_, projection, query, status) => {
    const peeked: number[] = [];

    const response = await httpHandler(createLogger('dead-letters', 'SILENT'), handlerWith([], peeked))(get(projection, query), lambdaContext());

    expect(response).toMatchObject({ statusCode: status });
    expect(peeked).toEqual([]);
  });
});
