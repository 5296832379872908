import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterIncludes } from '../domain/version-inclusion.js';
import { writeVersionOf, type LetterWriteVersion } from '../domain/write-version.js';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import { A_FAMILY, aLetterId, minutesLater } from '../testing/letters.js';
import { aLettersStore, amended, erased, submitted } from '../testing/letters-view.js';

let dynamo: RunningDynalite;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

const versionOf = (event: Parameters<typeof writeVersionOf>[0]) => writeVersionOf(event) as LetterWriteVersion;

describe('the letters view read with its progress', () => {
  it('tells from the stored item which events of the letter it includes', async () => {
    const { store } = await aLettersStore(dynamo);
    const [first, second, third] = [submitted(aLetterId(1), 0, 1), amended(aLetterId(1), 1, 2), amended(aLetterId(1), 2, 3)];

    await store.apply([second]);
    const afterAmendment = await store.observe(aLetterId(1));
    await store.apply([first]);
    const afterBoth = await store.observe(aLetterId(1));

    expect(afterAmendment.letter).toMatchObject({ ownerId: A_FAMILY, view: { toys: [{ name: 'Toy 2', quantity: 1 }] } });
    expect([first, second, third].map((event) => letterIncludes(afterAmendment.progress, versionOf(event)))).toEqual([false, true, false]);
    expect([first, second, third].map((event) => letterIncludes(afterBoth.progress, versionOf(event)))).toEqual([true, true, false]);
  });

  it('answers no letter and no progress for a letter never seen, and a tombstone that includes everything for an erased one', async () => {
    const { store } = await aLettersStore(dynamo);
    await store.apply([submitted(aLetterId(1), 0, 1), erased('lotta-2019', 5, 2)]);

    expect(await store.observe(aLetterId(2))).toEqual({ letter: undefined, progress: undefined });
    expect(await store.observe(aLetterId(1))).toEqual({ letter: undefined, progress: { erasedAt: minutesLater(5) } });
  });

  it("lists a child's page with each listed letter's progress", async () => {
    const { store } = await aLettersStore(dynamo);
    await store.apply([submitted(aLetterId(1), 0, 1), submitted(aLetterId(2), 1, 2), amended(aLetterId(2), 2, 3)]);

    const page = await store.observeChild(A_FAMILY, 'lotta-2019', { limit: 10 });

    expect(page.items.map((view) => view.letterId)).toEqual([aLetterId(2), aLetterId(1)]);
    expect(page.nextCursor).toBeNull();
    expect(letterIncludes(page.progress.get(aLetterId(2)), versionOf(amended(aLetterId(2), 2, 3)))).toBe(true);
    expect(letterIncludes(page.progress.get(aLetterId(1)), versionOf(amended(aLetterId(1), 2, 4)))).toBe(false);
  });
});
