import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLetterId } from '../../shared/testing/letters.js';
import { letterBody } from '../../shared/testing/letter-bodies.js';
import type { Health } from '../health.js';
import { startLocalRuntime, type LocalRuntime } from '../runtime.js';
import { wiring } from '../wiring.js';
import { bearer, ELF_SCOPE, FAMILY_SCOPE } from './token-client.js';

const OPERATIONS_ROUTES = ['GET /operations/queues', 'GET /operations/queues/{projection}/dead-letters', 'POST /operations/queues/{projection}/redrive'];

/*
 * Every route of the wiring, behind the local API Gateway front, with every kind of bad token:
 * API Gateway's own 401 or 403, no function invoked, nothing published, nothing stored.
 */
let runtime: LocalRuntime;
let probeQueueUrl: string;
const invoked: string[] = [];

const nowSeconds = () => Math.floor(Date.now() / 1000);
const good = (): JWTPayload => ({
  iss: runtime.identity.issuer, aud: runtime.identity.audience, sub: 'family-1', scope: FAMILY_SCOPE, iat: nowSeconds() - 5, exp: nowSeconds() + 300,
});
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The bad tokens, each with the status API Gateway answers for it on a route that needs `scopes`. */
const badTokens = async (scopes: string[]): Promise<[string, string | undefined, 401 | 403][]> => {
  const { privateKey } = await generateKeyPair('RS256');
  const kid = runtime.identity.jwks.keys[0]!.kid!;
  const missingScope = scopes.includes(FAMILY_SCOPE) ? 'santa/nothing' : FAMILY_SCOPE;
  return [
    ['no token', undefined, 401],
    ['an expired token', await runtime.identity.sign({ ...good(), iat: nowSeconds() - 120, exp: nowSeconds() - 60 }), 401],
    ['a token of another issuer', await runtime.identity.sign({ ...good(), iss: 'https://issuer.example' }), 401],
    ['a token for another audience', await runtime.identity.sign({ ...good(), aud: 'another-api' }), 401],
    ['a forged signature', await new SignJWT(good()).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey), 401],
    ['alg none', `${base64url({ alg: 'none', kid })}.${base64url(good())}.`, 401],
    ['a token without the route scope', await runtime.identity.sign({ ...good(), scope: missingScope }), 403],
  ];
};

const requestFor = (routeKey: string) => {
  const [method = 'GET', path = ''] = routeKey.split(' ');
  const url = path.replace('{letterId}', aLetterId(7)).replace('{childId}', 'lotta-2019');
  const body = method === 'POST' || method === 'PUT' ? JSON.stringify(letterBody()) : undefined;
  return { method, url, body };
};

const send = async (routeKey: string, token?: string) => {
  const { method, url, body } = requestFor(routeKey);
  const response = await fetch(`${runtime.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
    ...(body ? { body } : {}),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as unknown };
};

beforeAll(async () => {
  runtime = await startLocalRuntime({
    port: 0,
    logLevel: 'SILENT',
    log: (line) => void (typeof line.function === 'string' && line.function !== 'migrate' && invoked.push(line.function)),
  });
  // A queue that hears everything the topic publishes, filter or not.
  const { QueueUrl } = await runtime.clients.sqs.send(new CreateQueueCommand({ QueueName: 'access-probe' }));
  const { Attributes } = await runtime.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await runtime.clients.sns.send(
    new SubscribeCommand({ TopicArn: runtime.topology.topicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn!, Attributes: { RawMessageDelivery: 'true' } }),
  );
  probeQueueUrl = QueueUrl!;
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

describe('the API behind the local JWT authorizer', () => {
  for (const [routeKey, route] of Object.entries(wiring.routes)) {
    it(`${routeKey} refuses every bad token as API Gateway does, invoking nothing`, async () => {
      for (const [what, token, status] of await badTokens(route.scopes)) {
        const answer = await send(routeKey, token);

        expect({ what, status: answer.status, json: answer.json }).toEqual({ what, status, json: { message: status === 401 ? 'Unauthorized' : 'Forbidden' } });
        expect(answer.headers.get('content-type')).toBe('application/json');
        expect(answer.headers.get('apigw-requestid')).toEqual(expect.any(String));
        if (status === 401) expect(answer.headers.get('www-authenticate'), what).toMatch(/^Bearer/u);
      }
      expect(invoked).toEqual([]);
    });
  }

  it("answers 403 to an elf's token on every family-only route and to a family's token on analytics", async () => {
    const elf = (await runtime.identity.mint({ sub: 'elf-1', scope: ELF_SCOPE })).access_token;
    const family = (await runtime.identity.mint({ sub: 'family-1', scope: FAMILY_SCOPE })).access_token;
    const familyOnly = Object.entries(wiring.routes).filter(([, route]) => !route.scopes.includes(ELF_SCOPE)).map(([key]) => key);
    const elvesOnly = Object.entries(wiring.routes).filter(([, route]) => !route.scopes.includes(FAMILY_SCOPE)).map(([key]) => key);

    expect(familyOnly).toEqual(expect.arrayContaining(['POST /letters', 'PUT /letters/{letterId}', 'DELETE /letters/{letterId}', 'GET /children/{childId}/letters']));
    expect(elvesOnly).toEqual(['GET /analytics/toys/top', 'GET /analytics/summary', ...OPERATIONS_ROUTES]);
    for (const routeKey of familyOnly) expect(await send(routeKey, elf), routeKey).toMatchObject({ status: 403, json: { message: 'Forbidden' } });
    for (const routeKey of elvesOnly) expect(await send(routeKey, family), routeKey).toMatchObject({ status: 403, json: { message: 'Forbidden' } });
    expect(invoked).toEqual([]);
  });

  it('answers 403 to an operations token on every letter and analytics route, and to elves and families on the operations routes', async () => {
    const operations = (await runtime.identity.mint({ sub: 'ops-1', scope: 'santa/operations' })).access_token;
    const elf = (await runtime.identity.mint({ sub: 'elf-1', scope: ELF_SCOPE })).access_token;
    const others = Object.keys(wiring.routes).filter((routeKey) => !OPERATIONS_ROUTES.includes(routeKey));

    for (const routeKey of others) expect(await send(routeKey, operations), routeKey).toMatchObject({ status: 403, json: { message: 'Forbidden' } });
    for (const routeKey of OPERATIONS_ROUTES) expect(await send(routeKey, elf), routeKey).toMatchObject({ status: 403, json: { message: 'Forbidden' } });
    expect(invoked).toEqual([]);
  });

  it('published nothing and stored nothing for any refused request', async () => {
    const { Messages = [] } = await runtime.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: probeQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const health = (await (await fetch(`${runtime.url}/health`)).json()) as Health;
    const elf = (await runtime.identity.mint({ sub: 'elf-1', scope: ELF_SCOPE })).access_token;
    const summary = await send('GET /analytics/summary', elf);
    const items = await Promise.all(
      Object.values(runtime.tables).map(async (TableName) => (await runtime.clients.dynamo.send(new ScanCommand({ TableName }))).Count),
    );

    expect(Messages).toEqual([]);
    expect(items).toEqual(Object.values(runtime.tables).map(() => 0));
    expect(Object.values(health.queues).map((queue) => [queue.depth.total, queue.dlqDepth])).toEqual(Object.keys(wiring.consumers).map(() => [0, 0]));
    expect(summary).toMatchObject({ status: 200, json: { letters: { active: 0, withdrawn: 0 }, children: 0 } });
  });

  it('lets a good token through to the function, and serves the issuer paths without one', async () => {
    const family = (await runtime.identity.mint({ sub: 'family-1', scope: FAMILY_SCOPE })).access_token;
    const discovery = await fetch(`${runtime.url}/.well-known/openid-configuration`);

    expect(await send('GET /letters/{letterId}', family)).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
    expect(invoked).toContain('get-letter');
    expect(await discovery.json()).toMatchObject({ issuer: runtime.url, jwks_uri: `${runtime.url}/.well-known/jwks.json` });
    expect((await fetch(`${runtime.url}/.well-known/jwks.json`)).status).toBe(200);
    expect((await fetch(`${runtime.url}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sub":"x"}' })).status).toBe(400);
  });
});
