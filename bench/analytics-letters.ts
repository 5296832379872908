import type { LetterEvent } from '../shared/domain/events.js';
import type { Projection } from '../shared/domain/ports.js';
import { aChild, aLetter, anEvent } from '../shared/testing/letters.js';
import { seededRandom } from '../shared/testing/seeded-random.js';

// 20 countries and a catalogue of 400 toys whose popularity falls off like real wish lists.
const COUNTRIES = ['SE', 'FI', 'NO', 'DK', 'DE', 'FR', 'GB', 'ES', 'IT', 'PL', 'NL', 'BE', 'AT', 'CH', 'IE', 'PT', 'CZ', 'US', 'CA', 'JP'];
const TOYS = 400;
const START = Date.parse('2026-11-01T00:00:00.000Z');

const uuidOf = (prefix: number, n: number): string => {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
};

/**
 * The events of letters [from, to): each letter 1–4 toys, one LetterSubmitted; every tenth
 * is amended later and every twentieth withdrawn. Deterministic: the same range, the same events.
 */
export const seasonEvents = (from: number, to: number): LetterEvent[] => {
  const events: LetterEvent[] = [];
  for (let n = from; n < to; n++) {
    const random = seededRandom(n + 1);
    const letterId = uuidOf(1, n);
    const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)] as string;
    // About 1.4 letters per child.
    const child = aChild({ id: `child-${Math.floor(n / 1.4)}`, country });
    const toys = (count: number) => {
      const names = new Set<string>();
      while (names.size < count) names.add(`Toy ${Math.floor(TOYS * random() ** 2)}`);
      return [...names].map((name) => ({ name, quantity: 1 + Math.floor(random() * 3) }));
    };
    const at = (minutes: number) => new Date(START + n * 1000 + minutes * 60_000).toISOString();
    events.push(anEvent('LetterSubmitted', { letterId, eventId: uuidOf(2, n), occurredAt: at(0), letter: aLetter({ child, toys: toys(1 + Math.floor(random() * 4)) }) }));
    if (n % 10 === 3) {
      events.push(anEvent('LetterAmended', { letterId, eventId: uuidOf(3, n), occurredAt: at(5), letter: aLetter({ child, toys: toys(1 + Math.floor(random() * 4)) }) }));
    }
    if (n % 20 === 7) events.push(anEvent('LetterWithdrawn', { letterId, eventId: uuidOf(4, n), occurredAt: at(9) }));
  }
  return events;
};

/** Loads letters [from, to) through the projection's own apply, `concurrency` batches at a time; resolves to events/s. */
export const loadLetters = async (
  projection: Projection,
  { from, to, batchLetters = 500, concurrency = 2 }: { from: number; to: number; batchLetters?: number; concurrency?: number },
): Promise<number> => {
  const started = performance.now();
  let events = 0;
  let next = from;
  const worker = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + batchLetters);
      const batch = seasonEvents(start, next);
      events += batch.length;
      await projection.apply(batch);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (events / (performance.now() - started)) * 1000;
};

/** A country of the generated season, for per-country queries. */
export const aSeasonCountry = (random: () => number): string => COUNTRIES[Math.floor(random() * COUNTRIES.length)] as string;
