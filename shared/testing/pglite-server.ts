import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface PgliteServer {
  /** postgres://… on a loopback port. */
  url: string;
  stop(): Promise<void>;
}

// A fresh PGlite runs initdb, which takes seconds; loading a saved, just-initialised data
// directory takes about a quarter of that. The template is made once per checkout.
const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.local', 'pglite-template.tar.gz');

const createInMemory = async (): Promise<PGlite> => {
  if (existsSync(TEMPLATE)) {
    try {
      return await PGlite.create({ loadDataDir: new Blob([readFileSync(TEMPLATE)]) });
    } catch {
      // A template from another PGlite version: start fresh and write a new one below.
    }
  }
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('gzip');
  mkdirSync(dirname(TEMPLATE), { recursive: true });
  // Written aside then renamed, so parallel starts never read half a file.
  const partial = `${TEMPLATE}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, TEMPLATE);
  return db;
};

/**
 * PGlite served over the PostgreSQL wire protocol on a free loopback port: in memory, or
 * kept in dataDir across restarts. Clients share PGlite's one session through
 * pglite-socket's multiplexer, so each should keep a single connection.
 */
export const startPgliteServer = async ({ dataDir, maxConnections = 16 }: { dataDir?: string; maxConnections?: number } = {}): Promise<PgliteServer> => {
  const db = dataDir ? await PGlite.create({ dataDir }) : await createInMemory();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
};
