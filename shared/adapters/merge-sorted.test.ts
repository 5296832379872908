import { describe, expect, it } from 'vitest';
import { mergeSorted } from './merge-sorted.js';

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

describe('mergeSorted', () => {
  it('merges sorted sequences into one sorted sequence', async () => {
    const merged = mergeSorted([from(['b', 'e', 'f']), from([]), from(['a', 'c']), from(['d', 'g', 'h'])], (s) => s);

    expect(await collect(merged)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('keeps the order of the sources for equal keys', async () => {
    const merged = mergeSorted([from([{ k: 'x', from: 0 }]), from([{ k: 'x', from: 1 }]), from([{ k: 'w', from: 2 }])], (i) => i.k);

    expect((await collect(merged)).map((i) => i.from)).toEqual([2, 0, 1]);
  });

  it('merges many sources as a sort would', async () => {
    const sources = Array.from({ length: 130 }, (_, s) => Array.from({ length: (s * 7) % 11 }, (_, i) => `${String((i * 131 + s * 17) % 1000).padStart(4, '0')}`).sort());

    const merged = await collect(mergeSorted(sources.map(from), (s) => s));

    expect(merged).toEqual(sources.flat().sort());
  });
});
