import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { runOnce } from './command-idempotency.js';
import { correlationIdOf } from './correlation.js';
import { createLetterEvent, type LetterCommand, type LetterEvent } from '../domain/events.js';
import { json, notFound, parseInput, tooManyRequests, validationFailed } from './http.js';
import type { TakeCommandQuota } from '../domain/command-quota.js';
import { IdempotencyKey, type IdsAndClock, type LetterId } from '../domain/ids.js';
import { Letter } from '../domain/letter.js';
import type { LetterIds } from '../domain/letter-ids.js';
import type { JsonHttpEvent } from './middleware.js';
import type { PublishEvent } from '../domain/ports.js';

/** What every command handler needs: somewhere to publish, ids and time, the letter id keys, the idempotency records and the account's quota. */
export interface CommandDependencies {
  publish: PublishEvent;
  idsAndClock: IdsAndClock;
  letterIds: LetterIds;
  idempotency: BasePersistenceLayer;
  takeQuota: TakeCommandQuota;
}

/** The request parts a command reads. */
export type CommandEvent = Pick<JsonHttpEvent, 'headers' | 'requestContext' | 'routeKey'>;

/** The acknowledgement of an accepted command: 202 and where the letter will be readable. */
export const accepted = (letterId: LetterId): APIGatewayProxyStructuredResultV2 =>
  json(202, { letterId, status: 'accepted' }, { location: `/letters/${letterId}` });

/** The Idempotency-Key header, if any; a malformed one is a 400. */
export const idempotencyKeyOf = (event: Pick<JsonHttpEvent, 'headers'>): string | undefined => {
  const key = event.headers?.['idempotency-key'];
  return key === undefined ? undefined : parseInput(IdempotencyKey, key, 'Idempotency-Key header');
};

/** The letter in the request body; anything off contract is a 400 naming each path. */
export const letterOf = ({ body }: Pick<JsonHttpEvent, 'body'>): Letter => {
  // valibot's object schemas accept arrays (they are objects); a letter never is one.
  if (Array.isArray(body)) throw validationFailed('the letter is not valid', [{ path: '', message: 'the letter must be a JSON object' }]);
  return parseInput(Letter, body, 'letter');
};

/**
 * 404 unless the id was minted for this account: decided from the id's MAC alone, without a
 * lookup, and answered exactly as for an id never issued.
 */
export const assertOwnLetter = ({ letterIds }: Pick<CommandDependencies, 'letterIds'>, letterId: LetterId, accountId: string): void => {
  if (!letterIds.isOwnedBy(letterId, accountId)) throw notFound(`letter ${letterId} is not known`);
};

/** One accepted command of an account: the request, its key, and what it publishes and answers. */
interface AcceptedCommand {
  event: CommandEvent;
  context: Context | undefined;
  accountId: string;
  idempotencyKey: string | undefined;
  /** What a retry must repeat exactly to be answered again (else 422). */
  payload: unknown;
  toEvent: (correlationId: string) => LetterEvent;
  answer: APIGatewayProxyStructuredResultV2;
}

/**
 * Publishes the event of an account's command and acknowledges it, if the account's quota of
 * the minute allows (else 429 with Retry-After, nothing published). With an Idempotency-Key,
 * at most once per account, route and key: a retry answers the first answer, publishes
 * nothing and takes no quota; a retry of a 429 runs afresh, since a failed run keeps no record.
 */
export const publishOnce = async (
  deps: Pick<CommandDependencies, 'publish' | 'idempotency' | 'takeQuota'>,
  { event, context, accountId, idempotencyKey, payload, toEvent, answer }: AcceptedCommand,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const publishAndAccept = async () => {
    const quota = await deps.takeQuota(accountId);
    if (!quota.allowed) throw tooManyRequests(quota.limit, quota.retryAfterSeconds);
    await deps.publish(toEvent(correlationIdOf(event)));
    return answer;
  };
  if (idempotencyKey === undefined) return publishAndAccept();
  return runOnce(deps.idempotency, { route: event.routeKey, accountId, idempotencyKey, payload }, context, publishAndAccept);
};

/** Publishes the event of an account's letter command and acknowledges it (see publishOnce). */
export const acceptCommand = (
  deps: CommandDependencies,
  { command, ...request }: Omit<AcceptedCommand, 'payload' | 'toEvent' | 'answer'> & { command: LetterCommand },
): Promise<APIGatewayProxyStructuredResultV2> =>
  publishOnce(deps, {
    ...request,
    payload: command,
    toEvent: (correlationId) => createLetterEvent({ ...command, ownerId: request.accountId, correlationId }, deps.idsAndClock),
    answer: accepted(command.letterId),
  });
