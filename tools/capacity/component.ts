/** One part of the deployed pipeline at the peak: what it needs, what it can do, and what lifts its limit. */
export interface Component {
  component: string;
  unit: string;
  needed: number;
  ceiling: number;
  /** needed / ceiling; above 1 the component cannot carry the peak. */
  utilisation: number;
  /** The quota or setting that sets the ceiling. */
  limit: string;
  /** What raises the ceiling. */
  lift: string;
}

/** The first component to saturate as the peak grows: the most utilised one, if over 1. */
export type Bottleneck = 'none' | { component: string; limit: string; lift: string; utilisation: number };

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A component from its figures; utilisation rounded to three decimals. */
export const component = (fields: Omit<Component, 'utilisation'>): Component => ({
  ...fields,
  needed: round(fields.needed, 1),
  ceiling: round(fields.ceiling, 1),
  utilisation: fields.ceiling > 0 ? round(fields.needed / fields.ceiling) : Number.POSITIVE_INFINITY,
});

/** The most utilised component over 1, or "none". */
export const bottleneckOf = (components: readonly Component[]): Bottleneck => {
  const worst = [...components].sort((a, b) => b.utilisation - a.utilisation)[0];
  if (!worst || worst.utilisation <= 1) return 'none';
  return { component: worst.component, limit: worst.limit, lift: worst.lift, utilisation: worst.utilisation };
};
