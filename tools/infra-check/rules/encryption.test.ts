import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkEncryption, checkNoPlainPasswords } from './encryption.js';

describe('checkEncryption', () => {
  it('accepts encrypted tables, queues, topics, databases and a TLS proxy', async () => {
    const config = await hcl({
      'infra/main.tf': `
        resource "aws_dynamodb_table" "t" {
          server_side_encryption {
            enabled     = true
            kms_key_arn = var.kms_key_arn
          }
        }
        resource "aws_sqs_queue" "q" {
          sqs_managed_sse_enabled = var.kms_key_arn == null ? true : null
          kms_master_key_id       = var.kms_key_arn
        }
        resource "aws_sns_topic" "t" {
          kms_master_key_id = "alias/aws/sns"
        }
        resource "aws_db_instance" "d" {
          storage_encrypted = true
        }
        resource "aws_db_proxy" "p" {
          require_tls = true
        }`,
    });

    expect(checkEncryption(config)).toEqual([]);
  });

  it('reports each store left unencrypted, naming file and resource', async () => {
    const config = await hcl({
      'infra/modules/x/main.tf': `
        resource "aws_dynamodb_table" "t" {
          name = "t"
        }
        resource "aws_sqs_queue" "q" {
          sqs_managed_sse_enabled = false
        }
        resource "aws_sns_topic" "t" {
          name = "t"
        }
        resource "aws_db_instance" "d" {
          storage_encrypted = false
        }
        resource "aws_db_proxy" "p" {
          name = "p"
        }
        resource "aws_secretsmanager_secret_version" "v" {
          secret_id     = "s"
          secret_string = var.password
        }`,
    });

    expect(checkEncryption(config).map((f) => [f.file, f.resource])).toEqual([
      ['infra/modules/x/main.tf', 'aws_dynamodb_table.t'],
      ['infra/modules/x/main.tf', 'aws_sqs_queue.q'],
      ['infra/modules/x/main.tf', 'aws_sns_topic.t'],
      ['infra/modules/x/main.tf', 'aws_db_instance.d'],
      ['infra/modules/x/main.tf', 'aws_db_proxy.p'],
      ['infra/modules/x/main.tf', 'aws_secretsmanager_secret_version.v'],
    ]);
  });
});

describe('checkNoPlainPasswords', () => {
  it('reports a database given a password instead of a managed master secret', async () => {
    const config = await hcl({ 'infra/main.tf': 'resource "aws_db_instance" "d" {\n  password = var.db_password\n}' });

    expect(checkNoPlainPasswords(config).map((f) => f.message.split(':')[0])).toEqual([
      'a password argument puts the secret in the state',
      'manage_master_user_password must be true (RDS keeps the master password in Secrets Manager)',
    ]);
  });
});
