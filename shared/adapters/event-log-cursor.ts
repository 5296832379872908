import * as v from 'valibot';
import { InvalidCursorError } from '../domain/ports.js';
import { EVENT_LOG_TABLE } from './event-log-table.js';

// EVENT#<occurredAt, ms>#<eventId>: the sort key of one event of a letter.
const EventSortKey = v.pipe(
  v.string(),
  v.regex(/^EVENT#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f-]{36}$/u),
  v.startsWith(EVENT_LOG_TABLE.eventKeyPrefix),
);
const CursorKey = v.strictObject({ sk: EventSortKey });

/** The cursor after an event of a letter's history: its sort key (the partition is the letter's). */
export const encodeHistoryCursor = (sortKey: string): string => Buffer.from(JSON.stringify({ sk: sortKey })).toString('base64url');

/** The sort key a history cursor stands for; InvalidCursorError unless it is one a history page handed out. */
export const decodeHistoryCursor = (cursor: string): string => {
  const invalid = () => new InvalidCursorError('cursor is not one this history handed out');
  if (!/^[A-Za-z0-9_-]{1,1024}$/u.test(cursor)) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = v.safeParse(CursorKey, json);
  if (!result.success) throw invalid();
  return result.output.sk;
};
