import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { lettersTableDefinition } from '../adapters/letters-table.js';
import { startDynalite } from './dynalite.js';

describe('startDynalite', () => {
  it('serves DynamoDB on a free loopback port, creates tables ready to use and stops', async () => {
    const dynamo = await startDynalite();

    await dynamo.createTable(lettersTableDefinition('letters'));
    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: 'letters' }));
    await dynamo.stop();

    expect(dynamo.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    expect(Table).toMatchObject({ TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [{ IndexName: 'byChild', IndexStatus: 'ACTIVE' }] });
    await expect(fetch(dynamo.endpoint)).rejects.toThrow();
  });
});
