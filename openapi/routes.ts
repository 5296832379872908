import type * as v from 'valibot';
import { Letter } from '../shared/domain/letter.js';
import { ChildLettersQuery, ChildPath, HistoryQuery, LetterPath, TopToysQuery } from '../shared/http/queries.js';
import {
  AcceptedResponse,
  ErasureAcceptedResponse,
  HistoryResponse,
  LetterPageResponse,
  LetterView,
  SummaryResponse,
  TopToysResponse,
} from '../shared/http/responses.js';
import * as example from './examples.js';
import { OPERATIONS_ROUTE_DOCS } from './operations-routes.js';

type Schema = v.GenericSchema;

export interface ResponseDoc {
  description: string;
  /** The body's schema; without one, the contract's error shape. */
  schema?: Schema;
  /** Named examples of the body (at least one). */
  examples: Record<string, unknown>;
  headers?: Record<string, { description: string; example: string }>;
}

export interface RouteDoc {
  summary: string;
  description: string;
  tag: 'letters' | 'children' | 'analytics' | 'operations';
  path?: Schema;
  query?: Schema;
  /** The JSON body and its example; such a route also answers 413 and 415. */
  body?: { schema: Schema; example: unknown };
  /** A command: takes Idempotency-Key and may answer 409 and 422. */
  command?: boolean;
  /** A read that takes Min-Version and Prefer: wait, and may answer 412. */
  minVersion?: boolean;
  /** What the route itself answers; 401, 403 and 500 are added to every route. */
  responses: Record<number, ResponseDoc>;
}

const accepted: ResponseDoc = {
  description: 'Accepted: the event is published; the read side shows it shortly',
  schema: AcceptedResponse,
  examples: { accepted: example.accepted },
  headers: { location: { description: 'Where the letter will be readable', example: `/letters/${example.LETTER_ID}` } },
};
const { errors } = example;
const invalidBody: ResponseDoc = {
  description: 'The request is not valid (VALIDATION_FAILED naming each path, or MALFORMED_JSON)',
  examples: { validationFailed: errors.validationFailed, malformedJson: errors.malformedJson },
};
const invalidPath: ResponseDoc = { description: 'The path is not valid (VALIDATION_FAILED)', examples: { validationFailed: errors.invalidPath } };
const invalidQuery: ResponseDoc = { description: 'The path or query is not valid (VALIDATION_FAILED)', examples: { validationFailed: errors.invalidQuery } };
const invalidRead = (invalid: ResponseDoc): ResponseDoc => ({
  description: `${invalid.description.replace(' (VALIDATION_FAILED)', '')}, or Min-Version is not a version this service handed out or names something else (VALIDATION_FAILED)`,
  examples: { ...invalid.examples, invalidMinVersion: errors.invalidMinVersion },
});
const preferenceApplied = { 'preference-applied': { description: 'The wait applied, when the request sent Prefer: wait=N', example: 'wait=5' } };
const notFound: ResponseDoc = {
  description: 'Not known (yet): projections are eventually consistent; also a letter of another account',
  examples: { notFound: errors.notFound },
};

/** What each API route takes and answers; the document describes those of infra/wiring.json. */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /letters': {
    summary: 'Send a letter to Santa',
    description: 'Validates the letter, publishes LetterSubmitted and answers 202 at once. With an Idempotency-Key, a retry names the same letter.',
    tag: 'letters',
    body: { schema: Letter, example: example.letter },
    command: true,
    responses: { 202: accepted, 400: invalidBody },
  },
  'PUT /letters/{letterId}': {
    summary: 'Replace a letter',
    description: 'Replaces the whole letter (LetterAmended); the latest amendment wins, whatever order events arrive in.',
    tag: 'letters',
    path: LetterPath,
    body: { schema: Letter, example: { ...example.letter, toys: [{ name: 'Wooden train', quantity: 2 }] } },
    command: true,
    responses: { 202: accepted, 400: invalidBody },
  },
  'DELETE /letters/{letterId}': {
    summary: 'Withdraw a letter',
    description: 'Publishes LetterWithdrawn; the letter stays readable with status "withdrawn".',
    tag: 'letters',
    path: LetterPath,
    command: true,
    responses: { 202: accepted, 400: invalidPath },
  },
  'GET /letters/{letterId}': {
    summary: 'Read a letter',
    description: 'The letter as last projected into the letters view; with Min-Version, a state that includes that version.',
    tag: 'letters',
    path: LetterPath,
    minVersion: true,
    responses: {
      200: { description: 'The letter', schema: LetterView, examples: { active: example.letterView }, headers: preferenceApplied },
      400: invalidRead(invalidPath),
      404: notFound,
    },
  },
  'GET /letters/{letterId}/history': {
    summary: "Read a letter's events",
    description: "The letter's events from the event log, oldest first, a page at a time (events past their retention are gone); with Min-Version, once the log holds that version. Elves see them without the account's id (ownerId).",
    tag: 'letters',
    path: LetterPath,
    query: HistoryQuery,
    minVersion: true,
    responses: {
      200: { description: 'A page of events', schema: HistoryResponse, examples: { amended: example.history }, headers: preferenceApplied },
      400: invalidRead(invalidQuery),
      404: notFound,
    },
  },
  'GET /children/{childId}/letters': {
    summary: "List a child's letters",
    description: "The caller's letters for one of its children, newest first, a page at a time; with Min-Version (the child's erasure or a letter's change), a page that includes it.",
    tag: 'children',
    path: ChildPath,
    query: ChildLettersQuery,
    minVersion: true,
    responses: {
      200: { description: 'A page of letters', schema: LetterPageResponse, examples: { onePage: example.letterPage }, headers: preferenceApplied },
      400: invalidRead(invalidQuery),
    },
  },
  'DELETE /children/{childId}': {
    summary: "Erase a child's data",
    description: "Publishes ChildErased: every store forgets the letters of this child of the caller's account submitted before now, for good.",
    tag: 'children',
    path: ChildPath,
    command: true,
    responses: {
      202: { description: 'Accepted: the erasure is published; the stores forget shortly', schema: ErasureAcceptedResponse, examples: { accepted: example.erasureAccepted } },
      400: { description: 'The path is not valid (VALIDATION_FAILED)', examples: { validationFailed: errors.invalidChildPath } },
    },
  },
  'GET /analytics/toys/top': {
    summary: 'List the most wished-for toys',
    description:
      'Active letters only, grouped by toy (NFKC, case-folded, white space collapsed), by quantity then name. Small groups stay hidden: a toy named by fewer distinct children than ANALYTICS_MIN_CHILDREN (default 5; per country, fewer children of that country) is never listed.',
    tag: 'analytics',
    query: TopToysQuery,
    responses: { 200: { description: 'Toys by quantity', schema: TopToysResponse, examples: { top: example.topToys } }, 400: invalidQuery },
  },
  'GET /analytics/summary': {
    summary: 'Read the totals over all letters',
    description:
      'Letters per status, children, toys and countries. The totals count every letter; `countries` lists only those named by at least ANALYTICS_MIN_CHILDREN distinct children (default 5), so a small group is never shown.',
    tag: 'analytics',
    responses: { 200: { description: 'The totals', schema: SummaryResponse, examples: { season: example.summary } } },
  },
  ...OPERATIONS_ROUTE_DOCS,
};
