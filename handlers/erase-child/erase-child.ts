import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { createChildErased } from '../../shared/domain/events.js';
import { familyAccountOf, forbidden } from '../../shared/http/caller.js';
import { encodeWriteVersion } from '../../shared/domain/write-version.js';
import { idempotencyKeyOf, publishOnce, type CommandDependencies } from '../../shared/http/commands.js';
import { json, parseInput } from '../../shared/http/http.js';
import { ChildPath } from '../../shared/http/queries.js';

/**
 * DELETE /children/{childId}: erases a child of the caller's account by publishing ChildErased
 * (ids only); answers 202. Child ids are the account's own names, so any well-formed one is
 * the caller's to erase, and nothing is looked up.
 */
export const eraseChild =
  (deps: Pick<CommandDependencies, 'publish' | 'idsAndClock' | 'idempotency' | 'takeQuota' | 'letterIds'>) =>
  async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const accountId = familyAccountOf(event);
    if (accountId === undefined) return forbidden();
    const { childId } = parseInput(ChildPath, event.pathParameters ?? {}, 'path');
    const idempotencyKey = idempotencyKeyOf(event);
    // The idempotency record keeps a hash of the payload and the answer for 24 hours: neither
    // may hold the child id, so the payload names the child by a keyed hash (an unkeyed hash of
    // a short id is guessed back), and the stored answer leaves it out. \0 never occurs in a
    // real Idempotency-Key, so this is no letter id a POST could name. A replay with another
    // child id still differs in the payload (422).
    const accepted = await publishOnce(deps, {
      event,
      context,
      accountId,
      idempotencyKey,
      payload: { type: 'ChildErased', child: deps.letterIds.forIdempotencyKey(accountId, `erase-child\0${childId}`) },
      toEvent: (correlationId) => createChildErased({ ownerId: accountId, childId, correlationId }, deps.idsAndClock),
      // The version token names the child, so the stored answer keeps only the event's time
      // and id, and the version is made again from them and the path, retry or not.
      answer: ({ occurredAt, eventId }) => json(202, { status: 'accepted', erasure: { occurredAt, eventId } }),
    });
    const { erasure } = JSON.parse(String(accepted.body)) as { erasure: { occurredAt: string; eventId: string } };
    return json(202, { childId, status: 'accepted', version: encodeWriteVersion({ type: 'ChildErased', childId, ...erasure }) });
  };
