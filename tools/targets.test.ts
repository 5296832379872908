import { describe, expect, it } from 'vitest';
import { awsTargets } from './targets.js';
import { awsQueueUrl, awsTestTargets, TERRAFORM_OUTPUTS } from './testing/aws-targets.js';

describe('awsTargets', () => {
  it('takes the tables and every consumer queue and DLQ from the Terraform outputs', async () => {
    const targets = await awsTestTargets();

    expect(targets.mode).toBe('aws');
    expect(targets.tables).toEqual({ letters: 'santas-workshop-letters', eventLog: 'santas-workshop-letter-events' });
    expect(targets.queues['letters-view']).toEqual({ name: 'letters-view', url: awsQueueUrl('letters-view'), dlqUrl: awsQueueUrl('letters-view-dlq') });
    expect(Object.keys(targets.queues)).toEqual(['letters-view', 'letters-analytics', 'letters-archive']);
    await targets.close();
  });

  it('says what to set when the analytics database cannot be reached without AWS_REGION and DATABASE_NAME', async () => {
    const targets = await awsTestTargets();

    expect(() => targets.sql()).toThrow('set AWS_REGION and DATABASE_NAME (or DATABASE_URL) to reach the analytics database');
    await targets.close();
  });

  it('refuses outputs that lack a consumer queue, naming it', async () => {
    const { 'letters-archive': _archive, ...queueUrls } = TERRAFORM_OUTPUTS.queue_urls;

    const targets = awsTargets({ env: {}, readOutputs: async () => ({ ...TERRAFORM_OUTPUTS, queue_urls: queueUrls }) });

    await expect(targets).rejects.toThrow('terraform outputs have no queue letters-archive');
  });
});
