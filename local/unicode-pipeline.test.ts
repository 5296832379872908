import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSchema } from '../openapi/client.js';
import { isContentEvent, parseLetterEvent, type LetterChange } from '../shared/domain/events.js';
import { Letter } from '../shared/domain/letter.js';
import { normalizeToyName } from '../shared/domain/toy-name.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { apiClients, type ApiClients } from './testing/api-client.js';
import { ELF_SCOPE, FAMILY_SCOPE, requestToken } from './identity/token-client.js';
import { eventually } from './testing/http-client.js';

/*
 * The text rules end to end, through the local runtime: what the front and the functions answer
 * for the strings and requests that used to slip through, then a property over the whole
 * Unicode range: every letter answered 202 ends in both read stores and the event log, every
 * rejected one publishes nothing, and no message is left in a DLQ.
 */
let runtime: LocalRuntime;
let api: ApiClients;
let elves: ApiClients;
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

/** Reads what the topic published so far into `published`, through a queue subscribed with no filter. */
const drainAudit = async () => {
  for (;;) {
    // Received once and never deleted: the queue's hour-long visibility timeout keeps each one out of later reads.
    const { Messages = [] } = await runtime.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: auditQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return published;
    published.push(...Messages);
  }
};

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, analyticsMinChildren: 1, visibilityTimeoutSeconds: 1, logLevel: 'SILENT', log: () => undefined });
  api = apiClients(runtime.url, await requestToken(runtime.url, { sub: 'family-unicode', scope: FAMILY_SCOPE }));
  elves = apiClients(runtime.url, await requestToken(runtime.url, { sub: 'elf-unicode', scope: ELF_SCOPE }));
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
      const { data } = await elves.typed.GET('/analytics/toys/top', { params: { query: { country: 'GB' } } });
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

// Pieces of text from every corner that has broken a store or a parser: lone surrogates,
// noncharacters, C0/C1 controls, combining marks, emoji sequences, full-width and compatibility
// forms, zero-width and exotic white space; then graphemes and code points of the whole range.
const VALID_PIECES = ['Kite', 'train', 'Lego', 'lego', 'Café', 'Cafe\u0301', 'sled', 'a', 'Z', '\u0301', '\u0308', '\u20dd', '🎅', '🎅🏽', '👨‍👩‍👧', '🇸🇪', 'Ｌ', 'ＥＧＯ', '｡', 'ﬀ', 'ß', 'İ', 'ς', '\u200b', '\u200d', '\ufeff', '\u00a0', '\u3000', ' ', 'ﷺ', '\u2028', '\u202e', '\ufffd', '\u{10000}', '\u{e0001}'];
const INVALID_PIECES = ['\ud800', '\udbff', '\udc00', '\udfff', '\uffff', '\ufffe', '\ufdd0', '\ufdef', '\u{1fffe}', '\u{10ffff}', '\u0000', '\u001b', '\u007f', '\u0085', '\u009f', '\t', '\n', '\r'];
const validPiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VALID_PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
);
const anyPiece = fc.oneof(
  { weight: 3, arbitrary: validPiece },
  { weight: 1, arbitrary: fc.constantFrom(...INVALID_PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
);
const textOf = (piece: fc.Arbitrary<string>, maxPieces: number) => fc.array(piece, { minLength: 1, maxLength: maxPieces }).map((pieces) => pieces.join(''));
const anyText = (maxPieces: number) => fc.oneof(textOf(validPiece, maxPieces), textOf(anyPiece, maxPieces));

// Countries the tests above do not use, so their analytics can be compared exactly.
const COUNTRIES = ['FI', 'fi', 'NO', 'DK', 'dk', 'IS', 'EE', 'ſe', 'XX', 'ıs', 'Ｆi'];
const anyLetter = fc.record({
  name: anyText(4),
  country: fc.constantFrom(...COUNTRIES),
  toys: fc.array(fc.record({ name: anyText(4), quantity: fc.integer({ min: 1, max: 99 }) }), { minLength: 1, maxLength: 3 }),
  message: fc.option(anyText(6), { nil: undefined }),
});

const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
// encodeURIComponent throws on a lone surrogate: an independent test of well-formedness.
const isWellFormed = (text: string) => {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};
/** What every stored string must be, whatever was sent: checked independently of the schema. */
const expectStoredText = (text: string, { lines }: { lines: boolean }) => {
  expect(isWellFormed(text), JSON.stringify(text)).toBe(true);
  expect(text.normalize('NFC')).toBe(text);
  expect(NONCHARACTER.test(text)).toBe(false);
  expect((lines ? /(?![\t\n\r])\p{Cc}/u : /\p{Cc}/u).test(text)).toBe(false);
};

interface Accepted {
  letterId: string;
  letter: Letter;
}

describe('the local runtime, given letters drawn from the whole Unicode range', () => {
  it('projects every letter it accepts into both read stores and the event log, publishes nothing for the rest, and leaves every DLQ empty', async () => {
    const accepted: Accepted[] = [];
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(anyLetter, async ({ name, country, toys, message }) => {
        const body = letter({ toys, ...(message === undefined ? {} : { message }) }, { id: `p-${accepted.length + rejected}`, name, country });
        const expected = v.safeParse(Letter, body);

        const answer = await post(body);

        if (answer.status === 202) {
          expect(expected.success, JSON.stringify(body)).toBe(true);
          accepted.push({ letterId: (answer.json as { letterId: string }).letterId, letter: expected.output as Letter });
        } else {
          expect(answer).toMatchObject({ status: 400, json: { error: { code: 'VALIDATION_FAILED' } } });
          expect(expected.success, JSON.stringify(body)).toBe(false);
          rejected += 1;
        }
      }),
      { seed: 2412, numRuns: 120 },
    );
    // Both paths must be taken, or the property proves nothing.
    expect(accepted.length).toBeGreaterThan(15);
    expect(rejected).toBeGreaterThan(15);

    for (const { letterId, letter: sent } of accepted) {
      const view = await eventually(async () => (await api.typed.GET('/letters/{letterId}', { params: { path: { letterId } } })).data);
      expect(view).toMatchObject({ letterId, child: sent.child, toys: sent.toys, message: sent.message ?? null, status: 'active' });
      for (const text of [view.child.name, ...view.toys.map((toy) => toy.name)]) expectStoredText(text, { lines: false });
      if (view.message !== null) expectStoredText(view.message, { lines: true });
      const history = await eventually(async () => {
        const { data } = await api.typed.GET('/letters/{letterId}/history', { params: { path: { letterId } } });
        return data?.items.length === 1 ? data.items : undefined;
      });
      expect(history[0]).toMatchObject({ type: 'LetterSubmitted', letterId, data: { child: sent.child, toys: sent.toys } });
    }

    // PostgreSQL: per country, the toys grouped by their key exactly as the accepted letters add up.
    for (const code of new Set(accepted.map(({ letter: sent }) => sent.child.country))) {
      const expected = new Map<string, { toy: string; quantity: number; letters: number }>();
      for (const { letter: sent } of accepted.filter(({ letter: l }) => l.child.country === code)) {
        for (const toy of sent.toys) {
          const key = normalizeToyName(toy.name);
          const entry = expected.get(key) ?? { toy: key, quantity: 0, letters: 0 };
          expected.set(key, { toy: key, quantity: entry.quantity + toy.quantity, letters: entry.letters + 1 });
        }
      }
      const byToy = (items: { toy: string }[]) => [...items].sort((a, b) => (a.toy < b.toy ? -1 : a.toy > b.toy ? 1 : 0));
      const top = await eventually(async () => {
        const { data } = await elves.typed.GET('/analytics/toys/top', { params: { query: { country: code, limit: '100' } } });
        return data && data.items.length === expected.size && data.items.reduce((sum, item) => sum + item.quantity, 0) === [...expected.values()].reduce((sum, item) => sum + item.quantity, 0)
          ? data.items
          : undefined;
      });
      expect(byToy(top), code).toEqual(byToy([...expected.values()]));
    }

    // The topic carried exactly one event per accepted letter (children p-…), each body plain ASCII.
    const ofProperty = (message: Message) => {
      const event = parseLetterEvent(message.Body!);
      return isContentEvent(event) && event.data.child.id.startsWith('p-');
    };
    const events = await eventually(async () => {
      const all = (await drainAudit()).filter(ofProperty);
      return all.length >= accepted.length ? all : undefined;
    });
    expect(events.map((message) => (parseLetterEvent(message.Body!) as LetterChange).letterId).sort()).toEqual(accepted.map(({ letterId }) => letterId).sort());
    for (const message of published) expect(message.Body).toMatch(/^[\x20-\x7e]*$/u);

    for (const queue of Object.values(runtime.topology.queues)) {
      const depth = async (url: string) => {
        const { Attributes = {} } = await runtime.clients.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
        );
        return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
      };
      await eventually(async () => ((await depth(queue.url)) === 0 ? true : undefined));
      expect(await depth(queue.dlqUrl), queue.dlqName).toBe(0);
    }
  }, 240_000);
});
