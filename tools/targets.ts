import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Sql } from 'postgres';
import { createDynamoDocumentClient } from '../shared/adapters/dynamodb-client.js';
import { createLocalClients, LOCAL_REGION } from '../local/clients.js';
import { LOCAL_TABLES, type TableNames } from '../local/tables.js';
import { createSql, type DatabaseConfig } from '../shared/adapters/postgres-client.js';
import { dlqName, wiring } from '../local/wiring.js';
import { readEndpointsFile } from '../local/endpoints-file.js';
import { localChildErasureKeySet, localChildPseudonymKeySet } from '../local/letter-id-keys-file.js';
import { createChildPseudonym, type ChildErasureKey, type ChildPseudonym } from '../shared/domain/child-pseudonyms.js';
import { LetterIdKeySet } from '../shared/domain/letter-ids.js';
import * as v from 'valibot';
import type { QueuePair } from '../shared/adapters/queue-attributes.js';
import { readTerraformOutputs, type TerraformOutputs } from './terraform-outputs.js';

export type { QueuePair };

/** Where the operations tools act: the stores and queues of one deployment, local or AWS. */
export interface Targets {
  mode: 'local' | 'aws';
  dynamo: DynamoDBDocumentClient;
  /** The stores the operations tools work on. */
  tables: Pick<TableNames, 'letters' | 'eventLog'>;
  /** The analytics database; opened on first use, since not every tool needs it. */
  sql: () => Sql;
  /** The analytics projector's child pseudonyms: DATA_DIR's key set locally, CHILD_PSEUDONYM_KEYS (the secret's value) on AWS. */
  childPseudonym: () => ChildPseudonym;
  /** The letters projector's child erasure key: DATA_DIR's key set locally, CHILD_ERASURE_KEYS (the secret's value) on AWS. */
  childErasureKey: () => ChildErasureKey;
  sqs: SQSClient;
  queues: Record<string, QueuePair>;
  /** Locally, fauxqs' endpoint: queues can be read without receiving (see shared/adapters/sqs-inspection.ts). */
  messagingEndpoint?: string;
  close(): Promise<void>;
}

const lazySql = (config: DatabaseConfig) => {
  let sql: Sql | undefined;
  return { get: () => (sql ??= createSql(config)), end: async () => void (await sql?.end()) };
};

const localQueues = async (sqs: SQSClient): Promise<Record<string, QueuePair>> => {
  const entries = await Promise.all(
    Object.keys(wiring.consumers).map(async (name) => {
      const [{ QueueUrl: url }, { QueueUrl: dlqUrl }] = await Promise.all([
        sqs.send(new GetQueueUrlCommand({ QueueName: name })),
        sqs.send(new GetQueueUrlCommand({ QueueName: dlqName(name) })),
      ]);
      return [name, { name, url: url!, dlqUrl: dlqUrl! }] as const;
    }),
  );
  return Object.fromEntries(entries);
};

/**
 * The stand-ins of the local runtime running on dataDir (found through its endpoints.json),
 * or, when none runs there, the stand-ins started by this process on the same dataDir.
 */
export const localTargets = async (dataDir: string): Promise<Targets> => {
  const running = await readEndpointsFile(dataDir);
  // Imported only when needed: the stand-ins load fauxqs, PGlite and dynalite.
  const own = running ? undefined : await (await import('../local/stand-ins.js')).startStandIns({ region: LOCAL_REGION, dataDir });
  const endpoints = running ?? {
    messagingEndpoint: own!.messagingEndpoint,
    dynamodbEndpoint: own!.dynamodbEndpoint,
    databaseUrl: own!.databaseUrl,
    tables: LOCAL_TABLES,
  };
  const clients = createLocalClients(endpoints);
  const { dynamo, sqs } = clients;
  const sql = lazySql({ url: endpoints.databaseUrl });
  return {
    mode: 'local',
    dynamo,
    tables: endpoints.tables,
    sql: sql.get,
    childPseudonym: () => createChildPseudonym(localChildPseudonymKeySet(dataDir)),
    childErasureKey: () => createChildPseudonym(localChildErasureKeySet(dataDir)),
    sqs,
    queues: await localQueues(sqs),
    messagingEndpoint: endpoints.messagingEndpoint,
    close: async () => {
      await sql.end();
      clients.destroy();
      await own?.stop();
    },
  };
};

/**
 * The deployment Terraform describes, through the default AWS credential chain. The analytics
 * database is reached as the projector's role (analytics_writer, IAM auth through RDS Proxy)
 * unless DATABASE_URL names a connection, which --wipe needs (the writer role may not delete).
 */
export const awsTargets = async ({
  env = process.env,
  readOutputs = readTerraformOutputs,
}: { env?: Record<string, string | undefined>; readOutputs?: () => Promise<TerraformOutputs> } = {}): Promise<Targets> => {
  const outputs = await readOutputs();
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const database = outputs.database_name ?? env.DATABASE_NAME;
  const config: DatabaseConfig | undefined = env.DATABASE_URL
    ? { url: env.DATABASE_URL }
    : region && database
      ? { host: outputs.database_proxy_endpoint, database, user: 'analytics_writer', region }
      : undefined;
  // Checked before any client is built, so a stack without a queue fails with nothing to close.
  const queues = Object.fromEntries(
    Object.keys(wiring.consumers).map((name) => {
      const url = outputs.queue_urls[name];
      const dlqUrl = outputs.dlq_urls[name];
      if (!url || !dlqUrl) throw new Error(`terraform outputs have no queue ${name}`);
      return [name, { name, url, dlqUrl }];
    }),
  );
  const dynamo = createDynamoDocumentClient({});
  const sqs = new SQSClient({});
  const sql = config ? lazySql(config) : undefined;
  return {
    mode: 'aws',
    dynamo,
    tables: { letters: outputs.letters_table_name, eventLog: outputs.event_log_table_name },
    sql: () => {
      if (!sql) throw new Error('set AWS_REGION and DATABASE_NAME (or DATABASE_URL) to reach the analytics database');
      return sql.get();
    },
    childPseudonym: () => {
      if (!env.CHILD_PSEUDONYM_KEYS) throw new Error('set CHILD_PSEUDONYM_KEYS to the value of the child-pseudonym secret to replay letters-analytics');
      return createChildPseudonym(v.parse(LetterIdKeySet, JSON.parse(env.CHILD_PSEUDONYM_KEYS)));
    },
    childErasureKey: () => {
      if (!env.CHILD_ERASURE_KEYS) throw new Error('set CHILD_ERASURE_KEYS to the value of the child-erasure secret to replay letters-view');
      return createChildPseudonym(v.parse(LetterIdKeySet, JSON.parse(env.CHILD_ERASURE_KEYS)));
    },
    sqs,
    queues,
    close: async () => {
      await sql?.end();
      dynamo.destroy();
      sqs.destroy();
    },
  };
};

/** Targets chosen by the command line: AWS with --aws (or TARGET=aws), else the local DATA_DIR. */
export const resolveTargets = async ({ aws, dataDir }: { aws: boolean; dataDir: string | undefined }): Promise<Targets> => {
  if (aws) return awsTargets();
  if (!dataDir) throw new Error('set DATA_DIR to the local runtime\'s state directory (make dev DATA_DIR=…), or use --aws');
  return localTargets(dataDir);
};
