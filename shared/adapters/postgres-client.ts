import type { Signer } from '@aws-sdk/rds-signer';
import postgres, { type Options, type Sql } from 'postgres';
import { ConfigError, readEnv } from '../lambda/config.js';

/** Where the analytics database is: a URL locally, or RDS Proxy with IAM auth in AWS. */
export type DatabaseConfig =
  | { url: string }
  | { host: string; port?: number; database: string; user: string; region: string };

/** What createSql needs besides the config; the token source is replaceable for tests. */
export interface SqlDependencies {
  /** A fresh password per connection; in AWS, an RDS IAM auth token (valid 15 minutes). */
  authToken?: () => Promise<string>;
}

const CLIENT_OPTIONS = {
  // A Lambda instance serves one request at a time; RDS Proxy does the pooling.
  max: 1,
  idle_timeout: 60,
  connect_timeout: 10,
  // Array-type discovery costs a round trip on every cold start and no query here needs it.
  fetch_types: false,
  onnotice: () => {},
} satisfies Partial<Options<Record<string, never>>>;

/**
 * The one PostgreSQL client factory: one connection, notices silenced. Prepared statements
 * only on a direct connection: behind RDS Proxy (or any pooler: `?prepare=false` on a URL)
 * they would pin the pooled connection to this client. (Unnamed statements take two round
 * trips, and an embedded PGlite, whose one session all clients share, lets another client's
 * query slip in between; named ones are immune.)
 */
export const createSql = (config: DatabaseConfig, dependencies: SqlDependencies = {}): Sql => {
  if ('url' in config) {
    const prepare = new URL(config.url).searchParams.get('prepare') !== 'false';
    return postgres(config.url, { ...CLIENT_OPTIONS, prepare });
  }
  const port = config.port ?? 5432;
  // Loaded on the first connection, not at import: functions given a DATABASE_URL never pay
  // for the SDK's signing stack at cold start (esbuild evaluates the module lazily).
  let signer: Promise<Signer> | undefined;
  const loadSigner = async (): Promise<Signer> => {
    const { Signer: RdsSigner } = await import('@aws-sdk/rds-signer');
    return new RdsSigner({ hostname: config.host, port, username: config.user, region: config.region });
  };
  return postgres({
    ...CLIENT_OPTIONS,
    prepare: false,
    host: config.host,
    port,
    database: config.database,
    username: config.user,
    password: dependencies.authToken ?? (async () => (await (signer ??= loadSigner())).getAuthToken()),
    // RDS Proxy presents an Amazon-issued certificate that Node's default CAs verify.
    ssl: 'verify-full',
  });
};

/**
 * The database config from the environment: DATABASE_URL when set, else DATABASE_HOST,
 * DATABASE_NAME, DATABASE_USER and AWS_REGION (set by Lambda). Throws ConfigError naming what is missing.
 */
export const databaseConfigFromEnv = (source: Record<string, string | undefined> = process.env): DatabaseConfig => {
  const env = readEnv([], ['DATABASE_URL', 'DATABASE_HOST', 'DATABASE_NAME', 'DATABASE_USER'], source);
  if (env.DATABASE_URL !== undefined) return { url: env.DATABASE_URL };
  const region = source.AWS_REGION;
  const { DATABASE_HOST: host, DATABASE_NAME: database, DATABASE_USER: user } = env;
  if (host === undefined || database === undefined || user === undefined || !region) {
    const missing = { DATABASE_HOST: host, DATABASE_NAME: database, DATABASE_USER: user, AWS_REGION: region };
    const names = Object.entries(missing).filter(([, value]) => !value).map(([name]) => name);
    throw new ConfigError(`bad environment: DATABASE_URL is not set, nor ${names.join(', ')}`);
  }
  return { host, database, user, region };
};
