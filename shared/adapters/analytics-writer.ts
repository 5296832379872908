import type { Sql } from 'postgres';
import type { ChildPseudonym } from '../domain/child-pseudonyms.js';
import type { LetterChange, LetterEvent } from '../domain/events.js';
import { eventVersion, isChildErased } from '../domain/events.js';
import { isLetterChange } from '../domain/erasure.js';
import type { Projection } from '../domain/ports.js';
import { DEFAULT_RETENTION_DAYS, expiryOf } from '../domain/retention.js';
import { normalizeToyName } from '../domain/toy-name.js';

/** What the analytics projection needs: who a child is (a pseudonym) and for how long rows live. */
export interface AnalyticsWriterOptions {
  childPseudonym: ChildPseudonym;
  retentionDays?: number;
  /** One statement per batch (default) or, to compare, one per event. */
  batched?: boolean;
}

// Type aliases, not interfaces, so that they are assignable to postgres' JSONValue.
// No child name and no message: analytics never hold them (DESIGN.md, children's data).
type EventRow = {
  letter_id: string;
  kind: 'submitted' | 'amended' | 'withdrawn';
  version: string;
  occurred_at: string;
  child_id: string | null;
  child_age: number | null;
  country: string | null;
  toys: { toy: string; name: string; quantity: number }[] | null;
  expires_at: string;
};
type ErasureRow = { child_key: string; erased_at: string; expires_at: string };

const KIND = { LetterSubmitted: 'submitted', LetterAmended: 'amended', LetterWithdrawn: 'withdrawn' } as const;

/**
 * The analytics projection: letter rows (and through them the aggregates), erasures and their
 * tombstones, by analytics_write() of migration 003 (one statement per batch). Every row and
 * tombstone expires retentionDays after the event it comes from, so a replay never extends it.
 */
export const createAnalyticsWriter = (
  sql: Sql,
  { childPseudonym, retentionDays = DEFAULT_RETENTION_DAYS, batched = true }: AnalyticsWriterOptions,
): Projection => {
  const expiryAfter = (occurredAt: string) => new Date(expiryOf(occurredAt, retentionDays) * 1000).toISOString();
  const toRow = (event: LetterChange): EventRow => {
    const content = event.type === 'LetterWithdrawn' ? undefined : event;
    return {
      letter_id: event.letterId,
      kind: KIND[event.type],
      version: eventVersion(event),
      occurred_at: event.occurredAt,
      child_id: content ? childPseudonym(content.ownerId, content.data.child.id) : null,
      child_age: content?.data.child.age ?? null,
      country: content?.data.child.country ?? null,
      toys: content ? content.data.toys.map((toy) => ({ toy: normalizeToyName(toy.name), name: toy.name, quantity: toy.quantity })) : null,
      expires_at: expiryAfter(event.occurredAt),
    };
  };
  const write = async (events: readonly LetterEvent[]): Promise<void> => {
    const rows = events.filter(isLetterChange).map(toRow);
    const erasures: ErasureRow[] = events
      .filter(isChildErased)
      .map((event) => ({ child_key: childPseudonym(event.ownerId, event.data.childId), erased_at: event.occurredAt, expires_at: expiryAfter(event.occurredAt) }));
    await sql`SELECT analytics_write(${sql.json(rows)}::jsonb, ${sql.json(erasures)}::jsonb)`;
  };
  return {
    apply: async (events) => {
      if (events.length === 0) return;
      if (batched) {
        await write(events);
        return;
      }
      for (const event of events) await write([event]);
    },
  };
};
