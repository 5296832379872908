import { createCommandQuota } from '../adapters/command-quota.js';
import { commandQuotaTableDefinition } from '../adapters/command-quota-table.js';
import type { TakeCommandQuota } from '../domain/command-quota.js';
import type { RunningDynalite } from './dynalite.js';

let quotaTables = 0;

/** A command quota on a fresh quota table of this dynalite, so tests do not share counters. */
export const aCommandQuota = async (
  dynamo: RunningDynalite,
  { limit, now }: { limit: number; now?: () => Date },
): Promise<{ takeQuota: TakeCommandQuota; tableName: string }> => {
  const tableName = `command-quotas-${++quotaTables}`;
  await dynamo.createTable(commandQuotaTableDefinition(tableName));
  return { tableName, takeQuota: createCommandQuota({ client: dynamo.client, tableName, limit, ...(now ? { now } : {}) }) };
};
