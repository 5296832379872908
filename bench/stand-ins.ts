import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { LOCAL_CREDENTIALS as CREDENTIALS, LOCAL_REGION as REGION } from '../local/clients.js';
import { createDynamoDocumentClient } from '../shared/adapters/dynamodb-client.js';
import { lettersTableDefinition } from '../shared/adapters/letters-table.js';
import { runMigrations } from '../shared/adapters/migrations.js';
import { startDynalite, type RunningDynalite } from '../shared/testing/dynalite.js';
import { startTestDatabase, type TestDatabase } from '../shared/testing/postgres.js';

/** The stand-ins the in-process benchmarks write to, reached by real SDK clients over loopback. */
export interface BenchStandIns {
  dynamo: RunningDynalite;
  lettersTable: string;
  database: TestDatabase;
  fauxqs: FauxqsServer;
  sns: SNSClient;
  topicArn: string;
  stop(): Promise<void>;
}

/**
 * dynalite with the letters table, a migrated database (PGlite unless DATABASE_URL is set), and fauxqs with the letters topic fanned
 * out to one raw-delivery queue, so a publish does the work it does in the pipeline.
 */
export const startBenchStandIns = async (): Promise<BenchStandIns> => {
  const dynamo = await startDynalite();
  const lettersTable = 'bench-letters';
  await dynamo.createTable(lettersTableDefinition(lettersTable));
  // DATABASE_URL's server when set (a schema of its own), else PGlite.
  const database = await startTestDatabase();
  await runMigrations(database.sql);
  const fauxqs = await startFauxqs({ port: 0, logger: false, defaultRegion: REGION });
  const sns = new SNSClient({ region: REGION, endpoint: fauxqs.address, credentials: CREDENTIALS });
  const sqs = new SQSClient({ region: REGION, endpoint: fauxqs.address, credentials: CREDENTIALS });
  const { TopicArn: topicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'letters' }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'letters-view' }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: Attributes?.QueueArn, Attributes: { RawMessageDelivery: 'true' } }),
  );
  sqs.destroy();
  return {
    dynamo,
    lettersTable,
    database,
    fauxqs,
    sns,
    topicArn,
    stop: async () => {
      sns.destroy();
      await fauxqs.stop();
      await database.stop();
      await dynamo.stop();
    },
  };
};

/** A DocumentClient of its own on the bench dynalite, as a function would build it. */
export const dynamoClientFor = (standIns: BenchStandIns) =>
  createDynamoDocumentClient({ endpoint: standIns.dynamo.endpoint, region: REGION, credentials: CREDENTIALS });
