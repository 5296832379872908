// Full case folding, as far as JavaScript's case mappings reach: lower, upper, lower again
// folds ß and ẞ to "ss" and İ to "i̇"; final sigma is the one fold that needs a rule of its own.
const caseFold = (text: string): string => text.toLowerCase().toUpperCase().toLowerCase().replace(/ς/gu, 'σ');

/**
 * The toy grouping key: the name NFKC-normalised, case-folded, white space collapsed to one
 * space and trimmed, so "ＬＥＧＯ", "lego", "Café" in NFC or NFD are one toy each. The
 * letter schema's uniqueness check, both projections and the analytics queries all use it.
 */
export const normalizeToyName = (name: string): string =>
  caseFold(name.normalize('NFKC')).normalize('NFKC').replace(/\s+/gu, ' ').trim();
