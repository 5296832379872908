import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as v from 'valibot';

/** Every error code the API answers, with its status (the contract's list). */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  NOT_FOUND: 404,
  IDEMPOTENCY_KEY_IN_PROGRESS: 409,
  NOT_YET_PROJECTED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error meant for the caller: its status, code and message are answered as they are. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly expose = true;
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Response headers the answer carries (Retry-After, …). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Largest request body accepted, in bytes (after base64 decoding). */
export const MAX_BODY_BYTES = 64 * 1024;

export const validationFailed = (message: string, details: ErrorDetail[]) =>
  new HttpError(400, 'VALIDATION_FAILED', message, details);
export const forbiddenKeys = (details: ErrorDetail[]) => validationFailed('the request body is not valid', details);
export const malformedJson = () => new HttpError(400, 'MALFORMED_JSON', 'the request body is not valid JSON');
export const unsupportedMediaType = () =>
  new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'the request body must be JSON (Content-Type: application/json)');
export const payloadTooLarge = () =>
  new HttpError(413, 'PAYLOAD_TOO_LARGE', `the request body must be at most ${MAX_BODY_BYTES} bytes`);
export const notFound = (message: string) => new HttpError(404, 'NOT_FOUND', message);
export const idempotencyKeyInProgress = () =>
  new HttpError(409, 'IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed; retry later');
export const idempotencyKeyReused = () =>
  new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request');
export const tooManyRequests = (limit: number, retryAfterSeconds: number) =>
  new HttpError(429, 'TOO_MANY_REQUESTS', `this account sent its ${limit} commands of this minute; retry in ${retryAfterSeconds} s`, undefined, {
    'retry-after': String(retryAfterSeconds),
  });

/** A JSON response. */
export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** The contract's error body for an HttpError. */
export const errorResponse = (error: HttpError): APIGatewayProxyStructuredResultV2 =>
  json(
    error.statusCode,
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    },
    error.headers,
  );

export const internalErrorResponse = (): APIGatewayProxyStructuredResultV2 =>
  json(500, { error: { code: 'INTERNAL', message: 'something went wrong on our side; it has been logged' } });

/** Parses input with a valibot schema; a mismatch is a 400 naming each path. */
export const parseInput = <S extends v.GenericSchema>(schema: S, input: unknown, what: string): v.InferOutput<S> => {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw validationFailed(
    `the ${what} is not valid`,
    result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })),
  );
};
