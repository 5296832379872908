import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** A Lambda handler as the runtime calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Imports handlers/<name>/index.ts, the same entry point esbuild bundles for AWS. */
export const loadFunction = async (name: string): Promise<LambdaHandler> => {
  const entry = new URL(`../handlers/${name}/index.ts`, import.meta.url).href;
  const module = (await import(/* @vite-ignore */ entry)) as { handler: LambdaHandler };
  return module.handler;
};

/** The context object Lambda passes with each invocation. */
export const invocationContext = (functionName: string, timeoutSeconds: number): Context => {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const awsRequestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${awsRequestId.slice(0, 8)}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
