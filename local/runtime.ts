import { CreateTableCommand, ResourceInUseException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDynamoDocumentClient } from '../shared/adapters/dynamodb-client.js';
import { eventLogTableDefinition } from '../shared/adapters/event-log-table.js';
import { lettersTableDefinition } from '../shared/adapters/letters-table.js';
import { IDEMPOTENCY_TABLE, idempotencyTableDefinition } from '../shared/adapters/idempotency-table.js';
import { localLetterIdKeySet } from './letter-id-keys-file.js';
import { wiring, type Wiring } from './wiring.js';
import { openApiDocument } from '../openapi/document.js';
import { removeEndpointsFile, writeEndpointsFile } from './endpoints-file.js';
import { withFaults, type FaultOptions } from './faults.js';
import { startHttpFront } from './http-front.js';
import { invocationContext, loadFunction, type LambdaHandler } from './functions.js';
import { readHealth } from './health.js';
import { startPoller, type Poller } from './sqs-poller.js';
import { startStandIns, type StandIns } from './stand-ins.js';
import { createTopology, type Topology } from './topology.js';

export interface LocalRuntimeOptions {
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** Keep queues, tables and the database under this directory across restarts. */
  dataDir?: string;
  /** A real PostgreSQL to use instead of the embedded PGlite. */
  databaseUrl?: string;
  /** Seconds a failed message stays invisible before it is retried (AWS uses 6x the function timeout). */
  visibilityTimeoutSeconds?: number;
  /** Level of the functions' own logs. */
  logLevel?: string;
  /** Where the one-line-per-invocation log goes. */
  log?: (line: Record<string, unknown>) => void;
  /** Faults injected between each queue and its consumer (local/faults.ts); off by default. */
  faults?: FaultOptions;
}

export interface LocalRuntime {
  url: string;
  topology: Topology;
  standIns: StandIns;
  clients: { sqs: SQSClient; sns: SNSClient };
  tables: { letters: string; eventLog: string };
  stop(): Promise<void>;
}

const REGION = 'eu-north-1';
const TABLES = { letters: 'letters', eventLog: 'letter-events' };

const createTableIfMissing = async (client: ReturnType<typeof createDynamoDocumentClient>, definition: CreateTableCommandInput) => {
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
};

/** The environment Lambda would give the functions, pointing the SDKs at the stand-ins. */
const functionEnvironment = (standIns: StandIns, logLevel: string): Record<string, string> => ({
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_SNS: standIns.messagingEndpoint,
  AWS_ENDPOINT_URL_SQS: standIns.messagingEndpoint,
  AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamodbEndpoint,
  LETTERS_TABLE_NAME: TABLES.letters,
  EVENT_LOG_TABLE_NAME: TABLES.eventLog,
  DATABASE_URL: standIns.databaseUrl,
  LOG_LEVEL: logLevel,
});

/**
 * Runs the whole system in this process: stand-ins for SNS/SQS, DynamoDB and PostgreSQL,
 * the topic/queues/subscriptions from the wiring, every function, an HTTP front shaped
 * like API Gateway, and SQS pollers shaped like Lambda's event source mappings.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> => {
  const log = options.log ?? ((line) => console.log(JSON.stringify(line)));
  const standIns = await startStandIns({
    region: REGION,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  Object.assign(process.env, functionEnvironment(standIns, options.logLevel ?? 'WARN'));

  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const sns = new SNSClient({ region: REGION, endpoint: standIns.messagingEndpoint, credentials });
  // fauxqs queue URLs use a *.localhost host, so the SQS client needs the endpoint spelled out.
  const sqs = new SQSClient({ region: REGION, endpoint: standIns.messagingEndpoint, credentials });
  const dynamo = createDynamoDocumentClient({ region: REGION, endpoint: standIns.dynamodbEndpoint, credentials });

  const topology = await createTopology({ sns, sqs }, wiring, { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 2 });
  process.env.LETTERS_TOPIC_ARN = topology.topicArn;
  // The command functions' idempotency records and letter id keys (a secret on AWS).
  process.env.IDEMPOTENCY_TABLE_NAME = IDEMPOTENCY_TABLE.localName;
  process.env.LETTER_ID_KEYS = JSON.stringify(localLetterIdKeySet(options.dataDir));
  await createTableIfMissing(dynamo, idempotencyTableDefinition(IDEMPOTENCY_TABLE.localName));
  await createTableIfMissing(dynamo, lettersTableDefinition(TABLES.letters));
  await createTableIfMissing(dynamo, eventLogTableDefinition(TABLES.eventLog));

  const functions = await loadFunctions(wiring);
  const invoke = async (name: string, event: unknown, correlationId?: string) => {
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

  await invoke('migrate', {});

  const front = await startHttpFront({
    port: options.port ?? 3000,
    routes: Object.fromEntries(Object.entries(wiring.routes).map(([key, route]) => [key, route.function])),
    invoke: (name, event) => invoke(name, event, event.headers['x-correlation-id'] ?? event.requestContext.requestId),
    localEndpoints: {
      '/openapi.json': async () => openApiDocument(),
      '/health': () => readHealth({ messagingEndpoint: standIns.messagingEndpoint, topology }),
    },
  });

  const pollers: Poller[] = Object.entries(wiring.consumers).map(([queueName, consumer]) => {
    const queue = topology.queues[queueName]!;
    return startPoller({
      sqs,
      queueUrl: queue.url,
      queueArn: queue.arn,
      region: REGION,
      batchSize: consumer.batchSize,
      maximumBatchingWindowSeconds: consumer.maximumBatchingWindowSeconds,
      maximumConcurrency: consumer.maximumConcurrency,
      invoke: withFaults(queueName, (event: SQSEvent) => invoke(consumer.function, event, correlationIdsOf(event)) as Promise<SQSBatchResponse>, {
        ...options.faults,
        // One generator per queue, so one queue's traffic does not shift another's faults.
        seed: (options.faults?.seed ?? 1) + Object.keys(wiring.consumers).indexOf(queueName),
      }),
      onError: (error) => log({ poller: queueName, error: String(error) }),
    });
  });

  const runtime: LocalRuntime = {
    url: `http://127.0.0.1:${front.port}`,
    topology,
    standIns,
    clients: { sqs, sns },
    tables: TABLES,
    stop: async () => {
      await front.close();
      await Promise.all(pollers.map((poller) => poller.stop()));
      sns.destroy();
      sqs.destroy();
      dynamo.destroy();
      await standIns.stop();
      if (options.dataDir) await removeEndpointsFile(options.dataDir);
    },
  };
  // Tools (replay, dlq) find the stand-ins of a runtime on a DATA_DIR through this file.
  if (options.dataDir) {
    await writeEndpointsFile(options.dataDir, {
      pid: process.pid,
      region: REGION,
      url: runtime.url,
      messagingEndpoint: standIns.messagingEndpoint,
      dynamodbEndpoint: standIns.dynamodbEndpoint,
      databaseUrl: standIns.databaseUrl,
      tables: TABLES,
      topology,
    });
  }
  return runtime;
};

/** The correlation ids a batch carries (SNS message attributes), for the invocation log line. */
const correlationIdsOf = (event: SQSEvent): string =>
  [...new Set(event.Records.map((record) => record.messageAttributes.correlationId?.stringValue).filter(Boolean))].join(',');

const isBatchResponse = (value: unknown): value is SQSBatchResponse =>
  typeof value === 'object' && value !== null && Array.isArray((value as SQSBatchResponse).batchItemFailures);

const loadFunctions = async (w: Wiring): Promise<Record<string, LambdaHandler>> => {
  const entries = await Promise.all(Object.keys(w.functions).map(async (name) => [name, await loadFunction(name)] as const));
  return Object.fromEntries(entries);
};
