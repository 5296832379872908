import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { openApiDocument } from '../openapi/document.js';
import { createLocalClients, LOCAL_REGION, type LocalClients } from './clients.js';
import { removeEndpointsFile, writeEndpointsFile } from './endpoints-file.js';
import { withFaults, type FaultOptions } from './faults.js';
import { readHealth } from './health.js';
import { startHttpFront, type HttpFront } from './http-front.js';
import { correlationIdsOf, loadInvoker, type Invoke, type InvocationLog } from './invocations.js';
import { startPoller, type Poller } from './sqs-poller.js';
import { startStandIns as startEmbeddedStandIns, type StandIns } from './stand-ins.js';
import { createLocalTables, type TableNames } from './tables.js';
import { createTopology as createWiredTopology, type Topology } from './topology.js';
import { wiring } from './wiring.js';

export interface LocalRuntimeOptions {
  /** HTTP port; 0 picks a free one. Default 3000. */
  port?: number;
  /** Keep queues, tables and the database under this directory across restarts. Default: in memory. */
  dataDir?: string;
  /** A real PostgreSQL to use instead of the embedded PGlite. */
  databaseUrl?: string;
  /** Seconds a failed message stays invisible before it is retried (AWS uses 6x the function timeout). Default 2. */
  visibilityTimeoutSeconds?: number;
  /** Level of the functions' own logs. Default WARN. */
  logLevel?: string;
  /** Where the one-line-per-invocation log goes. Default: stdout, as JSON. */
  log?: InvocationLog;
  /** Faults injected between each queue and its consumer (local/faults.ts); off by default. */
  faults?: FaultOptions;
}

export interface LocalRuntime {
  url: string;
  topology: Topology;
  standIns: StandIns;
  clients: { sqs: SQSClient; sns: SNSClient };
  tables: TableNames;
  stop(): Promise<void>;
}

/**
 * Runs the whole system in this process: stand-ins for SNS/SQS, DynamoDB and PostgreSQL,
 * the topic/queues/subscriptions from the wiring, every function, an HTTP front shaped
 * like API Gateway, and SQS pollers shaped like Lambda's event source mappings.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> => {
  const log = options.log ?? ((line) => console.log(JSON.stringify(line)));
  const standIns = await startStandIns(options);
  const clients = createLocalClients(standIns);
  const topology = await createTopology(clients, options);
  const tables = await createLocalTables(clients.dynamo);
  setFunctionEnvironment(standIns, topology, tables, options);
  const invoke = await loadInvoker(wiring, log);
  await invoke('migrate', {});
  const front = await startFront(invoke, standIns, topology, options);
  const pollers = startPollers(invoke, clients, topology, log, options);

  const runtime: LocalRuntime = {
    url: `http://127.0.0.1:${front.port}`,
    topology,
    standIns,
    clients,
    tables,
    stop: async () => {
      await front.close();
      await Promise.all(pollers.map((poller) => poller.stop()));
      clients.destroy();
      await standIns.stop();
      if (options.dataDir) await removeEndpointsFile(options.dataDir);
    },
  };
  await writeEndpoints(runtime, options);
  return runtime;
};

const startStandIns = ({ dataDir, databaseUrl }: LocalRuntimeOptions): Promise<StandIns> =>
  startEmbeddedStandIns({ region: LOCAL_REGION, ...(dataDir ? { dataDir } : {}), ...(databaseUrl ? { databaseUrl } : {}) });

const createTopology = (clients: LocalClients, { visibilityTimeoutSeconds = 2 }: LocalRuntimeOptions): Promise<Topology> =>
  createWiredTopology(clients, wiring, { visibilityTimeoutSeconds });

/** The environment Lambda would give the functions, pointing the SDKs at the stand-ins; one line per variable. */
const setFunctionEnvironment = (standIns: StandIns, topology: Topology, tables: TableNames, { logLevel = 'WARN' }: LocalRuntimeOptions) =>
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_SNS: standIns.messagingEndpoint,
    AWS_ENDPOINT_URL_SQS: standIns.messagingEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamodbEndpoint,
    LETTERS_TOPIC_ARN: topology.topicArn,
    LETTERS_TABLE_NAME: tables.letters,
    EVENT_LOG_TABLE_NAME: tables.eventLog,
    DATABASE_URL: standIns.databaseUrl,
    LOG_LEVEL: logLevel,
  });

const startFront = (invoke: Invoke, standIns: StandIns, topology: Topology, { port = 3000 }: LocalRuntimeOptions): Promise<HttpFront> =>
  startHttpFront({
    port,
    routes: Object.fromEntries(Object.entries(wiring.routes).map(([key, route]) => [key, route.function])),
    invoke: (name, event) => invoke(name, event, event.headers['x-correlation-id'] ?? event.requestContext.requestId),
    localEndpoints: {
      '/openapi.json': async () => openApiDocument(),
      '/health': () => readHealth({ messagingEndpoint: standIns.messagingEndpoint, topology }),
    },
  });

const startPollers = (invoke: Invoke, { sqs }: LocalClients, topology: Topology, log: InvocationLog, { faults }: LocalRuntimeOptions): Poller[] =>
  Object.entries(wiring.consumers).map(([queueName, consumer], index) => {
    const queue = topology.queues[queueName]!;
    return startPoller({
      sqs,
      queueUrl: queue.url,
      queueArn: queue.arn,
      region: LOCAL_REGION,
      batchSize: consumer.batchSize,
      maximumBatchingWindowSeconds: consumer.maximumBatchingWindowSeconds,
      maximumConcurrency: consumer.maximumConcurrency,
      invoke: withFaults(queueName, (event: SQSEvent) => invoke(consumer.function, event, correlationIdsOf(event)) as Promise<SQSBatchResponse>, {
        ...faults,
        // One generator per queue, so one queue's traffic does not shift another's faults.
        seed: (faults?.seed ?? 1) + index,
      }),
      onError: (error) => log({ poller: queueName, error: String(error) }),
    });
  });

/** Tools (replay, dlq) find the stand-ins of a runtime on a DATA_DIR through this file. */
const writeEndpoints = async ({ url, standIns, tables, topology }: LocalRuntime, { dataDir }: LocalRuntimeOptions) => {
  if (!dataDir) return;
  await writeEndpointsFile(dataDir, {
    pid: process.pid,
    region: LOCAL_REGION,
    url,
    messagingEndpoint: standIns.messagingEndpoint,
    dynamodbEndpoint: standIns.dynamodbEndpoint,
    databaseUrl: standIns.databaseUrl,
    tables,
    topology,
  });
};
