import { describe, expect, it } from 'vitest';
import { loadProviderSchema } from '../provider-schema.js';
import { hcl } from '../testing.js';
import { checkTags } from './tags.js';

describe('checkTags', () => {
  it('reports a taggable resource without var.tags and ignores untaggable ones', async () => {
    const config = await hcl({
      'infra/main.tf': `
        resource "aws_sqs_queue" "tagged" {
          tags = merge(var.tags, { Name = "q" })
        }
        resource "aws_sqs_queue" "untagged" {
          name = "q"
        }
        resource "aws_sqs_queue_policy" "p" {
          queue_url = "u"
          policy    = "{}"
        }`,
    });

    expect(checkTags(config, loadProviderSchema())).toEqual([{ file: 'infra/main.tf', resource: 'aws_sqs_queue.untagged', message: 'tags must include var.tags' }]);
  });
});
