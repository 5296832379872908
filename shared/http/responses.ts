import * as v from 'valibot';
import { LetterEvent } from '../domain/events.js';
import { ERROR_CODES } from './http.js';
import { LetterView } from '../domain/letter.js';
import { AnalyticsSummary, TopToy } from '../domain/analytics.js';

// The bodies every route answers, as valibot schemas: the OpenAPI document is derived from
// them, and the end-to-end tests check real responses against that document.

export const AcceptedResponse = v.strictObject({ letterId: v.string(), status: v.literal('accepted') });

export const ErasureAcceptedResponse = v.strictObject({ childId: v.string(), status: v.literal('accepted') });

export const LetterPageResponse = v.strictObject({ items: v.array(LetterView), nextCursor: v.nullable(v.string()) });

export const TopToysResponse = v.strictObject({ items: v.array(TopToy) });

export const SummaryResponse = AnalyticsSummary;

// What elves see of a letter's events: version 2 events without their ownerId.
const [submittedV2, amendedV2, withdrawnV2] = LetterEvent.options[0].options;
const EventWithoutOwner = v.variant('type', [v.omit(submittedV2, ['ownerId']), v.omit(amendedV2, ['ownerId']), v.omit(withdrawnV2, ['ownerId'])]);

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
