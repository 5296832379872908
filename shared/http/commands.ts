import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { correlationIdOf } from './correlation.js';
import { createLetterEvent, type LetterCommand } from '../domain/events.js';
import { json, parseInput, validationFailed } from './http.js';
import { IdempotencyKey, type IdsAndClock, type LetterId } from '../domain/ids.js';
import { Letter } from '../domain/letter.js';
import type { JsonHttpEvent } from './middleware.js';
import type { PublishEvent } from '../domain/ports.js';

/** What every command handler needs: somewhere to publish, and where ids and time come from. */
export interface CommandDependencies {
  publish: PublishEvent;
  idsAndClock: IdsAndClock;
}

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

/** Publishes the event for a command and acknowledges it. */
export const publishAndAccept = async (
  { publish, idsAndClock }: CommandDependencies,
  event: Parameters<typeof correlationIdOf>[0],
  command: LetterCommand,
): Promise<APIGatewayProxyStructuredResultV2> => {
  await publish(createLetterEvent({ ...command, correlationId: correlationIdOf(event) }, idsAndClock));
  return accepted(command.letterId);
};
