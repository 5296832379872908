import * as v from 'valibot';

/** Raised at cold start when the environment is wrong; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:/u;

// Role names as infra/modules/analytics-database admits them (lower-case PostgreSQL identifiers).
const RoleSecretArns = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,62}$/u)), v.pipe(v.string(), v.regex(SECRET_ARN))),
  v.check((map) => !Array.isArray(map)),
);

// Purposes are short kebab-case names (e.g. letter-id), as infra names the secrets.
const KeySecretArns = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,63}$/u)), v.pipe(v.string(), v.regex(SECRET_ARN))),
  v.check((map) => !Array.isArray(map)),
);

const isJsonOf = (schema: typeof RoleSecretArns | typeof KeySecretArns) => (raw: string): boolean => {
  try {
    return v.is(schema, JSON.parse(raw));
  } catch {
    return false;
  }
};

/** Environment variables a function may need, each with its rule. */
export const ENV_SCHEMAS = {
  LETTERS_TOPIC_ARN: v.pipe(v.string(), v.regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/u, 'must be an SNS topic ARN')),
  LETTERS_TABLE_NAME: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{3,255}$/u, 'must be a DynamoDB table name')),
  EVENT_LOG_TABLE_NAME: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{3,255}$/u, 'must be a DynamoDB table name')),
  DATABASE_URL: v.pipe(nonEmpty, v.regex(/^postgres(ql)?:\/\//u, 'must be a postgres:// URL')),
  DATABASE_HOST: nonEmpty,
  DATABASE_NAME: nonEmpty,
  DATABASE_USER: nonEmpty,
  DATABASE_SECRET_ARN: v.pipe(v.string(), v.regex(SECRET_ARN, 'must be a Secrets Manager secret ARN')),
  DATABASE_ROLE_SECRETS: v.pipe(
    v.string(),
    v.check(isJsonOf(RoleSecretArns), 'must be a JSON object of role name → Secrets Manager secret ARN, e.g. {"analytics_reader":"arn:aws:secretsmanager:…"}'),
  ),
  POWERTOOLS_METRICS_NAMESPACE: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._#:/-]{1,255}$/u, 'must be a CloudWatch namespace (1-255 of A-Z a-z 0-9 . _ - # : /)')),
  GENERATED_KEY_SECRETS: v.pipe(
    v.string(),
    v.check(isJsonOf(KeySecretArns), 'must be a JSON object of purpose → Secrets Manager secret ARN, e.g. {"letter-id":"arn:aws:secretsmanager:…"}'),
  ),
  IDEMPOTENCY_TABLE_NAME: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{3,255}$/u, 'must be a DynamoDB table name')),
  QUOTA_TABLE_NAME: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{3,255}$/u, 'must be a DynamoDB table name')),
  // Commands one account may send per minute, all command routes together.
  COMMANDS_PER_MINUTE: v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/u, 'must be a whole number of commands from 1 to 100000'), v.check((raw) => Number(raw) <= 100_000, 'must be a whole number of commands from 1 to 100000')),
  LETTER_ID_KEYS_SECRET_ARN: v.pipe(v.string(), v.regex(SECRET_ARN, 'must be a Secrets Manager secret ARN')),
  // The key set JSON itself (local mode); checked by loadLetterIdKeySet, whose messages never echo a key.
  LETTER_ID_KEYS: nonEmpty,
  // The key set child pseudonyms are made with (analytics): a secret on AWS, the JSON locally.
  CHILD_PSEUDONYM_KEYS_SECRET_ARN: v.pipe(v.string(), v.regex(SECRET_ARN, 'must be a Secrets Manager secret ARN')),
  CHILD_PSEUDONYM_KEYS: nonEmpty,
  // The key set erasure tombstones name children with (letters view, event log): a secret on AWS, the JSON locally.
  CHILD_ERASURE_KEYS_SECRET_ARN: v.pipe(v.string(), v.regex(SECRET_ARN, 'must be a Secrets Manager secret ARN')),
  CHILD_ERASURE_KEYS: nonEmpty,
  // Days every letter, event and tombstone is kept before DynamoDB's TTL removes it (a season).
  RETENTION_DAYS: v.pipe(v.string(), v.regex(/^[1-9]\d{0,3}$/u, 'must be a whole number of days from 1 to 3650'), v.check((raw) => Number(raw) <= 3650, 'must be a whole number of days from 1 to 3650')),
  // Distinct children a toy or country needs before an analytics answer shows it (1 shows everything).
  ANALYTICS_MIN_CHILDREN: v.pipe(
    v.string(),
    v.regex(/^[1-9]\d{0,3}$/u, 'must be a whole number of children from 1 to 1000'),
    v.check((raw) => Number(raw) <= 1000, 'must be a whole number of children from 1 to 1000'),
  ),
  // The operations functions' queues, JSON; checked by projectionQueuesFrom (shared/lambda/operations-wiring.ts).
  PROJECTION_QUEUES: nonEmpty,
  // Local mode only: where the SQS stand-in shows queues without receiving (no CloudWatch, no move task there).
  SQS_INSPECTION_ENDPOINT: nonEmpty,
  LOG_LEVEL: v.picklist(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'debug', 'info', 'warn', 'error', 'silent']),
} as const;

type EnvName = keyof typeof ENV_SCHEMAS;
type Env<R extends EnvName, O extends EnvName> = { [K in R]: string } & { [K in O]?: string };

/** Reads and checks the named variables once; throws ConfigError naming every bad one. */
export const readEnv = <R extends EnvName, O extends EnvName = never>(
  required: readonly R[],
  optional: readonly O[] = [],
  source: Record<string, string | undefined> = process.env,
): Env<R, O> => {
  const problems: string[] = [];
  const env: Record<string, string> = {};
  const check = (name: EnvName, isRequired: boolean) => {
    const raw = source[name];
    if (raw === undefined || raw === '') {
      if (isRequired) problems.push(`${name} is not set`);
      return;
    }
    const result = v.safeParse(ENV_SCHEMAS[name], raw);
    if (result.success) env[name] = result.output;
    else problems.push(`${name} ${result.issues[0].message}`);
  };
  required.forEach((name) => check(name, true));
  optional.forEach((name) => check(name, false));
  if (problems.length > 0) throw new ConfigError(`bad environment: ${problems.join('; ')}`);
  return env as Env<R, O>;
};
