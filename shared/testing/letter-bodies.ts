/** A valid letter body as a client would POST it; override any top-level field. */
export const letterBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  child: { id: 'lotta-2019', name: 'Lotta', age: 7, country: 'se' },
  toys: [
    { name: 'Wooden train', quantity: 1 },
    { name: 'Red  bicycle ', quantity: 2 },
  ],
  message: 'Dear Santa, I have been very good this year.',
  ...overrides,
});
