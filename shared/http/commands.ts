import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { correlationIdOf } from './correlation.js';
import { createLetterEvent, type LetterCommand, type LetterEvent } from '../domain/events.js';
import { json, notFound, parseInput, tooManyRequests, validationFailed } from './http.js';
import type { TakeCommandQuota } from '../domain/command-quota.js';
import { IdempotencyKey, type IdsAndClock, type LetterId } from '../domain/ids.js';
import { Letter } from '../domain/letter.js';
import type { LetterIds } from '../domain/letter-ids.js';
import type { JsonHttpEvent } from './middleware.js';
import type { PublishEvent } from '../domain/ports.js';
import { encodeWriteVersion, writeVersionOf } from '../domain/write-version.js';

/**
 * The idempotency records, or how to open them on the first request that carries an
 * Idempotency-Key: a cold start then spends nothing on a store most requests never touch.
 */
export type IdempotencyRecords = BasePersistenceLayer | (() => Promise<BasePersistenceLayer>);

/** What every command handler needs: somewhere to publish, ids and time, the letter id keys, the idempotency records and the account's quota. */
export interface CommandDependencies {
  publish: PublishEvent;
  idsAndClock: IdsAndClock;
  letterIds: LetterIds;
  idempotency: IdempotencyRecords;
  takeQuota: TakeCommandQuota;
}

/** The request parts a command reads. */
export type CommandEvent = Pick<JsonHttpEvent, 'headers' | 'requestContext' | 'routeKey'>;

/** The `version` of an acknowledgement: the token a read sends as Min-Version to see this command's effect. */
export const versionOf = (event: LetterEvent): string => encodeWriteVersion(writeVersionOf(event));

/** The acknowledgement of an accepted command: 202, where the letter will be readable, and the version of its event. */
export const accepted = (letterId: LetterId, event: LetterEvent): APIGatewayProxyStructuredResultV2 =>
  json(202, { letterId, status: 'accepted', version: versionOf(event) }, { location: `/letters/${letterId}` });

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
  /** The 202 for the event published; stored whole with the key, so a retry answers the same version. */
  answer: (published: LetterEvent) => APIGatewayProxyStructuredResultV2;
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
    const published = toEvent(correlationIdOf(event));
    await deps.publish(published);
    return answer(published);
  };
  if (idempotencyKey === undefined) return publishAndAccept();
  // Powertools' idempotency utility is evaluated on the first keyed request, not at cold start.
  const [{ runOnce }, store] = await Promise.all([
    import('./command-idempotency.js'),
    typeof deps.idempotency === 'function' ? deps.idempotency() : deps.idempotency,
  ]);
  return runOnce(store, { route: event.routeKey, accountId, idempotencyKey, payload }, context, publishAndAccept);
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
    answer: (published) => accepted(command.letterId, published),
  });
