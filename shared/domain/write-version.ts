import * as v from 'valibot';
import type { EventType, LetterEvent } from './events.js';
import { LetterId } from './ids.js';
import { ChildId } from './letter.js';

/**
 * What a command's `version` names: the event it published, by what the read stores order
 * events by (occurredAt, then eventId) and what it is about (a letter, or a child of the
 * caller's account for ChildErased).
 */
export type WriteVersion =
  | { type: 'LetterSubmitted' | 'LetterAmended' | 'LetterWithdrawn'; letterId: string; occurredAt: string; eventId: string }
  | { type: 'ChildErased'; childId: string; occurredAt: string; eventId: string };
export type LetterWriteVersion = Extract<WriteVersion, { letterId: string }>;

/** The longest token the contract allows. */
export const MAX_VERSION_LENGTH = 128;

// token = base64url(format 1 ‖ type 1 ‖ occurredAt ms 6 ‖ eventId 16 ‖ subject id ASCII 1–64): at most
// 88 bytes, so at most 118 characters. Binary rather than text keeps it within 128 with any id.
const FORMAT = 1;
const HEADER_BYTES = 24;
const TYPE_CODES: Record<EventType, number> = { LetterSubmitted: 1, LetterAmended: 2, LetterWithdrawn: 3, ChildErased: 4 };
const TYPES_BY_CODE = new Map(Object.entries(TYPE_CODES).map(([type, code]) => [code, type as EventType]));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const BASE64URL = /^[A-Za-z0-9_-]+$/u;

/** The version of the event a command published. */
export const writeVersionOf = (event: LetterEvent): WriteVersion =>
  event.type === 'ChildErased'
    ? { type: event.type, childId: event.data.childId, occurredAt: event.occurredAt, eventId: event.eventId }
    : { type: event.type, letterId: event.letterId, occurredAt: event.occurredAt, eventId: event.eventId };

/** The opaque, URL-safe token of a version (at most MAX_VERSION_LENGTH characters). */
export const encodeWriteVersion = (version: WriteVersion): string => {
  const eventId = version.eventId.toLowerCase();
  if (!UUID.test(eventId)) throw new RangeError(`eventId ${version.eventId} is not a UUID`);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt8(TYPE_CODES[version.type], 1);
  header.writeUIntBE(Date.parse(version.occurredAt), 2, 6);
  Buffer.from(eventId.replaceAll('-', ''), 'hex').copy(header, 8);
  const subject = version.type === 'ChildErased' ? version.childId : version.letterId;
  return Buffer.concat([header, Buffer.from(subject, 'ascii')]).toString('base64url');
};

const uuidOf = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The version a token names, or undefined for anything this service did not hand out. */
export const decodeWriteVersion = (token: string): WriteVersion | undefined => {
  if (token.length > MAX_VERSION_LENGTH || !BASE64URL.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  // Only the one spelling encodeWriteVersion produces (base64url ignores stray trailing bits).
  if (bytes.length <= HEADER_BYTES || bytes.toString('base64url') !== token || bytes.readUInt8(0) !== FORMAT) return undefined;
  const type = TYPES_BY_CODE.get(bytes.readUInt8(1));
  const ms = bytes.readUIntBE(2, 6);
  const eventId = uuidOf(bytes.subarray(8, HEADER_BYTES));
  const subject = bytes.subarray(HEADER_BYTES).toString('latin1');
  if (type === undefined || !UUID.test(eventId) || ms > 253_402_300_799_999) return undefined;
  const occurredAt = new Date(ms).toISOString();
  if (type === 'ChildErased') return v.is(ChildId, subject) ? { type, childId: subject, occurredAt, eventId } : undefined;
  return v.is(LetterId, subject) ? { type, letterId: subject, occurredAt, eventId } : undefined;
};
