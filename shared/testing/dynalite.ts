import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDocumentClient } from '../adapters/dynamodb-client.js';
import { createIdempotencyStore, type IdempotencyStore } from '../adapters/idempotency-store.js';
import { idempotencyTableDefinition } from '../adapters/idempotency-table.js';

interface DynaliteOptions {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
  path?: string;
}

// dynalite is CommonJS without type declarations.
const dynalite = createRequire(import.meta.url)('dynalite') as (options: DynaliteOptions) => Server;

/** A running in-memory dynalite and a DocumentClient that reaches it. */
export interface RunningDynalite {
  /** http://127.0.0.1:<port>, e.g. for AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  client: DynamoDBDocumentClient;
  /** The client settings that reach it, for clients the adapters build themselves. */
  clientConfig: DynamoDBClientConfig;
  /** Creates a table and resolves once it is ACTIVE. */
  createTable(definition: CreateTableCommandInput): Promise<void>;
  stop(): Promise<void>;
}

const TABLE_WAIT_MS = 5_000;

/** Starts dynalite in memory on loopback (port 0: a free port unless one is given). */
export const startDynalite = async ({ port = 0 }: { port?: number } = {}): Promise<RunningDynalite> => {
  // Tables become ACTIVE at once instead of after dynalite's default 500 ms.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientConfig = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'dynalite', secretAccessKey: 'dynalite' } };
  const client = createDynamoDocumentClient(clientConfig);

  const createTable = async (definition: CreateTableCommandInput): Promise<void> => {
    await client.send(new CreateTableCommand(definition));
    const deadline = Date.now() + TABLE_WAIT_MS;
    for (;;) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
      if (Table?.TableStatus === 'ACTIVE') return;
      if (Date.now() > deadline) throw new Error(`table ${definition.TableName} is still ${Table?.TableStatus}`);
      await sleep(5);
    }
  };

  const stop = async (): Promise<void> => {
    client.destroy();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  };

  return { endpoint, client, clientConfig, createTable, stop };
};

let idempotencyTables = 0;

/** A Powertools idempotency store on a fresh idempotency table of this dynalite, so tests do not share records. */
export const anIdempotencyStore = async (dynamo: RunningDynalite): Promise<IdempotencyStore> => {
  const tableName = `idempotency-${++idempotencyTables}`;
  await dynamo.createTable(idempotencyTableDefinition(tableName));
  return createIdempotencyStore({ tableName, clientConfig: dynamo.clientConfig });
};
