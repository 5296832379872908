/**
 * Merges async sequences, each already sorted by `keyOf`, into one sorted sequence; ties keep
 * the order of the sources. Reads one item ahead per source, so memory stays one item per source.
 */
export async function* mergeSorted<T>(sources: AsyncIterable<T>[], keyOf: (item: T) => string): AsyncGenerator<T> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  // A binary min-heap of each source's next item, by key then source index.
  const heap: { key: string; item: T; source: number }[] = [];
  const before = (a: number, b: number): boolean => {
    const x = heap[a]!;
    const y = heap[b]!;
    return x.key < y.key || (x.key === y.key && x.source < y.source);
  };
  const swap = (a: number, b: number): void => {
    [heap[a], heap[b]] = [heap[b]!, heap[a]!];
  };
  const push = (entry: { key: string; item: T; source: number }): void => {
    heap.push(entry);
    for (let i = heap.length - 1; i > 0 && before(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
  };
  const popTop = (): void => {
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const smallest = [left, left + 1].filter((c) => c < heap.length).reduce((m, c) => (before(c, m) ? c : m), i);
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  const advance = async (source: number): Promise<void> => {
    const next = await iterators[source]!.next();
    if (!next.done) push({ key: keyOf(next.value), item: next.value, source });
  };

  await Promise.all(iterators.map((_, source) => advance(source)));
  while (heap.length > 0) {
    const { item, source } = heap[0]!;
    popTop();
    yield item;
    await advance(source);
  }
}
