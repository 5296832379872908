import { PublishCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asciiJson } from '../shared/adapters/sns-publisher.js';
import { startTestDatabase, type TestDatabase } from '../shared/testing/postgres.js';
import { anEvent } from '../shared/testing/letters.js';
import { drain } from '../tools/drain.js';
import type { QueuePair } from '../tools/targets.js';
import { ELF_SCOPE, FAMILY_SCOPE } from './identity/token-client.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { httpClient } from './testing/http-client.js';

/*
 * Logs carry ids, never a child's name or message, at every level: the whole pipeline runs at
 * DEBUG (on the PostgreSQL server DATABASE_URL names, when set) and every line written is
 * searched for the names and messages sent, in good requests, bad ones and bad events alike.
 */
const NAMES = ['Zephyrine', 'Quillon', 'Brannoch'];
const MESSAGES = ['Wishing for a purple walrus', 'Please bring Grandma a kazoo', 'Secret: I hid the cookies'];

let runtime: LocalRuntime;
let database: TestDatabase | undefined;
const lines: string[] = [];
const restore: (() => void)[] = [];

const capture = (stream: NodeJS.WriteStream) => {
  const write = stream.write.bind(stream);
  // Kept, not echoed: the test output stays readable.
  stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    void rest;
    return true;
  }) as typeof stream.write;
  restore.push(() => (stream.write = write as typeof stream.write));
};

const captureConsole = () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    restore.push(() => (console[method] = original));
  }
};

const letter = (name: string, message: string, childId = 'kid-1') => ({ child: { id: childId, name, age: 8, country: 'NO' }, toys: [{ name: 'Kite', quantity: 1 }], message });

beforeAll(async () => {
  capture(process.stdout);
  capture(process.stderr);
  captureConsole();
  if (process.env.DATABASE_URL) database = await startTestDatabase();
  runtime = await startLocalRuntime({
    port: 0,
    visibilityTimeoutSeconds: 1,
    logLevel: 'DEBUG',
    log: (line) => lines.push(JSON.stringify(line)),
    ...(database ? { databaseUrl: database.url } : {}),
  });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  await database?.stop();
  restore.reverse().forEach((undo) => undo());
});

describe('the logs of a local run', () => {
  it('hold none of the names and messages sent, at DEBUG, through good and bad requests and events', async () => {
    const family = httpClient(runtime.url, (await runtime.identity.mint({ sub: 'family-9', scope: FAMILY_SCOPE })).access_token);
    const elves = httpClient(runtime.url, (await runtime.identity.mint({ sub: 'elf-9', scope: ELF_SCOPE })).access_token);
    const submitted = await family.post('/letters', letter(NAMES[0]!, MESSAGES[0]!));
    const { letterId } = submitted.json as { letterId: string };
    await family.put(`/letters/${letterId}`, letter(NAMES[1]!, MESSAGES[1]!));
    // Refused requests: a name too long, a bad age beside a message, a body that is not JSON.
    const refused = [
      await family.post('/letters', letter(NAMES[2]!.repeat(30), MESSAGES[2]!)),
      await family.post('/letters', { ...letter(NAMES[2]!, MESSAGES[2]!), child: { id: 'kid-2', name: NAMES[2], age: NAMES[2], country: 'NO' } }),
      await family.request('POST', '/letters', `{"child":{"name":"${NAMES[2]}"`),
    ];
    // Events no consumer accepts, with a name or a message where a validator would quote it, fail their records everywhere.
    const good = anEvent('LetterSubmitted');
    const badEvents = [
      { ...good, data: { ...letter(NAMES[2]!, MESSAGES[2]!), surplus: MESSAGES[2] } },
      { ...good, type: MESSAGES[2] },
      { ...good, data: { ...letter(NAMES[2]!, MESSAGES[2]!), child: { id: 'kid-3', name: NAMES[2], age: NAMES[2], country: 'NO' } } },
    ];
    for (const bad of badEvents) {
      await runtime.clients.sns.send(
        new PublishCommand({ TopicArn: runtime.topology.topicArn, Message: asciiJson(bad), MessageAttributes: { type: { DataType: 'String', StringValue: 'LetterSubmitted' } } }),
      );
    }
    const pairs = Object.fromEntries(Object.values(runtime.topology.queues).map((q): [string, QueuePair] => [q.name, { name: q.name, url: q.url, dlqUrl: q.dlqUrl }]));
    await drain({ sqs: runtime.clients.sqs, queues: pairs }, { redrive: false }).catch(() => undefined);
    await family.get(`/letters/${letterId}`);
    await family.get('/children/kid-1/letters');
    await elves.get('/analytics/summary');
    expect((await family.delete('/children/kid-1')).status).toBe(202);
    await drain({ sqs: runtime.clients.sqs, queues: pairs }, { redrive: false }).catch(() => undefined);

    const log = lines.join('\n');
    expect(refused.map(({ status }) => status)).toEqual([400, 400, 400]);
    // The capture saw the pipeline at work (ids are logged), so an absence below means something.
    expect(log).toContain(letterId);
    expect(log).toContain('event applied');
    expect(log).toContain('record rejected');
    for (const secret of [...NAMES, ...MESSAGES]) expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
  }, 180_000);
});
