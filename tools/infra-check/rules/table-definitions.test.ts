import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkTableDefinitions } from './table-definitions.js';

const SOURCE = 'shared/adapters/letters-table.ts';
const definitions = [
  {
    call: 'letters_table',
    source: SOURCE,
    input: {
      TableName: 'letters',
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'submittedAt'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' as const },
        { AttributeName: 'sk', KeyType: 'RANGE' as const },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byChild',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' as const },
            { AttributeName: 'submittedAt', KeyType: 'RANGE' as const },
          ],
          Projection: { ProjectionType: 'ALL' as const },
        },
      ],
    },
  },
];

const call = ({ range = '"submittedAt"', name = 'letters_table' } = {}) => `
  module "${name}" {
    source    = "./modules/dynamodb-table"
    hash_key  = "pk"
    range_key = "sk"
    attributes = [
      { name = "pk", type = "S" },
      { name = "sk", type = "S" },
      { name = "gsi1pk", type = "S" },
      { name = "submittedAt", type = "S" },
    ]
    global_secondary_indexes = [
      { name = "byChild", hash_key = "gsi1pk", range_key = ${range}, projection_type = "ALL" },
    ]
  }`;

describe('checkTableDefinitions', () => {
  it('accepts a module call with the keys, attributes and indexes of the code', async () => {
    expect(checkTableDefinitions(await hcl({ 'infra/main.tf': call() }), definitions)).toEqual([]);
  });

  it('reports an index whose sort key drifted from the code', async () => {
    const findings = checkTableDefinitions(await hcl({ 'infra/main.tf': call({ range: '"createdAt"' }) }), definitions);

    expect(findings).toEqual([
      {
        file: 'infra/main.tf',
        resource: 'module.letters_table',
        message: `global secondary indexes ["byChild(gsi1pk, createdAt, ALL)"] differ from ${SOURCE}: ["byChild(gsi1pk, submittedAt, ALL)"]`,
      },
    ]);
  });

  it('reports a table of the code that nothing deploys', async () => {
    const findings = checkTableDefinitions(await hcl({ 'infra/main.tf': call({ name: 'letters' }) }), definitions);

    expect(findings).toEqual([{ file: SOURCE, resource: 'module.letters_table', message: 'defines table letters_table, which the root module does not deploy (no module "letters_table")' }]);
  });
});
