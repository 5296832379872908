import { PublishCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LetterView } from '../shared/domain/letter.js';
import { applyLetterEvent, toLetterView, type LetterState } from '../shared/domain/letter-projection.js';
import type { LetterChange } from '../shared/domain/events.js';
import { checkAnalytics } from '../shared/adapters/analytics-check.js';
import { createSql } from '../shared/adapters/postgres-client.js';
import { dlqReport } from '../tools/dlq-report.js';
import { redrive } from '../tools/redrive.js';
import { drain, type DrainResult } from '../tools/drain.js';
import { erasedLetterIdsOf, expectedLetters, expectedSummary, expectedTopToys, type ErasedChild, type ExpectedLetter } from '../tools/expected-state.js';
import type { QueuePair } from '../tools/targets.js';
import { runWorkload, type LetterOutcome } from '../tools/workload.js';
import { commandCount, familiesOf, planWorkload, type LetterBody, type LetterPlan } from '../tools/workload-plan.js';
import { seededRandom, type FaultOptions } from './faults.js';
import type { Health } from './health.js';
import { bearer, ELF_SCOPE, familyTokens, requestToken } from './identity/token-client.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { eventually } from './testing/http-client.js';

/*
 * Nothing lost under faults: every projector fails a quarter of its records, a fifth of the
 * batches arrive twice and deliveries are delayed at random (so they overtake each other).
 * After a drain (with redrives of whatever reached a DLQ), both read stores must equal the
 * state the accepted commands imply. Then each family erases a child (twice: a retry), amends
 * some of the erased letters and sends the erased child a new letter; after a second drain
 * the stores must show exactly the letters the model keeps.
 */
const SEED = 20261224;
const FAULTS: FaultOptions = { failureRate: 0.25, duplicateRate: 0.2, maxDelayMs: 25, seed: SEED };
// CHAOS_LETTERS (340 or more) makes a larger run (`make chaos-large`); the default keeps CI well under a minute.
const LETTERS = Number(process.env.CHAOS_LETTERS ?? 340);
const SETUP_TIMEOUT_MS = 240_000 * Math.max(1, LETTERS / 340);

let runtime: LocalRuntime;
let outcomes: LetterOutcome[];
let expected: ExpectedLetter[];
let erasedIds: Set<string>;
let erasedChildren: ErasedChild[];
let drained: DrainResult;
// Each family sends its letters with its own token and reads them with it; elves read the analytics.
let tokens: Record<string, string>;
let elfToken: string;
const plans = planWorkload({ letters: LETTERS, seed: SEED, random: seededRandom(SEED) });

const getJson = async <T>(path: string, token?: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${runtime.url}${path}`, { headers: token ? bearer(token) : {} });
  return { status: response.status, body: (await response.json()) as T };
};

/** Runs check over items, a few at a time, so 2 cores are not flooded with sockets. */
const forEachLimited = async <T>(items: readonly T[], check: (item: T) => Promise<void>, limit = 8) => {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await check(items[next++]!);
  }));
};


const queuePairs = (): Record<string, QueuePair> =>
  Object.fromEntries(Object.values(runtime.topology.queues).map((queue) => [queue.name, { name: queue.name, url: queue.url, dlqUrl: queue.dlqUrl }]));

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, analyticsMinChildren: 1, commandsPerMinute: 100_000, visibilityTimeoutSeconds: 1, logLevel: 'SILENT', log: () => {}, faults: FAULTS });
  tokens = await familyTokens(runtime.url, familiesOf(plans));
  elfToken = await requestToken(runtime.url, { sub: 'elf-1', scope: ELF_SCOPE });
  outcomes = await runWorkload(runtime.url, plans, { concurrency: 16, retryRate: 0.15, random: seededRandom(SEED + 1), tokens });
  drained = await drain({ sqs: runtime.clients.sqs, queues: queuePairs() });
  await eraseAndWriteAgain();
  const again = await drain({ sqs: runtime.clients.sqs, queues: queuePairs() });
  drained = { rounds: drained.rounds + again.rounds, durationMs: drained.durationMs + again.durationMs, redriven: drained.redriven };
  expected = expectedLetters(outcomes).filter(({ view }) => !erasedIds.has(view.letterId));
}, SETUP_TIMEOUT_MS);

const firstBodyOf = (plan: LetterPlan): LetterBody => (plan.commands[0] as { body: LetterBody }).body;

/** Erases each family's first child, then amends erased letters and writes to the erased children again. */
const eraseAndWriteAgain = async () => {
  erasedChildren = familiesOf(plans).map((family) => ({ owner: family, childId: `${family}-child-0` }));
  for (const { owner, childId } of erasedChildren) {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await fetch(`${runtime.url}/children/${childId}`, { method: 'DELETE', headers: { ...bearer(tokens[owner]!), 'idempotency-key': `erase-${childId}` } });
      expect(response.status).toBe(202);
    }
  }
  // Later than every erasure by the runtime's own clock, so "submitted after" is unambiguous.
  await new Promise((resolve) => setTimeout(resolve, 5));
  // The letters sent so far that the erasures remove; the letters sent from here on are kept.
  erasedIds = erasedLetterIdsOf(outcomes, erasedChildren);
  for (const outcome of outcomes.filter(({ letterId }) => letterId !== undefined && erasedIds.has(letterId)).slice(0, 12)) {
    const response = await fetch(`${runtime.url}/letters/${outcome.letterId}`, {
      method: 'PUT',
      headers: { ...bearer(tokens[outcome.plan.family]!), 'content-type': 'application/json' },
      body: JSON.stringify(firstBodyOf(outcome.plan)),
    });
    expect(response.status).toBe(202);
  }
  const anew: LetterPlan[] = erasedChildren.map(({ owner, childId }, i) => ({
    family: owner,
    idempotencyKey: `after-erasure-${i}`,
    commands: [{ kind: 'submit', body: { ...firstBodyOf(plans[0]!), child: { id: childId, name: 'Child 0', age: 0, country: 'SE' } } }],
  }));
  outcomes.push(...(await runWorkload(runtime.url, anew, { concurrency: 4, retryRate: 0, random: seededRandom(SEED + 2), tokens })));
};

afterAll(async () => {
  await runtime?.stop();
});

describe('the local runtime under injected faults', () => {
  it('accepts every one of over 1,000 commands on over 300 letters', () => {
    const sent = outcomes.reduce((sum, outcome) => sum + outcome.accepted.length, 0);

    expect(commandCount(plans)).toBeGreaterThanOrEqual(1000);
    expect(sent).toBeGreaterThan(commandCount(plans)); // client retries come on top
    expect(outcomes.filter((outcome) => outcome.unanswered)).toEqual([]);
    // Every planned letter, less the erased ones, plus one new letter per erased child.
    expect(expected).toHaveLength(LETTERS - erasedIds.size + erasedChildren.length);
    console.info(`chaos: ${sent} commands accepted on ${LETTERS} letters; drained in ${drained.rounds} rounds, ${drained.durationMs} ms; redriven ${JSON.stringify(drained.redriven)}`);
  });

  it('projects every letter once, as its last accepted command left it', { timeout: SETUP_TIMEOUT_MS }, async () => {
    await forEachLimited(expected, async ({ owner, view }) => {
      const { status, body } = await getJson<LetterView>(`/letters/${view.letterId}`, tokens[owner]!);
      expect(status).toBe(200);
      expect(body).toMatchObject(view);
    });
  });

  it('forgets every erased letter in the letters view and the event log, for the family and for elves, amendments after the erasure included', { timeout: SETUP_TIMEOUT_MS }, async () => {
    const erased = outcomes.filter(({ letterId }) => letterId !== undefined && erasedIds.has(letterId));

    expect(erased.length).toBeGreaterThan(10);
    await forEachLimited(erased, async (outcome) => {
      for (const token of [tokens[outcome.plan.family]!, elfToken]) {
        expect((await getJson(`/letters/${outcome.letterId}`, token)).status).toBe(404);
        expect((await getJson(`/letters/${outcome.letterId}/history`, token)).status).toBe(404);
      }
    });
  });

  it('projects each letter exactly as its archived events fold, an event per accepted command', { timeout: SETUP_TIMEOUT_MS }, async () => {
    await forEachLimited(outcomes.filter(({ letterId }) => letterId === undefined || !erasedIds.has(letterId)), async (outcome) => {
      const token = tokens[outcome.plan.family]!;
      const [{ body: history }, { body: view }] = await Promise.all([
        getJson<{ items: LetterChange[] }>(`/letters/${outcome.letterId}/history`, token),
        getJson<LetterView>(`/letters/${outcome.letterId}`, token),
      ]);
      const folded = history.items.reduce<LetterState | undefined>(applyLetterEvent, undefined);
      // A submit sent again with its Idempotency-Key is answered from the first one and publishes nothing.
      const publishing = outcome.accepted.filter((command, i, all) => command.kind !== 'submit' || all.findIndex((c) => c.kind === 'submit') === i);

      expect(new Set(history.items.map((event) => event.eventId)).size).toBe(publishing.length);
      expect(history.items.map((event) => event.type)).toEqual(
        publishing.map((command) => ({ submit: 'LetterSubmitted', amend: 'LetterAmended', withdraw: 'LetterWithdrawn' })[command.kind]),
      );
      expect(view).toEqual(folded && toLetterView(folded));
    });
  });

  it("lists each child's letters, none missing and none doubled", async () => {
    // A child is one family's: listed with that family's token.
    const byChild = new Map<string, ExpectedLetter[]>();
    for (const letter of expected) {
      const key = JSON.stringify([letter.owner, letter.view.child.id]);
      byChild.set(key, [...(byChild.get(key) ?? []), letter]);
    }
    await forEachLimited([...byChild.values()], async (letters) => {
      const { owner, view } = letters[0]!;
      const { body } = await getJson<{ items: LetterView[]; nextCursor: string | null }>(`/children/${view.child.id}/letters?limit=100`, tokens[owner]!);
      expect(body.nextCursor).toBeNull();
      expect(body.items.map((item) => item.letterId).sort()).toEqual(letters.map((letter) => letter.view.letterId).sort());
    });
  });

  it('answers analytics totals exactly as computed from the accepted commands, erased letters left out', async () => {
    const [summary, top, topSe] = await Promise.all([
      getJson('/analytics/summary', elfToken),
      getJson('/analytics/toys/top?limit=100', elfToken),
      getJson('/analytics/toys/top?limit=5&country=SE', elfToken),
    ]);

    expect(summary).toEqual({ status: 200, body: expectedSummary(expected) });
    expect(top).toEqual({ status: 200, body: { items: expectedTopToys(expected, { limit: 100 }) } });
    expect(topSe).toEqual({ status: 200, body: { items: expectedTopToys(expected, { limit: 5, country: 'SE' }) } });
  });

  it('keeps the analytics aggregates equal to a scan of the letters', async () => {
    const sql = createSql({ url: runtime.standIns.databaseUrl });
    const check = await checkAnalytics(sql).finally(() => sql.end());

    expect(check).toMatchObject({ lettersNotCounted: 0, differences: [] });
  });

  it('reports empty queues and DLQs on /health once drained', async () => {
    const { status, body } = await getJson<Health>('/health');

    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    for (const queue of Object.values(body.queues)) {
      expect(queue).toEqual({ oldestMessageAgeSeconds: 0, depth: { visible: 0, inFlight: 0, total: 0 }, dlqDepth: 0 });
    }
  });

  it('sends a record that is not JSON to every DLQ, shows it in the DLQ report and /health, and redrives it', async () => {
    await runtime.clients.sns.send(
      new PublishCommand({
        TopicArn: runtime.topology.topicArn,
        Message: '{"type":"LetterSubmitted", oops',
        MessageAttributes: { type: { DataType: 'String', StringValue: 'LetterSubmitted' } },
      }),
    );

    const health = await eventually(
      async () => {
        const { body } = await getJson<Health>('/health');
        return Object.values(body.queues).every((queue) => queue.dlqDepth === 1 && queue.depth.total === 0) ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const targets = { sqs: runtime.clients.sqs, queues: queuePairs(), messagingEndpoint: runtime.standIns.messagingEndpoint, mode: 'local' as const };
    const report = await dlqReport(targets);
    const moved = await redrive(targets, 'letters-view');

    expect(health.status).toBe('degraded');
    expect(report.map(({ queue, depth, sample }) => ({ queue, depth, types: sample.map((message) => message.type) }))).toEqual(
      Object.keys(runtime.topology.queues).map((queue) => ({ queue, depth: 1, types: ['LetterSubmitted (body not JSON)'] })),
    );
    // At least maxReceiveCount receives happened before the move (fauxqs counts the receive that moves it too).
    for (const count of report.flatMap((entry) => entry.sample.map((message) => message.receiveCount))) expect(count).toBeGreaterThanOrEqual(5);
    expect(moved).toEqual({ queue: 'letters-view', moved: 1, skipped: [], remaining: 0 });
  }, 90_000);
});
