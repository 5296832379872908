import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { LetterEvent } from '../domain/events.js';
import { Letter } from '../domain/letter.js';
import { aLetter, aLetterId, anEvent, anEventId, fixedIdsAndClock, inBatches, minutesLater, redelivered, shuffled } from './letters.js';

describe('letter test factories', () => {
  it('build a letter that the command schema accepts unchanged', () => {
    const letter = aLetter({ message: 'Hi' });

    expect(v.parse(Letter, letter)).toEqual(letter);
  });

  it('build events of every type that the event schema accepts, with the ids and time given', () => {
    const options = { letterId: aLetterId(3), occurredAt: minutesLater(90), eventId: anEventId(4) };

    const events = (['LetterSubmitted', 'LetterAmended', 'LetterWithdrawn'] as const).map((type) => anEvent(type, options));

    for (const event of events) expect(v.parse(LetterEvent, event)).toEqual(event);
    expect(events.map(({ letterId, occurredAt, eventId }) => ({ letterId, occurredAt, eventId }))).toEqual([
      { ...options, occurredAt: '2026-12-01T09:30:00.000Z' },
      { ...options, occurredAt: '2026-12-01T09:30:00.000Z' },
      { ...options, occurredAt: '2026-12-01T09:30:00.000Z' },
    ]);
  });

  it('number ids in order from a fixed clock', () => {
    const { newId, now } = fixedIdsAndClock({ now: '2026-12-24T18:00:00.000Z' });

    expect([newId(), newId(), now().toISOString()]).toEqual([anEventId(1), anEventId(2), '2026-12-24T18:00:00.000Z']);
  });

  it('shuffle, redeliver and batch the same way for the same seed, losing nothing', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);

    const deliveries = [1, 1, 2].map((seed) => inBatches(redelivered(items, seed), 4, seed));

    expect(deliveries[0]).toEqual(deliveries[1]);
    expect(deliveries[0]).not.toEqual(deliveries[2]);
    expect(new Set(deliveries[0]!.flat())).toEqual(new Set(items));
    expect(deliveries[0]!.flat().length).toBeGreaterThan(items.length);
    expect(deliveries[0]!.every((batch) => batch.length >= 1 && batch.length <= 4)).toBe(true);
    expect([...shuffled(items, 9)].sort((a, b) => a - b)).toEqual(items);
  });
});
