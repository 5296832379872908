import type { Context } from 'aws-lambda';

/** Where and how long an invocation runs; defaults suit a test. */
export interface LambdaContextOptions {
  /** The function's timeout: getRemainingTimeInMillis counts down from it. */
  timeoutSeconds?: number;
  awsRequestId?: string;
  region?: string;
  accountId?: string;
  /** The clock the remaining time is counted on; a test's stands still, so its time never runs out. */
  now?: () => number;
}

const DEFAULTS = {
  timeoutSeconds: 5,
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  region: 'eu-north-1',
  accountId: '123456789012',
  now: () => 0,
} satisfies Required<LambdaContextOptions>;

/** A Lambda context as the runtime passes it with each invocation: for tests and the local runtime alike. */
export const lambdaContext = (functionName = 'test-function', options: LambdaContextOptions = {}): Context => {
  const { timeoutSeconds, awsRequestId, region, accountId, now } = { ...DEFAULTS, ...options };
  const deadline = now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2026/11/27/[$LATEST]${awsRequestId.replaceAll('-', '').slice(0, 16)}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
