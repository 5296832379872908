import { CreateTableCommand, ResourceInUseException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { eventLogTableDefinition } from '../shared/adapters/event-log-table.js';
import { IDEMPOTENCY_TABLE, idempotencyTableDefinition } from '../shared/adapters/idempotency-table.js';
import { lettersTableDefinition } from '../shared/adapters/letters-table.js';
import { commandQuotaTableDefinition } from '../shared/adapters/command-quota-table.js';
import { wiring } from './wiring.js';

/** Every local DynamoDB table by role: its name (the one place it is written) and how it is created. One line per table. */
const TABLES = {
  letters: { name: 'letters', define: lettersTableDefinition },
  eventLog: { name: 'letter-events', define: eventLogTableDefinition },
  idempotency: { name: IDEMPOTENCY_TABLE.localName, define: idempotencyTableDefinition },
  quotas: { name: wiring.commandQuota.table, define: commandQuotaTableDefinition },
} satisfies Record<string, { name: string; define: (name: string) => CreateTableCommandInput }>;

/** The tables of a deployment, local or AWS, by role. */
export type TableNames = { [Role in keyof typeof TABLES]: string };

/** The local tables' names. */
export const LOCAL_TABLES = Object.fromEntries(Object.entries(TABLES).map(([role, { name }]) => [role, name])) as TableNames;

const createTableIfMissing = async (client: DynamoDBDocumentClient, definition: CreateTableCommandInput) => {
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
};

/** Creates every local table that does not exist yet (a restart on DATA_DIR finds them). */
export const createLocalTables = async (dynamo: DynamoDBDocumentClient): Promise<TableNames> => {
  for (const { name, define } of Object.values(TABLES)) await createTableIfMissing(dynamo, define(name));
  return LOCAL_TABLES;
};
