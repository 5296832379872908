/** A figure measured several times: the median is the headline, min and max show the noise. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The q-quantile (0..1) of samples, nearest-rank; NaN for no samples. */
export const quantile = (samples: readonly number[], q: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
};

/** Median, min and max of repeated measurements. */
export const spreadOf = (samples: readonly number[]): Spread => ({
  median: quantile(samples, 0.5),
  min: Math.min(...samples),
  max: Math.max(...samples),
});

/** `{ name: median, nameMin: min, nameMax: max }`, so the stable key always holds the median. */
export const flatten = <K extends string>(name: K, spread: Spread, digits = 3) => {
  const round = (value: number) => Number(value.toFixed(digits));
  return { [name]: round(spread.median), [`${name}Min`]: round(spread.min), [`${name}Max`]: round(spread.max) } as Record<
    K | `${K}Min` | `${K}Max`,
    number
  >;
};

/** A copy in random order: interleaving variants in a fresh order each round spreads machine noise evenly. */
export const shuffle = <T>(items: readonly T[]): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};

/** Runs fn and returns how long it took, in milliseconds. */
export const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};
