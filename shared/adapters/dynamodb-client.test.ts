import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import { createDynamoDocumentClient } from './dynamodb-client.js';
import { lettersTableDefinition } from './letters-table.js';

let dynamo: RunningDynalite;
const savedEndpoint = process.env['AWS_ENDPOINT_URL_DYNAMODB'];
const credentials = { accessKeyId: 'dynalite', secretAccessKey: 'dynalite' };

beforeAll(async () => {
  dynamo = await startDynalite();
  await dynamo.createTable(lettersTableDefinition('letters'));
});

afterAll(async () => {
  await dynamo.stop();
});

afterEach(() => {
  if (savedEndpoint === undefined) delete process.env['AWS_ENDPOINT_URL_DYNAMODB'];
  else process.env['AWS_ENDPOINT_URL_DYNAMODB'] = savedEndpoint;
});

describe('createDynamoDocumentClient', () => {
  it('reaches the endpoint named by AWS_ENDPOINT_URL_DYNAMODB', async () => {
    process.env['AWS_ENDPOINT_URL_DYNAMODB'] = dynamo.endpoint;
    const client = createDynamoDocumentClient({ region: 'us-east-1', credentials });

    const { TableNames } = await client.send(new ListTablesCommand({}));
    client.destroy();

    expect(TableNames).toEqual(['letters']);
  });

  it('drops undefined attributes instead of failing the write', async () => {
    const client = createDynamoDocumentClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
    const key = { pk: 'LETTER#x', sk: 'LETTER' };

    await client.send(new PutCommand({ TableName: 'letters', Item: { ...key, message: undefined } }));
    const { Item } = await client.send(new GetCommand({ TableName: 'letters', Key: key }));
    client.destroy();

    expect(Item).toEqual(key);
  });
});
