import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDocumentClient } from '../shared/adapters/dynamodb-client.js';

/** The region every local stand-in, and every client of one, uses. */
export const LOCAL_REGION = 'eu-north-1';

/** The stand-ins check no signature; the SDK still wants credentials to sign with. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Where the stand-ins listen. */
export interface LocalClientEndpoints {
  /** fauxqs: SNS and SQS. */
  messagingEndpoint: string;
  /** dynalite. */
  dynamodbEndpoint: string;
}

/** The real SDK clients, pointed at the stand-ins; `destroy` closes their sockets. */
export interface LocalClients {
  sns: SNSClient;
  sqs: SQSClient;
  dynamo: DynamoDBDocumentClient;
  destroy(): void;
}

/** One client configuration for the runtime, the tools and the benchmarks. */
export const createLocalClients = ({ messagingEndpoint, dynamodbEndpoint }: LocalClientEndpoints): LocalClients => {
  const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sns = new SNSClient({ ...config, endpoint: messagingEndpoint });
  // fauxqs queue URLs use a *.localhost host, so the SQS client needs the endpoint spelled out.
  const sqs = new SQSClient({ ...config, endpoint: messagingEndpoint });
  const dynamo = createDynamoDocumentClient({ ...config, endpoint: dynamodbEndpoint });
  return {
    sns,
    sqs,
    dynamo,
    destroy: () => {
      sns.destroy();
      sqs.destroy();
      dynamo.destroy();
    },
  };
};
