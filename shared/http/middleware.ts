import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj, type Request as MiddyRequest } from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { CORRELATION_HEADER, correlationIdOf } from './correlation.js';
import { errorResponse, HttpError, internalErrorResponse, MAX_BODY_BYTES, payloadTooLarge, unsupportedMediaType } from './http.js';
import { parseJsonBody } from './json-body.js';
import { isJsonMediaType } from './media-type.js';
import { loggableError } from '../lambda/loggable-error.js';

// Never the event: request and record bodies carry children's names and messages. An explicit
// false also overrides POWERTOOLS_LOGGER_LOG_EVENT, so no environment can turn it on.
const LOGGER_OPTIONS = { resetKeys: true, logEvent: false } as const;

/** An API Gateway event after the JSON body parser: body is the parsed value. */
export type JsonHttpEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: unknown };

type Request = MiddyRequest<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;
type HttpFunction<E> = (event: E) => Promise<APIGatewayProxyResultV2>;

// A UTF-16 code unit is at most 3 UTF-8 bytes, and base64 decodes to fewer bytes than it
// has characters, so a short body is within the limit without counting its bytes.
const isOverLimit = ({ body, isBase64Encoded }: APIGatewayProxyEventV2): boolean =>
  body !== undefined &&
  body.length * 3 > MAX_BODY_BYTES &&
  Buffer.byteLength(body, isBase64Encoded ? 'base64' : 'utf8') > MAX_BODY_BYTES;

/**
 * The JSON body, checked in the order a client can fix them: 413 over the size limit (before
 * any parsing, as API Gateway's own limit would; ours is smaller), 415 unless Content-Type is
 * JSON, 400 for malformed JSON or a forbidden key; then event.body is the parsed value.
 * One hook rather than four: each Middy hook is a step of every request.
 */
const jsonBody = (): MiddlewareObj<APIGatewayProxyEventV2> => {
  const jsonBodyBefore = ({ event }: Request) => {
    if (isOverLimit(event)) throw payloadTooLarge();
    if (!isJsonMediaType(event.headers?.['content-type'])) throw unsupportedMediaType();
    (event as JsonHttpEvent).body = parseJsonBody(event);
  };
  return { before: jsonBodyBefore };
};

const withCorrelationHeader = (response: APIGatewayProxyStructuredResultV2, event: APIGatewayProxyEventV2) => ({
  ...response,
  headers: { ...response.headers, [CORRELATION_HEADER]: correlationIdOf(event) },
});

/**
 * Puts the Lambda context and the request's correlation id on every log line, and the
 * correlation id on the response; the request's keys are dropped when it ends, answered or
 * not. What Powertools' injectLambdaContext does for a logger without log buffering, plus
 * correlation, in one hook per phase.
 */
const requestContext = (logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => {
  const requestContextBefore = ({ event, context }: Request) => {
    logger.refreshSampleRateCalculation();
    logger.addContext(context);
    logger.setCorrelationId(correlationIdOf(event));
  };
  const requestContextAfter = (request: Request) => {
    const response = request.response;
    if (response && typeof response === 'object') request.response = withCorrelationHeader(response, request.event);
    logger.resetKeys();
  };
  const requestContextOnError = () => logger.resetKeys();
  return { before: requestContextBefore, after: requestContextAfter, onError: requestContextOnError };
};

/** Answers HttpErrors as the contract's error body; anything else is logged and answered 500. */
const answerErrors = (logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => {
  const answerErrorsOnError = (request: Request) => {
    const error = request.error;
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
  middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>().use(requestContext(logger)).use(answerErrors(logger)).handler(fn);

/** Wraps an HTTP function that takes a JSON body (commands): 413, 415 and malformed JSON answered first. */
export const jsonHttpHandler = (logger: Logger, fn: HttpFunction<JsonHttpEvent>) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(requestContext(logger))
    .use(answerErrors(logger))
    .use(jsonBody())
    .handler(fn as unknown as HttpFunction<APIGatewayProxyEventV2>);

/** Wraps an SQS consumer in the shared Middy stack; the function reports partial batch failures; metrics flush once per invocation, thrown or not. */
export const sqsHandler = (logger: Logger, metrics: Metrics, fn: (event: SQSEvent) => Promise<SQSBatchResponse>) =>
  middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, LOGGER_OPTIONS))
    .use(logMetrics(metrics))
    .handler(fn);
