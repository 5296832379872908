import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { join } from 'node:path';
import { startFauxqs } from 'fauxqs';
import { startPgliteServer } from '../shared/testing/pglite-server.js';
import { isLoopbackAddress, listeningOnLoopbackOnly } from './loopback/loopback-listen.js';

export interface StandIns {
  /** SNS and SQS (fauxqs). */
  messagingEndpoint: string;
  /** DynamoDB (dynalite). */
  dynamodbEndpoint: string;
  /** PostgreSQL: PGlite over the wire protocol, or the server DATABASE_URL named. */
  databaseUrl: string;
  stop(): Promise<void>;
}

export interface StandInOptions {
  /** Keep all state under this directory so it survives restarts; in memory when absent. */
  dataDir?: string;
  /** Use this PostgreSQL instead of an embedded PGlite. */
  databaseUrl?: string;
  region: string;
}

// dynalite is CommonJS without type declarations.
const dynalite = createRequire(import.meta.url)('dynalite') as (options: Record<string, unknown>) => Server;

const listen = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

/** Starts the embedded stand-ins for SNS/SQS, DynamoDB and PostgreSQL on loopback ports only. */
export const startStandIns = async ({ dataDir, databaseUrl, region }: StandInOptions): Promise<StandIns> => {
  if (dataDir) for (const part of ['sqs', 'dynamodb', 'postgres']) mkdirSync(join(dataDir, part), { recursive: true });
  // fauxqs hard-codes 0.0.0.0 and has no authentication: bound to loopback, and checked.
  const fauxqs = await listeningOnLoopbackOnly(() =>
    startFauxqs({ port: 0, logger: false, defaultRegion: region, ...(dataDir ? { dataDir: join(dataDir, 'sqs') } : {}) }),
  );
  if (!isLoopbackAddress(new URL(fauxqs.address).hostname)) {
    await fauxqs.stop();
    throw new Error(`the SNS/SQS stand-in listens on ${fauxqs.address}, not on loopback`);
  }
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dataDir ? { path: join(dataDir, 'dynamodb') } : {}) });
  const dynamoPort = await listen(dynamo);
  const pglite = databaseUrl ? undefined : await startPgliteServer(dataDir ? { dataDir: join(dataDir, 'postgres') } : {});
  return {
    messagingEndpoint: fauxqs.address,
    dynamodbEndpoint: `http://127.0.0.1:${dynamoPort}`,
    databaseUrl: databaseUrl ?? pglite!.url,
    stop: async () => {
      await pglite?.stop();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
      await fauxqs.stop();
    },
  };
};
