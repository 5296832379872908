import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LetterView } from '../shared/domain/letter.js';
import { drain } from '../tools/drain.js';
import { expectedLetters, expectedSummary } from '../tools/expected-state.js';
import { localTargets } from '../tools/targets.js';
import { runWorkload } from '../tools/workload.js';
import { familiesOf, planWorkload } from '../tools/workload-plan.js';
import { seededRandom } from './faults.js';
import { bearer, ELF_SCOPE, familyTokens, requestToken } from './identity/token-client.js';
import { startChildRuntime, type ChildRuntime } from './testing/child-runtime.js';
import { eventually } from './testing/http-client.js';

/*
 * A crash, not a shutdown: SIGKILL the runtime (a child process, `make dev`'s entry point) in
 * the middle of a burst, start it again on the same DATA_DIR, let the clients retry what got no
 * answer, and every command ever answered 202 must be projected.
 */
const SEED = 1225;
const LETTERS = 120;
const KILL_AFTER_ANSWERS = 120;

let dataDir: string;
let runtime: ChildRuntime | undefined;

afterAll(async () => {
  await runtime?.stop('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the local runtime killed mid-burst', () => {
  it('projects every accepted command after a restart on the same DATA_DIR', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'workshop-crash-'));
    // One account sends the whole burst, far beyond a family's quota; the summary is compared with
    // an exact model, small groups included.
    const env = { DATA_DIR: dataDir, VISIBILITY_TIMEOUT_SECONDS: '1', COMMANDS_PER_MINUTE: '100000', ANALYTICS_MIN_CHILDREN: '1' };
    const plans = planWorkload({ letters: LETTERS, seed: SEED, random: seededRandom(SEED), maxFollowUps: 2 });
    runtime = await startChildRuntime(env);
    const first = runtime;
    let answers = 0;
    let killed: Promise<unknown> | undefined;

    const beforeCrash = await runWorkload(first.url, plans, {
      concurrency: 16,
      retryRate: 0,
      random: seededRandom(SEED + 1),
      tokens: await familyTokens(first.url, familiesOf(plans)),
      onExchange: () => {
        if (++answers === KILL_AFTER_ANSWERS) killed = first.stop('SIGKILL');
      },
    });
    await killed;
    const acceptedBeforeCrash = beforeCrash.flatMap((outcome) => (outcome.letterId ? [outcome.letterId] : []));

    runtime = await startChildRuntime(env);
    // The restarted runtime listens on another port, so it is another issuer: new tokens.
    const tokens = await familyTokens(runtime.url, familiesOf(plans));
    const outcomes = await runWorkload(runtime.url, plans, { concurrency: 16, retryRate: 0, random: seededRandom(SEED + 2), tokens }, beforeCrash);
    const targets = await localTargets(dataDir);
    try {
      await drain(targets);
    } finally {
      await targets.close();
    }
    const expected = expectedLetters(outcomes);
    const read = async (path: string, token: string) => (await fetch(`${runtime!.url}${path}`, { headers: bearer(token) })).json();
    const views = await Promise.all(expected.map(({ owner, view }) => read(`/letters/${view.letterId}`, tokens[owner]!) as Promise<LetterView>));
    const summary = await read('/analytics/summary', await requestToken(runtime.url, { sub: 'elf-1', scope: ELF_SCOPE }));

    expect(acceptedBeforeCrash.length).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERS / 3);
    expect(acceptedBeforeCrash.length).toBeLessThan(LETTERS);
    expect(expected).toHaveLength(LETTERS);
    expect(new Set(expected.map(({ view }) => view.letterId))).toEqual(new Set([...acceptedBeforeCrash, ...expected.map(({ view }) => view.letterId)]));
    views.forEach((view, i) => expect(view).toMatchObject(expected[i]!.view));
    expect(summary).toEqual(expectedSummary(expected));
  }, 240_000);
});
