import { queueDepth } from '../shared/adapters/queue-attributes.js';
import type { Targets } from './targets.js';

/** Messages the archive consumer has not stored yet: its queue plus its DLQ. */
export const archiveBacklog = async ({ sqs, queues }: Pick<Targets, 'sqs' | 'queues'>): Promise<number> => {
  const archive = queues['letters-archive'];
  if (!archive) return 0;
  return (await queueDepth(sqs, archive.url)) + (await queueDepth(sqs, archive.dlqUrl));
};

/**
 * Refuses a wipe while the archive has a backlog: an event a consumer applied but the archive
 * has not stored yet would be wiped and never replayed. force overrides, knowingly.
 */
export const assertArchiveDrained = async (targets: Pick<Targets, 'sqs' | 'queues'>, { force = false } = {}): Promise<void> => {
  const backlog = await archiveBacklog(targets);
  if (backlog > 0 && !force) {
    throw new Error(`letters-archive still holds ${backlog} messages (queue + DLQ): drain or redrive it first, or pass --force`);
  }
};
