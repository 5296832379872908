import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Header a caller may set to trace its request through the pipeline. */
export const CORRELATION_HEADER = 'x-correlation-id';

const PRINTABLE_ID = /^[\x21-\x7e]{1,128}$/u;

/** The caller's correlation id when well-formed, else API Gateway's request id. */
export const correlationIdOf = (event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): string => {
  const fromCaller = event.headers?.[CORRELATION_HEADER];
  return fromCaller && PRINTABLE_ID.test(fromCaller) ? fromCaller : event.requestContext.requestId;
};
