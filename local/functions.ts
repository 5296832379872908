import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../shared/testing/lambda-context.js';

/** A Lambda handler as the runtime calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Imports handlers/<name>/index.ts, the same entry point esbuild bundles for AWS. */
export const loadFunction = async (name: string): Promise<LambdaHandler> => {
  const entry = new URL(`../handlers/${name}/index.ts`, import.meta.url).href;
  const module = (await import(/* @vite-ignore */ entry)) as { handler: LambdaHandler };
  return module.handler;
};

/** The context object Lambda passes with each invocation: a fresh request id, the function's own timeout. */
export const invocationContext = (functionName: string, timeoutSeconds: number): Context =>
  lambdaContext(functionName, { timeoutSeconds, awsRequestId: randomUUID(), region: 'local', accountId: '000000000000', now: Date.now });
