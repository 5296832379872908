import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { invocationContext, loadFunction, type LambdaHandler } from './functions.js';
import type { Wiring } from './wiring.js';

/** Calls a function by name, as Lambda would; correlationId only labels the log line. */
export type Invoke = (functionName: string, event: unknown, correlationId?: string) => Promise<unknown>;

/** One line per invocation: which function, its request id, how long it took and how it ended. */
export type InvocationLog = (line: Record<string, unknown>) => void;

/** Imports every function of the wiring and returns an invoker that logs each call. */
export const loadInvoker = async (wiring: Wiring, log: InvocationLog): Promise<Invoke> => {
  const functions = await loadFunctions(wiring);
  return async (name, event, correlationId) => {
    const context = invocationContext(name, wiring.functions[name]?.timeoutSeconds ?? 30);
    const started = performance.now();
    let outcome = 'ok';
    try {
      const result = await functions[name]!(event, context);
      if (isBatchResponse(result) && result.batchItemFailures.length > 0) outcome = `${result.batchItemFailures.length} failed`;
      return result;
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      log({
        function: name,
        requestId: context.awsRequestId,
        ...(correlationId ? { correlationId } : {}),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        outcome,
      });
    }
  };
};

/** The correlation ids a batch carries (SNS message attributes), for the invocation log line. */
export const correlationIdsOf = (event: SQSEvent): string =>
  [...new Set(event.Records.map((record) => record.messageAttributes.correlationId?.stringValue).filter(Boolean))].join(',');

const isBatchResponse = (value: unknown): value is SQSBatchResponse =>
  typeof value === 'object' && value !== null && Array.isArray((value as SQSBatchResponse).batchItemFailures);

const loadFunctions = async (w: Wiring): Promise<Record<string, LambdaHandler>> => {
  const entries = await Promise.all(Object.keys(w.functions).map(async (name) => [name, await loadFunction(name)] as const));
  return Object.fromEntries(entries);
};
