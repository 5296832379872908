import * as v from 'valibot';
import { EVENT_TYPES, InvalidEventError, parseLetterEvent } from './events.js';
import { LetterId } from './ids.js';

/** The projections whose queues operators watch: the consumer queues of the wiring. */
export const ProjectionName = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,79}$/u, 'projection must be a queue name such as letters-view'));

/** Messages of one queue by state, as SQS counts them (ApproximateNumberOf…). */
export const QueueCounts = v.strictObject({
  visible: v.number(),
  inFlight: v.number(),
  delayed: v.number(),
});
export type QueueCounts = v.InferOutput<typeof QueueCounts>;

/** How late a projection is; null where nothing was measured (no datapoint yet). */
export const ProjectionAges = v.strictObject({
  /** Seconds the oldest message has waited in the queue (ApproximateAgeOfOldestMessage). */
  oldestMessageAgeSeconds: v.nullable(v.number()),
  /** Seconds from an event happening to its projection (see README, Operations). */
  readLagSeconds: v.nullable(v.number()),
});
export type ProjectionAges = v.InferOutput<typeof ProjectionAges>;

/** One projection's queue and DLQ, as GET /operations/queues answers. */
export const ProjectionState = v.strictObject({
  projection: v.string(),
  backlog: QueueCounts,
  ...ProjectionAges.entries,
  dlqDepth: v.number(),
});
export type ProjectionState = v.InferOutput<typeof ProjectionState>;

/**
 * What operators may see of a dead letter: never its body, which carries a child's name and
 * message, only the event type, the letter id, how often it was received and why it cannot be
 * projected when the message itself says so.
 */
export const DeadLetter = v.strictObject({
  messageId: v.string(),
  type: v.nullable(v.picklist(EVENT_TYPES)),
  letterId: v.nullable(v.string()),
  receiveCount: v.number(),
  sentAt: v.nullable(v.string()),
  error: v.nullable(v.string()),
});
export type DeadLetter = v.InferOutput<typeof DeadLetter>;

/** A message as read from a DLQ, before anything is withheld. */
export interface RawDeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  sentTimestamp: number | null;
}

const fieldOf = (body: string, name: string): unknown => {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
};

/** A DLQ message reduced to what operators may see; a body that is no event names what is wrong, never its content. */
export const describeDeadLetter = ({ messageId, body, receiveCount, sentTimestamp }: RawDeadLetter): DeadLetter => {
  const sentAt = sentTimestamp === null ? null : new Date(sentTimestamp).toISOString();
  try {
    const event = parseLetterEvent(body);
    return { messageId, type: event.type, letterId: 'letterId' in event ? event.letterId : null, receiveCount, sentAt, error: null };
  } catch (error) {
    if (!(error instanceof InvalidEventError)) throw error;
    // Only values that are known to carry nothing personal: a known type, a well-formed id.
    const type = v.safeParse(v.picklist(EVENT_TYPES), fieldOf(body, 'type'));
    const letterId = v.safeParse(LetterId, fieldOf(body, 'letterId'));
    return {
      messageId,
      type: type.success ? type.output : null,
      letterId: letterId.success ? letterId.output : null,
      receiveCount,
      sentAt,
      error: error.message,
    };
  }
};

/** What a redrive did: a move task started (AWS), or the messages moved already (local). */
export const RedriveOutcome = v.strictObject({
  projection: v.string(),
  status: v.picklist(['started', 'completed']),
  /** Messages moved back (completed), or null while the move task runs. */
  moved: v.nullable(v.number()),
  /** Messages the queue refused, left in the DLQ (local only). */
  skipped: v.number(),
  /** The SQS move task, to follow in the console or with ListMessageMoveTasks (AWS only). */
  taskHandle: v.nullable(v.string()),
});
export type RedriveOutcome = v.InferOutput<typeof RedriveOutcome>;

/** A projection's queue and DLQ, and the service name its projector's metrics carry. */
export interface ProjectionQueue {
  name: string;
  url: string;
  dlqUrl: string;
  metricsService: string;
}

/** Reads queue state without receiving anything from the consumer queues. */
export interface PipelineProbe {
  counts(queueUrl: string): Promise<QueueCounts>;
  ages(queues: readonly ProjectionQueue[]): Promise<Record<string, ProjectionAges>>;
}

/** Shows a DLQ's messages without taking them away. */
export type PeekDeadLetters = (queue: ProjectionQueue, limit: number) => Promise<RawDeadLetter[]>;

/** Moves a DLQ's messages back to its queue. */
export type RedriveDeadLetters = (queue: ProjectionQueue) => Promise<Omit<RedriveOutcome, 'projection'>>;
