import { openApiDocument } from '../openapi/document.js';
import { json } from '../shared/http/http.js';
import { fromApiGatewayResult } from './api-gateway-event.js';
import { createLocalClients, LOCAL_REGION, type LocalClients } from './clients.js';
import { removeEndpointsFile, writeEndpointsFile } from './endpoints-file.js';
import type { FaultOptions } from './faults.js';
import { readHealth } from './health.js';
import { startHttpFront, type HttpFront } from './http-front.js';
import { createJwtAuthorizer } from './identity/jwt-authorizer.js';
import { createLocalIssuer, type LocalIssuer } from './identity/local-issuer.js';
import { loadSigningKey, type SigningKey } from './identity/signing-key.js';
import { loadInvoker, type Invoke, type InvocationLog } from './invocations.js';
import { localChildErasureKeySet, localChildPseudonymKeySet, localLetterIdKeySet } from './letter-id-keys-file.js';
import { scheduledFunctions, startScheduledFunctions } from './scheduled-functions.js';
import { startPollers } from './pollers.js';
import { startStandIns as startEmbeddedStandIns, type StandIns } from './stand-ins.js';
import { createLocalTables, type TableNames } from './tables.js';
import { createTopology as createWiredTopology, type Topology } from './topology.js';
import { expiringTables, startTtlSweeper } from './ttl-sweeper.js';
import { wiring } from './wiring.js';
import { projectionQueues } from './projection-queues.js';
import { consoleRoutes } from './console-files.js';
import { CONSOLE_CLIENT_ID } from './identity/authorization-code.js';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RETENTION_DAYS } from '../shared/domain/retention.js';
import { DEFAULT_ANALYTICS_MIN_CHILDREN } from '../shared/domain/analytics.js';

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
  /** Days items are kept (RETENTION_DAYS of the functions); the TTL sweeper deletes them after. Default 400. */
  retentionDays?: number;
  /** Distinct children a toy or country needs before analytics show it (ANALYTICS_MIN_CHILDREN); 1 shows everything. Default 5. */
  analyticsMinChildren?: number;
  /** Commands one account may send per minute (COMMANDS_PER_MINUTE of the command functions). Default 60. */
  commandsPerMinute?: number;
  /** Records per second each projector may handle at most (a spike rehearsal's pacing, local/pacing.ts). Default: unpaced. */
  projectorEventsPerSecond?: number;
  /** Where the built console is (served at /console/). Default dist/console. */
  consoleDir?: string;
}

const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../dist/console', import.meta.url));

export interface LocalRuntime {
  url: string;
  topology: Topology;
  standIns: StandIns;
  clients: Pick<LocalClients, 'sqs' | 'sns' | 'dynamo'>;
  tables: TableNames;
  /** The local OIDC issuer: mints the tokens every API route needs. */
  identity: LocalIssuer;
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
  const signingKey = await loadSigningKey(options.dataDir);
  const { front, identity } = await startFront(invoke, signingKey, standIns, topology, options);
  const pollers = startPollers({
    invoke,
    sqs: clients.sqs,
    topology,
    log,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.projectorEventsPerSecond ? { projectorEventsPerSecond: options.projectorEventsPerSecond } : {}),
  });
  // dynalite has no TTL: this does what DynamoDB's TTL does on AWS.
  const sweeper = startTtlSweeper({ client: clients.dynamo, tables: expiringTables(tables) });
  // EventBridge Scheduler's part on AWS: purge-expired deletes expired analytics rows.
  const scheduled = startScheduledFunctions({ invoke, names: scheduledFunctions(wiring) });

  const runtime: LocalRuntime = {
    url: front.url,
    topology,
    standIns,
    clients,
    tables,
    identity,
    stop: async () => {
      await front.close();
      await Promise.all([...pollers, sweeper, scheduled].map((stoppable) => stoppable.stop()));
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
const setFunctionEnvironment = (
  standIns: StandIns,
  topology: Topology,
  tables: TableNames,
  { logLevel = 'WARN', dataDir, retentionDays = DEFAULT_RETENTION_DAYS, analyticsMinChildren = DEFAULT_ANALYTICS_MIN_CHILDREN, commandsPerMinute = wiring.commandQuota.commandsPerMinute }: LocalRuntimeOptions,
) =>
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
    RETENTION_DAYS: String(retentionDays),
    ANALYTICS_MIN_CHILDREN: String(analyticsMinChildren),
    // The command functions' idempotency records and letter id keys (a secret on AWS).
    IDEMPOTENCY_TABLE_NAME: tables.idempotency,
    QUOTA_TABLE_NAME: tables.quotas,
    COMMANDS_PER_MINUTE: String(commandsPerMinute),
    LETTER_ID_KEYS: JSON.stringify(localLetterIdKeySet(dataDir)),
    // project-analytics' child pseudonym keys (a secret on AWS).
    CHILD_PSEUDONYM_KEYS: JSON.stringify(localChildPseudonymKeySet(dataDir)),
    // project-letters' and archive-events' child erasure keys (a secret on AWS).
    CHILD_ERASURE_KEYS: JSON.stringify(localChildErasureKeySet(dataDir)),
    POWERTOOLS_METRICS_NAMESPACE: wiring.metrics.namespace,
    // The operations functions' queues; the stand-in's inspection stands in for CloudWatch and the move task.
    PROJECTION_QUEUES: JSON.stringify(projectionQueues(topology)),
    SQS_INSPECTION_ENDPOINT: standIns.messagingEndpoint,
    // EMF lines are for CloudWatch; on a laptop they would drown the invocation log.
    POWERTOOLS_METRICS_DISABLED: 'true',
  });

/** The API Gateway-shaped front, its JWT authorizer trusting the local issuer at the front's own URL. */
const startFront = async (invoke: Invoke, key: SigningKey, standIns: StandIns, topology: Topology, { port = 3000, consoleDir = DEFAULT_CONSOLE_DIR }: LocalRuntimeOptions) => {
  let identity: LocalIssuer | undefined;
  const document = (read: () => Promise<unknown>) => async () => fromApiGatewayResult(json(200, await read()));
  const front: HttpFront = await startHttpFront({
    port,
    handlers: async (baseUrl) => {
      identity = createLocalIssuer({ issuer: baseUrl, key });
      return {
        routes: wiring.routes,
        invoke: (name, event) => invoke(name, event, event.headers['x-correlation-id'] ?? event.requestContext.requestId),
        authorize: createJwtAuthorizer({ issuer: identity.issuer, audiences: [identity.audience], jwks: identity.jwks }),
        localRoutes: {
          ...identity.routes,
          'GET /openapi.json': document(async () => openApiDocument()),
          'GET /health': document(() => readHealth({ messagingEndpoint: standIns.messagingEndpoint, topology })),
          ...(await consoleRoutes({ dir: consoleDir, baseUrl, clientId: CONSOLE_CLIENT_ID })),
        },
      };
    },
  });
  return { front, identity: identity! };
};

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
