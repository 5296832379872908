import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { CORRELATION_HEADER, correlationIdOf } from './correlation.js';
import {
  errorResponse,
  HttpError,
  internalErrorResponse,
  malformedJson,
  MAX_BODY_BYTES,
  payloadTooLarge,
  unsupportedMediaType,
} from './http.js';

/** An API Gateway event after the JSON body parser: body is the parsed value. */
export type JsonHttpEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: unknown };

type HttpFunction<E> = (event: E) => Promise<APIGatewayProxyResultV2>;

// A UTF-16 code unit is at most 3 UTF-8 bytes, and base64 decodes to fewer bytes than it
// has characters, so a short body is within the limit without counting its bytes.
const isOverLimit = ({ body, isBase64Encoded }: APIGatewayProxyEventV2): boolean =>
  body !== undefined &&
  body.length * 3 > MAX_BODY_BYTES &&
  Buffer.byteLength(body, isBase64Encoded ? 'base64' : 'utf8') > MAX_BODY_BYTES;

/** 413 before any parsing, as API Gateway's own limit would (ours is smaller). */
const rejectLargeBodies = (): MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: ({ event }) => {
    if (isOverLimit(event)) throw payloadTooLarge();
  },
});

const withCorrelationHeader = (response: APIGatewayProxyStructuredResultV2, event: APIGatewayProxyEventV2) => ({
  ...response,
  headers: { ...response.headers, [CORRELATION_HEADER]: correlationIdOf(event) },
});

/** Tags every log line and the response with the request's correlation id. */
const correlate = (logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => ({
  before: ({ event }) => logger.setCorrelationId(correlationIdOf(event)),
  after: (request) => {
    const response = request.response;
    if (response && typeof response === 'object') request.response = withCorrelationHeader(response, request.event);
  },
});

// Middy's own HTTP middlewares signal with bare 415/422 errors; the contract names them.
const translateParserError = (error: unknown): unknown => {
  const status = (error as { statusCode?: number } | null)?.statusCode;
  if (error instanceof HttpError || status === undefined) return error;
  if (status === 415) return unsupportedMediaType();
  if (status === 422 || status === 400) return malformedJson();
  return error;
};

/** Answers HttpErrors as the contract's error body; anything else is logged and answered 500. */
const answerErrors = (logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => ({
  onError: (request) => {
    const error = translateParserError(request.error);
    if (error instanceof HttpError) logger.info('request rejected', { statusCode: error.statusCode, code: error.code });
    else logger.error('request failed', error as Error);
    const response = error instanceof HttpError ? errorResponse(error) : internalErrorResponse();
    request.error = null as never;
    request.response = withCorrelationHeader(response, request.event);
  },
});

/** Wraps an HTTP function that takes no body (queries) in the shared Middy stack. */
export const httpHandler = (logger: Logger, fn: HttpFunction<APIGatewayProxyEventV2>) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlate(logger))
    .use(answerErrors(logger))
    .handler(fn);

/** Wraps an HTTP function that takes a JSON body (commands): 413, 415 and malformed JSON answered first. */
export const jsonHttpHandler = (logger: Logger, fn: HttpFunction<JsonHttpEvent>) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlate(logger))
    .use(answerErrors(logger))
    .use(rejectLargeBodies())
    .use(httpJsonBodyParser() as MiddlewareObj<APIGatewayProxyEventV2>)
    .handler(fn as unknown as HttpFunction<APIGatewayProxyEventV2>);

/** Wraps an SQS consumer in the shared Middy stack; the function reports partial batch failures; metrics flush once per invocation, thrown or not. */
export const sqsHandler = (logger: Logger, metrics: Metrics, fn: (event: SQSEvent) => Promise<SQSBatchResponse>) =>
  middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(fn);
