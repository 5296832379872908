import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Sql } from 'postgres';
import { databaseUrlFromSecret } from '../../shared/adapters/database-secret.js';
import { createSql, databaseConfigFromEnv } from '../../shared/adapters/postgres-client.js';
import { readEnv } from '../../shared/lambda/config.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { migrate, type MigrateEvent } from './migrate.js';

const env = readEnv([], ['LOG_LEVEL', 'DATABASE_SECRET_ARN', 'DATABASE_HOST', 'DATABASE_NAME', 'DATABASE_ROLE_SECRETS']);
const logger = createLogger('migrate', env.LOG_LEVEL);
const secrets = new SecretsManagerClient({});

let sql: Sql | undefined;
// In AWS the master secret is read on first use, not at cold start, so a bad secret fails the invocation loudly.
const connect = async (): Promise<Sql> => {
  if (!sql) {
    const config =
      env.DATABASE_SECRET_ARN && env.DATABASE_HOST && env.DATABASE_NAME
        ? await databaseUrlFromSecret({ secretArn: env.DATABASE_SECRET_ARN, host: env.DATABASE_HOST, database: env.DATABASE_NAME, client: secrets })
        : databaseConfigFromEnv();
    sql = createSql(config);
  }
  return sql;
};

// readEnv has checked it is a JSON object of role → secret ARN.
const roleSecrets = env.DATABASE_ROLE_SECRETS
  ? { secrets, secretArns: JSON.parse(env.DATABASE_ROLE_SECRETS) as Record<string, string> }
  : undefined;

export const handler = middy<MigrateEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(migrate({ connect, logger, ...(roleSecrets && { roleSecrets }) }));
