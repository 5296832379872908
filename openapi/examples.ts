import { createChildErased, createLetterEvent } from '../shared/domain/events.js';
import type { Letter, LetterView } from '../shared/domain/letter.js';
import type { ErrorCode } from '../shared/http/http.js';
import { versionOf } from '../shared/http/commands.js';

// One story told through every example of the document: Lotta's letter, sent, amended and
// read back. openapi/document.test.ts checks each one against the schema it illustrates.

export const LETTER_ID = 'XCAa5wO4KvT8oHPtN_h2ypt-duWKRuBLOimBJBqnHFl9';
export const OWNER_ID = 'family-1';
export const CHILD_ID = 'lotta-2019';
export const IDEMPOTENCY_KEY = 'lotta-2026-letter-1';
export const CORRELATION_ID = 'checkout-7f3a';

export const letter: Letter = {
  child: { id: CHILD_ID, name: 'Lotta', age: 7, country: 'SE' },
  toys: [
    { name: 'Wooden train', quantity: 1 },
    { name: 'Kite', quantity: 2 },
  ],
  message: 'Dear Santa, I have been good.',
};

const clock = (at: string, eventId: string) => ({ newId: () => eventId, now: () => new Date(at) });

export const letterView: LetterView = {
  letterId: LETTER_ID,
  ...letter,
  message: letter.message ?? null,
  status: 'active',
  submittedAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-02T17:30:00.000Z',
};

export const letterPage = { items: [letterView], nextCursor: null };

export const history = {
  items: [
    createLetterEvent(
      { type: 'LetterSubmitted', letterId: LETTER_ID, ownerId: OWNER_ID, letter, correlationId: CORRELATION_ID },
      clock('2026-12-01T08:00:00.000Z', '0b7e3f6c-2c1a-4d7e-9a55-5d2f8f1c0a11'),
    ),
    createLetterEvent(
      { type: 'LetterAmended', letterId: LETTER_ID, ownerId: OWNER_ID, letter: { ...letter, toys: [{ name: 'Wooden train', quantity: 2 }] }, correlationId: CORRELATION_ID },
      clock('2026-12-02T17:30:00.000Z', '6f1d2a9e-8b3c-4f0a-b7d1-2e4c6a8b0d22'),
    ),
  ],
  nextCursor: null,
};

/** The version of the amendment above: what a read sends as Min-Version to see it. */
export const VERSION = versionOf(history.items[1]!);

export const accepted = { letterId: LETTER_ID, status: 'accepted', version: VERSION };
export const erasureAccepted = {
  childId: CHILD_ID,
  status: 'accepted',
  version: versionOf(createChildErased({ ownerId: OWNER_ID, childId: CHILD_ID, correlationId: CORRELATION_ID }, clock('2026-12-03T09:00:00.000Z', '9c2e4b1a-7d3f-4e8a-a6c5-3b1d9f0e2a33'))),
};

export const topToys = {
  items: [
    { toy: 'wooden train', quantity: 3, letters: 2 },
    { toy: 'kite', quantity: 2, letters: 1 },
  ],
};

export const summary = {
  letters: { active: 2, withdrawn: 1 },
  children: 2,
  toys: { distinct: 2, quantity: 5 },
  countries: [{ country: 'SE', letters: 2, quantity: 5 }],
};

const error = (code: ErrorCode, message: string, details?: { path: string; message: string }[]) => ({
  error: { code, message, ...(details ? { details } : {}) },
});

export const errors = {
  validationFailed: error('VALIDATION_FAILED', 'the letter is not valid', [{ path: 'toys.0.quantity', message: 'quantity must be at least 1' }]),
  invalidPath: error('VALIDATION_FAILED', 'the path is not valid', [{ path: 'letterId', message: 'letter id must be 16-64 of A-Z, a-z, 0-9, _ and -' }]),
  invalidChildPath: error('VALIDATION_FAILED', 'the path is not valid', [{ path: 'childId', message: 'child id must be 1-64 of A-Z, a-z, 0-9, _ and -' }]),
  invalidQuery: error('VALIDATION_FAILED', 'the query is not valid', [{ path: 'limit', message: 'limit must be at most 100' }]),
  malformedJson: error('MALFORMED_JSON', 'the request body is not valid JSON'),
  notFound: error('NOT_FOUND', `letter ${LETTER_ID} is not known (yet)`),
  invalidMinVersion: error('VALIDATION_FAILED', 'the Min-Version header is not valid', [{ path: 'Min-Version', message: 'Min-Version is not a version this service handed out' }]),
  notYetProjected: error('NOT_YET_PROJECTED', 'the version asked for is not projected yet (waited 2000 ms); retry later'),
  inProgress: error('IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed; retry later'),
  tooLarge: error('PAYLOAD_TOO_LARGE', 'the request body must be at most 65536 bytes'),
  unsupportedMediaType: error('UNSUPPORTED_MEDIA_TYPE', 'the request body must be JSON (Content-Type: application/json)'),
  reused: error('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request'),
  tooManyRequests: error('TOO_MANY_REQUESTS', 'this account sent its 60 commands of this minute; retry in 15 s'),
  internal: error('INTERNAL', 'something went wrong on our side; it has been logged'),
};

/** API Gateway's own bodies for a missing or bad token and for a token without the scope. */
export const unauthorized = { message: 'Unauthorized' };
export const forbidden = { message: 'Forbidden' };
