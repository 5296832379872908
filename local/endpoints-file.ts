import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableNames } from './tables.js';
import type { Topology } from './topology.js';

/** What a running local runtime writes to <DATA_DIR>/endpoints.json so tools can find its stand-ins. */
export interface LocalEndpoints {
  pid: number;
  region: string;
  url: string;
  messagingEndpoint: string;
  dynamodbEndpoint: string;
  databaseUrl: string;
  tables: TableNames;
  topology: Topology;
}

const FILE = 'endpoints.json';

/** Writes the endpoints file of a runtime keeping its state in dataDir. */
export const writeEndpointsFile = (dataDir: string, endpoints: LocalEndpoints): Promise<void> =>
  writeFile(join(dataDir, FILE), `${JSON.stringify(endpoints, null, 2)}\n`);

/** Removes it on a clean stop; after a crash it stays, and readEndpointsFile notices the dead pid. */
export const removeEndpointsFile = (dataDir: string): Promise<void> => rm(join(dataDir, FILE), { force: true });

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The endpoints of the runtime running on dataDir, or undefined when none runs there. */
export const readEndpointsFile = async (dataDir: string): Promise<LocalEndpoints | undefined> => {
  let text: string;
  try {
    text = await readFile(join(dataDir, FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const endpoints = JSON.parse(text) as LocalEndpoints;
  return isAlive(endpoints.pid) ? endpoints : undefined;
};
