import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj, type Request as MiddyRequest } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { CORRELATION_HEADER, correlationIdOf } from './correlation.js';
import { forbiddenKeyPaths } from './forbidden-keys.js';
import {
  errorResponse,
  forbiddenKeys,
  HttpError,
  internalErrorResponse,
  malformedJson,
  MAX_BODY_BYTES,
  payloadTooLarge,
  unsupportedMediaType,
} from './http.js';
import { isJsonMediaType } from './media-type.js';
import { loggableError } from '../lambda/loggable-error.js';

// Never the event: request and record bodies carry children's names and messages. An explicit
// false also overrides POWERTOOLS_LOGGER_LOG_EVENT, so no environment can turn it on.
const LOGGER_OPTIONS = { resetKeys: true, logEvent: false } as const;

/** An API Gateway event after the JSON body parser: body is the parsed value. */
export type JsonHttpEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: unknown };

type Request = MiddyRequest<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;

/** Turns an error some middleware threw into the one to answer. */
type TranslateError = (error: unknown, event: APIGatewayProxyEventV2) => unknown;

type HttpFunction<E> = (event: E) => Promise<APIGatewayProxyResultV2>;

// A UTF-16 code unit is at most 3 UTF-8 bytes, and base64 decodes to fewer bytes than it
// has characters, so a short body is within the limit without counting its bytes.
const isOverLimit = ({ body, isBase64Encoded }: APIGatewayProxyEventV2): boolean =>
  body !== undefined &&
  body.length * 3 > MAX_BODY_BYTES &&
  Buffer.byteLength(body, isBase64Encoded ? 'base64' : 'utf8') > MAX_BODY_BYTES;

/** 413 before any parsing, as API Gateway's own limit would (ours is smaller). */
const rejectLargeBodies = (): MiddlewareObj<APIGatewayProxyEventV2> => {
  const rejectLargeBodiesBefore = ({ event }: Request) => {
    if (isOverLimit(event)) throw payloadTooLarge();
  };
  return { before: rejectLargeBodiesBefore };
};

/** 415 unless Content-Type is JSON as RFC 9110 spells media types (parameters, white space, case). */
const rejectNonJsonBodies = (): MiddlewareObj<APIGatewayProxyEventV2> => {
  const rejectNonJsonBodiesBefore = ({ event }: Request) => {
    if (!isJsonMediaType(event.headers?.['content-type'])) throw unsupportedMediaType();
  };
  return { before: rejectNonJsonBodiesBefore };
};

/** 400 VALIDATION_FAILED naming each __proto__, constructor or prototype key of the parsed body. */
const rejectForbiddenKeys = (): MiddlewareObj<APIGatewayProxyEventV2> => {
  const rejectForbiddenKeysBefore = ({ event }: Request) => {
    const details = forbiddenKeyPaths(event.body);
    if (details.length > 0) throw forbiddenKeys(details);
  };
  return { before: rejectForbiddenKeysBefore };
};

const withCorrelationHeader = (response: APIGatewayProxyStructuredResultV2, event: APIGatewayProxyEventV2) => ({
  ...response,
  headers: { ...response.headers, [CORRELATION_HEADER]: correlationIdOf(event) },
});

/** Tags every log line and the response with the request's correlation id. */
const correlate = (logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => {
  const correlateBefore = ({ event }: Request) => logger.setCorrelationId(correlationIdOf(event));
  const correlateAfter = (request: Request) => {
    const response = request.response;
    if (response && typeof response === 'object') request.response = withCorrelationHeader(response, request.event);
  };
  return { before: correlateBefore, after: correlateAfter };
};

const JSON_PARSER_PACKAGE = '@middy/http-json-body-parser';

// The JSON parser signals with bare 422 errors marked with its package name; only those are
// translated (a forbidden key is re-found in the raw body so the answer can name its path).
// Any other error, whatever its statusCode, is ours to log and answer as a 500.
const translateParserError: TranslateError = (error, event) => {
  const cause = (error as { cause?: { package?: unknown; data?: unknown } } | null)?.cause;
  if (error instanceof HttpError || cause?.package !== JSON_PARSER_PACKAGE) return error;
  if ((error as Error).message === 'Forbidden key in JSON body') {
    const details = forbiddenKeyPaths(JSON.parse(decodedBody(event)));
    return forbiddenKeys(details.length > 0 ? details : [{ path: String(cause.data), message: 'not allowed as a key' }]);
  }
  return malformedJson();
};

const decodedBody = ({ body = '', isBase64Encoded }: APIGatewayProxyEventV2): string =>
  isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;

/**
 * Answers HttpErrors as the contract's error body; anything else is logged and answered 500.
 * Only the JSON stack passes a translation, so query bundles carry none of the parser's.
 */
const answerErrors = (
  logger: Logger,
  translate: TranslateError = (error) => error,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => {
  const answerErrorsOnError = (request: Request) => {
    const error = translate(request.error, request.event);
    if (error instanceof HttpError) logger.info('request rejected', { statusCode: error.statusCode, code: error.code });
    else logger.error('request failed', { error: loggableError(error) });
    const response = error instanceof HttpError ? errorResponse(error) : internalErrorResponse();
    request.error = null as never;
    request.response = withCorrelationHeader(response, request.event);
  };
  return { onError: answerErrorsOnError };
};

/** Wraps an HTTP function that takes no body (queries) in the shared Middy stack. */
export const httpHandler = (logger: Logger, fn: HttpFunction<APIGatewayProxyEventV2>) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(injectLambdaContext(logger, LOGGER_OPTIONS))
    .use(correlate(logger))
    .use(answerErrors(logger))
    .handler(fn);

/** Wraps an HTTP function that takes a JSON body (commands): 413, 415 and malformed JSON answered first. */
export const jsonHttpHandler = (logger: Logger, fn: HttpFunction<JsonHttpEvent>) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(injectLambdaContext(logger, LOGGER_OPTIONS))
    .use(correlate(logger))
    .use(answerErrors(logger, translateParserError))
    .use(rejectLargeBodies())
    .use(rejectNonJsonBodies())
    .use(httpJsonBodyParser({ disableContentTypeCheck: true }) as MiddlewareObj<APIGatewayProxyEventV2>)
    .use(rejectForbiddenKeys())
    .handler(fn as unknown as HttpFunction<APIGatewayProxyEventV2>);

/** Wraps an SQS consumer in the shared Middy stack; the function reports partial batch failures; metrics flush once per invocation, thrown or not. */
export const sqsHandler = (logger: Logger, metrics: Metrics, fn: (event: SQSEvent) => Promise<SQSBatchResponse>) =>
  middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, LOGGER_OPTIONS))
    .use(logMetrics(metrics))
    .handler(fn);
