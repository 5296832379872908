import { PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishInput } from '../shared/adapters/sns-publisher.js';
import { wiring } from './wiring.js';
import { aLetter, anEvent, aLetterId } from '../shared/testing/letters.js';
import { matchRoute } from './api-gateway-event.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { eventually, httpClient, type HttpAnswer } from './testing/http-client.js';
import { openApiValidator } from './testing/openapi-validator.js';
import { ELF_SCOPE, FAMILY_SCOPE } from './identity/token-client.js';

// One runtime for the file: PGlite takes seconds to start on a small machine.
let runtime: LocalRuntime;
let api: ReturnType<typeof httpClient>;
let elves: ReturnType<typeof httpClient>;
let operations: ReturnType<typeof httpClient>;
const seen: { routeKey: string; answer: HttpAnswer }[] = [];

const letter = (childId: string, toys: [string, number][], country = 'SE') => ({
  child: { id: childId, name: childId.split('-')[0], age: 7, country },
  toys: toys.map(([name, quantity]) => ({ name, quantity })),
});

/**
 * Analytics are read as an elf, the rest as a family (or as `client`). Every function's answer is
 * kept, to be checked against the OpenAPI document at the end; API Gateway's own 401 is not one.
 */
const call = async (method: string, path: string, body?: unknown, headers?: Record<string, string>, client = path.startsWith('/analytics/') ? elves : api) => {
  const answer = await client.request(method, path, body, headers);
  const route = matchRoute(Object.keys(wiring.routes), method, path.split('?')[0]!);
  if (route && answer.status !== 401) seen.push({ routeKey: route.routeKey, answer });
  return answer;
};

const projected = (letterId: string, check: (json: Record<string, unknown>) => boolean = () => true, client = api) =>
  eventually(async () => {
    const answer = await client.get(`/letters/${letterId}`);
    return answer.status === 200 && check(answer.json as Record<string, unknown>) ? (answer.json as Record<string, unknown>) : undefined;
  });

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, analyticsMinChildren: 1, commandsPerMinute: 100_000, visibilityTimeoutSeconds: 1, logLevel: 'SILENT', log: () => undefined });
  api = httpClient(runtime.url, (await runtime.identity.mint({ sub: 'family-1', scope: FAMILY_SCOPE })).access_token);
  elves = httpClient(runtime.url, (await runtime.identity.mint({ sub: 'elf-1', scope: ELF_SCOPE })).access_token);
  operations = httpClient(runtime.url, (await runtime.identity.mint({ sub: 'ops-1', scope: 'santa/operations' })).access_token);
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

describe('the local runtime', () => {
  it('takes a letter through submit, amend and withdraw, and every query shows it', async () => {
    const submitted = await call('POST', '/letters', letter('lotta-2019', [['Wooden train', 1], ['Kite', 2]]), { 'x-correlation-id': 'e2e-1' });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('x-correlation-id')).toBe('e2e-1');
    const { letterId } = submitted.json as { letterId: string };
    expect(submitted.headers.get('location')).toBe(`/letters/${letterId}`);

    const view = await projected(letterId);
    expect(view).toMatchObject({ letterId, child: { id: 'lotta-2019', country: 'SE' }, status: 'active', message: null });

    expect((await call('PUT', `/letters/${letterId}`, letter('lotta-2019', [['Wooden train', 3]]))).status).toBe(202);
    await projected(letterId, (json) => (json.toys as { quantity: number }[])[0]?.quantity === 3);

    const top = await eventually(async () => {
      const answer = await call('GET', '/analytics/toys/top?country=se');
      const items = (answer.json as { items: { toy: string; quantity: number }[] }).items;
      return items.length === 1 && items[0]?.quantity === 3 ? items : undefined;
    });
    expect(top).toEqual([{ toy: 'wooden train', quantity: 3, letters: 1 }]);

    const page = await call('GET', '/children/lotta-2019/letters?limit=5');
    expect(page).toMatchObject({ status: 200, json: { items: [expect.objectContaining({ letterId })], nextCursor: null } });

    expect((await call('DELETE', `/letters/${letterId}`)).status).toBe(202);
    await projected(letterId, (json) => json.status === 'withdrawn');
    const summary = await eventually(async () => {
      const answer = await call('GET', '/analytics/summary');
      return (answer.json as { letters: { withdrawn: number } }).letters.withdrawn === 1 ? answer.json : undefined;
    });
    expect(summary).toEqual({ letters: { active: 0, withdrawn: 1 }, children: 0, toys: { distinct: 0, quantity: 0 }, countries: [] });

    const history = await eventually(async () => {
      const answer = await call('GET', `/letters/${letterId}/history`);
      const items = (answer.json as { items?: { type: string; correlationId: string }[] }).items ?? [];
      return items.length === 3 ? items : undefined;
    });
    expect(history.map((event) => event.type)).toEqual(['LetterSubmitted', 'LetterAmended', 'LetterWithdrawn']);
    expect(history[0]?.correlationId).toBe('e2e-1');
  });

  it('projects 60 letters posted at once, with exact analytics totals', async () => {
    const countries = ['NO', 'FI', 'DK'];
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => call('POST', '/letters', letter(`burst-${i}`, [['Snow globe', (i % 5) + 1], [`Puzzle ${i % 4}`, 1]], countries[i % 3]))),
    );
    expect(answers.every((answer) => answer.status === 202)).toBe(true);

    for (const answer of answers) await projected((answer.json as { letterId: string }).letterId);
    const expectedQuantity = Array.from({ length: 60 }, (_, i) => (i % 5) + 1 + 1).reduce((a, b) => a + b, 0);
    const summary = await eventually(async () => {
      const json = (await call('GET', '/analytics/summary')).json as { letters: { active: number } };
      return json.letters.active === 60 ? json : undefined;
    });
    expect(summary).toMatchObject({ children: 60, toys: { distinct: 5, quantity: expectedQuantity } });
    const top = await call('GET', '/analytics/toys/top?limit=1');
    expect(top.json).toEqual({ items: [{ toy: 'snow globe', quantity: 180, letters: 60 }] });
  });

  it('answers the contract errors over HTTP and 404 for routes that do not exist', async () => {
    expect((await call('POST', '/letters', '{"child":')).json).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    expect((await call('POST', '/letters', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await call('POST', '/letters', { ...letter('a', [['b', 1]]), message: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await call('POST', '/letters', letter('a', [['b', 0]]))).json).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ path: 'toys.0.quantity', message: expect.any(String) }] },
    });
    expect((await call('GET', `/letters/${aLetterId(999)}`)).status).toBe(404);
    expect((await call('GET', '/letters/not-an-id')).status).toBe(400);
    expect((await call('GET', '/children/nobody/letters?limit=0')).status).toBe(400);
    expect((await call('GET', '/analytics/toys/top?country=Sweden')).status).toBe(400);
    expect(await api.get('/reindeer')).toMatchObject({ status: 404, json: { message: 'Not Found' } });
    expect(await api.request('PATCH', '/letters')).toMatchObject({ status: 404 });
  });

  it('moves a poison message to the DLQ after maxReceiveCount receives while its neighbours are projected', async () => {
    const good = anEvent('LetterSubmitted', { letterId: aLetterId(501), letter: aLetter() });
    const poison = { ...anEvent('LetterSubmitted', { letterId: aLetterId(502), letter: aLetter() }), schemaVersion: 3 };
    const neighbour = anEvent('LetterSubmitted', { letterId: aLetterId(503), letter: aLetter() });
    for (const event of [good, poison, neighbour]) {
      await runtime.clients.sns.send(new PublishCommand(publishInput(runtime.topology.topicArn, event as typeof good)));
    }

    // Published straight to the topic, so read as an elf: elves read any letter.
    await projected(aLetterId(501), undefined, elves);
    await projected(aLetterId(503), undefined, elves);
    const queue = runtime.topology.queues['letters-view']!;
    const dlqDepth = await eventually(
      async () => {
        const { Attributes } = await runtime.clients.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: queue.dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
        );
        return Attributes?.ApproximateNumberOfMessages === '1' ? 1 : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(dlqDepth).toBe(1);
    expect((await elves.get(`/letters/${aLetterId(502)}`)).status).toBe(404);
  });

  it("erases a child: 202, then the child's letters are gone", async () => {
    const { letterId } = (await call('POST', '/letters', letter('erased-2019', [['Kite', 1]]))).json as { letterId: string };
    await projected(letterId);

    const erased = await call('DELETE', '/children/erased-2019');

    expect(erased).toMatchObject({ status: 202, json: { childId: 'erased-2019', status: 'accepted' } });
    await eventually(async () => ((await call('GET', `/letters/${letterId}`)).status === 404 ? true : undefined));
    expect((await call('GET', '/children/erased-2019/letters')).json).toEqual({ items: [], nextCursor: null });
  });

  it('shows operations the pipeline and a dead-letter queue, and redrives it', async () => {
    const pipeline = await call('GET', '/operations/queues', undefined, undefined, operations);
    expect(pipeline.status).toBe(200);
    expect((pipeline.json as { items: { projection: string }[] }).items.map((item) => item.projection).sort()).toEqual(['letters-analytics', 'letters-archive', 'letters-view']);

    expect((await call('GET', '/operations/queues/letters-view/dead-letters', undefined, undefined, operations)).status).toBe(200);
    expect((await call('POST', '/operations/queues/letters-view/redrive', undefined, undefined, operations)).status).toBe(202);
  });

  it('serves an OpenAPI 3.1 document covering exactly the routes, and every answer above conforms to it', async () => {
    const document = (await api.get('/openapi.json')).json as { openapi: string; paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(document.openapi).toBe('3.1.0');
    expect(documented.sort()).toEqual(Object.keys(wiring.routes).sort());

    const validate = openApiValidator(document as never);
    const problems = seen.flatMap(({ routeKey, answer }) => validate(routeKey, answer.status, answer.json));
    expect(problems).toEqual([]);
    expect(new Set(seen.map(({ routeKey }) => routeKey))).toEqual(new Set(Object.keys(wiring.routes)));
  });
});
