import wiringJson from '../infra/wiring.json' with { type: 'json' };

/**
 * Routes, functions and queue consumers. The Terraform reads the same file
 * (infra/wiring.json), so the local runtime and AWS cannot drift apart.
 */
export interface Wiring {
  topic: string;
  /** CloudWatch namespace of the functions' own metrics (Powertools Metrics, EMF). */
  metrics: { namespace: string };
  /** Per-account command quotas: their table's name (after the prefix) and the default COMMANDS_PER_MINUTE. */
  commandQuota: { table: string; commandsPerMinute: number };
  functions: Record<string, FunctionConfig>;
  routes: Record<string, Route>;
  consumers: Record<string, Consumer>;
}

export interface FunctionConfig {
  role: FunctionRole;
  memoryMb: number;
  timeoutSeconds: number;
  /** EventBridge Scheduler expression (`rate(1 day)`, `cron(...)`) invoking it; locally the sweeper runs it. */
  schedule?: string;
}

export type FunctionRole =
  | 'command'
  | 'letters-reader'
  | 'event-log-reader'
  | 'analytics-reader'
  | 'letters-projector'
  | 'analytics-projector'
  | 'analytics-purger'
  | 'event-log-writer'
  | 'migrator'
  | 'queue-observer'
  | 'queue-redriver';

/** An API route: the function it invokes and the scopes a token needs (any one of them). */
export interface Route {
  function: string;
  scopes: string[];
}

export interface Consumer {
  function: string;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  maxReceiveCount: number;
  maximumConcurrency: number;
  /** SNS filter policy on message attributes; absent: every message (the archive). */
  filterPolicy?: Record<string, string[]>;
}

export const wiring = wiringJson as Wiring;

/** The DLQ of a consumer queue is named after it. */
export const dlqName = (queueName: string): string => `${queueName}-dlq`;
