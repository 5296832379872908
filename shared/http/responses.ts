import * as v from 'valibot';
import { LetterEvent } from '../domain/events.js';
import { ERROR_CODES } from './http.js';
import { LetterView } from '../domain/letter.js';
import { AnalyticsSummary, TopToy } from '../domain/analytics.js';

// The bodies every route answers, as valibot schemas: the OpenAPI document is derived from
// them, and the end-to-end tests check real responses against that document.

/** The token of the event a command published: send it as Min-Version to read your own write. */
export const WriteVersionToken = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,128}$/u),
  v.description('Opaque, URL-safe (at most 128 characters): names the event this command published. Send it as `Min-Version` on a read to see a state that includes it.'),
);

export const AcceptedResponse = v.strictObject({ letterId: v.string(), status: v.literal('accepted'), version: WriteVersionToken });

export const ErasureAcceptedResponse = v.strictObject({ childId: v.string(), status: v.literal('accepted'), version: WriteVersionToken });

export const LetterPageResponse = v.strictObject({ items: v.array(LetterView), nextCursor: v.nullable(v.string()) });

export const TopToysResponse = v.strictObject({ items: v.array(TopToy) });

export const SummaryResponse = AnalyticsSummary;

// What elves see of a letter's events: the events without their ownerId.
const [submitted, amended, withdrawn] = LetterEvent.options;
const EventWithoutOwner = v.variant('type', [v.omit(submitted, ['ownerId']), v.omit(amended, ['ownerId']), v.omit(withdrawn, ['ownerId'])]);

/** A page of a letter's events: as published for the family, without the account id for elves. */
export const HistoryResponse = v.strictObject({ items: v.array(v.union([LetterEvent, EventWithoutOwner])), nextCursor: v.nullable(v.string()) });

export const ErrorResponse = v.strictObject({
  error: v.strictObject({
    code: v.picklist(ERROR_CODES),
    message: v.string(),
    details: v.optional(v.array(v.strictObject({ path: v.string(), message: v.string() }))),
  }),
});

export { LetterView };

/** API Gateway's own body for a missing or bad token (401) and a token without the route's scope (403). */
export const GatewayErrorResponse = v.strictObject({ message: v.string() });
