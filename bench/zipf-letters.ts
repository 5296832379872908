import { randomUUID } from 'node:crypto';
import type { LetterEvent } from '../shared/domain/events.js';
import { aChild, aLetter, anEvent } from '../shared/testing/letters.js';

// A peak's letters: 15 countries, a catalogue of 2,000 toys whose popularity follows Zipf's law
// (s = 1.1: the first toy is wished for about 2,000^1.1 times as often as the last).
const COUNTRIES = ['SE', 'FI', 'NO', 'DK', 'DE', 'FR', 'GB', 'ES', 'IT', 'PL', 'NL', 'BE', 'AT', 'CH', 'IE'];
const TOYS = 2000;
const ZIPF_S = 1.1;

/** A sampler of ranks 0..n-1 with P(k) ∝ 1/(k+1)^s, by binary search over the cumulative weights. */
export const zipfSampler = (n: number, s: number, random: () => number): (() => number) => {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= n; k++) cumulative.push((total += 1 / k ** s));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
};

/**
 * `count` fresh letters (one LetterSubmitted each, a child of its own), each with 1–4 distinct
 * toys drawn from the Zipf catalogue, quantities 1–3, in one of 15 countries.
 */
export const zipfLetters = (count: number, random: () => number): LetterEvent[] => {
  const toy = zipfSampler(TOYS, ZIPF_S, random);
  return Array.from({ length: count }, () => {
    const letterId = randomUUID();
    const names = new Set<string>();
    const wanted = 1 + Math.floor(random() * 4);
    while (names.size < wanted) names.add(`Toy ${toy()}`);
    return anEvent('LetterSubmitted', {
      letterId,
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      letter: aLetter({
        child: aChild({ id: `child-${letterId.slice(0, 13)}`, country: COUNTRIES[Math.floor(random() * COUNTRIES.length)] as string }),
        toys: [...names].map((name) => ({ name, quantity: 1 + Math.floor(random() * 3) })),
      }),
    });
  });
};
