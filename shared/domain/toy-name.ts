// Full case folding, as far as JavaScript's case mappings reach: lower, upper, lower again
// folds ß and ẞ to "ss" and İ to "i̇"; final sigma is the one fold that needs a rule of its own.
const caseFold = (text: string): string => text.toLowerCase().toUpperCase().toLowerCase().replace(/ς/gu, 'σ');

/**
 * The toy grouping key: the name NFKC-normalised, case-folded, white space collapsed to one
 * space and trimmed, so "ＬＥＧＯ" and "lego" are one toy, as are "Café" in NFC and NFD.
 * It is the one key: the letter schema's uniqueness check, the analytics projection (whose
 * queries group by the key it stores) and the load tool's expected totals all call it.
 */
export const normalizeToyName = (name: string): string =>
  caseFold(name.normalize('NFKC')).normalize('NFKC').replace(/\s+/gu, ' ').trim();
