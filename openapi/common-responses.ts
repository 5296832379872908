import { GatewayErrorResponse } from '../shared/http/responses.js';
import * as example from './examples.js';
import type { ResponseDoc, RouteDoc } from './routes.js';

const { errors } = example;
const error = (description: string, examples: Record<string, unknown>): ResponseDoc => ({ description, examples });

/** The responses every route answers besides its own: API Gateway's 401/403, a 500; and for bodies and commands theirs. */
export const commonResponses = (doc: RouteDoc): Record<number, ResponseDoc> => ({
  401: { description: 'No token, or one that is expired or not from the issuer (API Gateway)', schema: GatewayErrorResponse, examples: { unauthorized: example.unauthorized } },
  403: { description: "The token has none of the route's scopes (API Gateway)", schema: GatewayErrorResponse, examples: { forbidden: example.forbidden } },
  ...(doc.command ? { 409: error('A request with this Idempotency-Key is still running; retry later', { inProgress: errors.inProgress }) } : {}),
  ...(doc.minVersion
    ? {
        412: {
          description: 'Min-Version is not projected yet after the wait (NOT_YET_PROJECTED); retry after Retry-After seconds',
          examples: { notYetProjected: errors.notYetProjected },
          headers: {
            'retry-after': { description: 'Seconds to wait before asking again', example: '1' },
            'preference-applied': { description: 'The wait applied, when the request sent Prefer: wait=N', example: 'wait=5' },
          },
        },
      }
    : {}),
  ...(doc.body ? { 413: error('The body is larger than 64 KiB', { tooLarge: errors.tooLarge }) } : {}),
  ...(doc.body ? { 415: error('The body is not JSON (Content-Type: application/json)', { unsupportedMediaType: errors.unsupportedMediaType }) } : {}),
  ...(doc.command ? { 422: error('This Idempotency-Key was already used with a different request', { reused: errors.reused }) } : {}),
  ...(doc.command
    ? {
        429: {
          ...error("The account's commands of this minute are spent (COMMANDS_PER_MINUTE, all command routes together); nothing was published", { tooManyRequests: errors.tooManyRequests }),
          headers: { 'retry-after': { description: 'Seconds until the next minute, when the account may send again', example: '15' } },
        },
      }
    : {}),
  500: error('An unexpected failure; details are only in the logs', { internal: errors.internal }),
});
