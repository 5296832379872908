import { wiring } from '../../local/wiring.js';
import { awsTargets, type Targets } from '../targets.js';
import type { TerraformOutputs } from '../terraform-outputs.js';

const SQS = 'https://sqs.eu-north-1.amazonaws.com/123456789012';

/** The queue URLs Terraform would output for a consumer queue. */
export const awsQueueUrl = (name: string): string => `${SQS}/santas-workshop-${name}`;

/** The ARN SQS would give that queue. */
export const awsQueueArn = (name: string): string => `arn:aws:sqs:eu-north-1:123456789012:santas-workshop-${name}`;

/** What `terraform output -json` of a deployed stack would give the tools, one queue per consumer. */
export const TERRAFORM_OUTPUTS: TerraformOutputs = {
  letters_table_name: 'santas-workshop-letters',
  event_log_table_name: 'santas-workshop-letter-events',
  queue_urls: Object.fromEntries(Object.keys(wiring.consumers).map((name) => [name, awsQueueUrl(name)])),
  dlq_urls: Object.fromEntries(Object.keys(wiring.consumers).map((name) => [name, awsQueueUrl(`${name}-dlq`)])),
  database_proxy_endpoint: 'santas-workshop.proxy-abc123.eu-north-1.rds.amazonaws.com',
};

/** The tools' AWS targets for those outputs; their SDK clients are the ones aws-sdk-client-mock replaces. */
export const awsTestTargets = (env: Record<string, string | undefined> = {}): Promise<Targets> =>
  awsTargets({ env, readOutputs: async () => TERRAFORM_OUTPUTS });
