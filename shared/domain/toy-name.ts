/** The key toys are grouped by: lower-cased, white space collapsed to one space, trimmed. */
export const normalizeToyName = (name: string): string =>
  name.trim().replace(/\s+/gu, ' ').toLowerCase();
