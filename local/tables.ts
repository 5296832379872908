import { CreateTableCommand, ResourceInUseException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { eventLogTableDefinition } from '../shared/adapters/event-log-table.js';
import { lettersTableDefinition } from '../shared/adapters/letters-table.js';

/** The local DynamoDB tables' names: the one place they are written. */
export const LOCAL_TABLES = { letters: 'letters', eventLog: 'letter-events' };

/** The tables of a deployment, local or AWS, by role. */
export type TableNames = typeof LOCAL_TABLES;

/** How each local table is created; a new table is one line here and one in LOCAL_TABLES. */
const definitions: { [Role in keyof TableNames]: (name: string) => CreateTableCommandInput } = {
  letters: lettersTableDefinition,
  eventLog: eventLogTableDefinition,
};

const createTableIfMissing = async (client: DynamoDBDocumentClient, definition: CreateTableCommandInput) => {
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
};

/** Creates every local table that does not exist yet (a restart on DATA_DIR finds them). */
export const createLocalTables = async (dynamo: DynamoDBDocumentClient): Promise<TableNames> => {
  for (const [role, define] of Object.entries(definitions)) await createTableIfMissing(dynamo, define(LOCAL_TABLES[role as keyof TableNames]));
  return LOCAL_TABLES;
};
