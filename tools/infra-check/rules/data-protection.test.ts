import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkDataProtection } from './data-protection.js';

describe('checkDataProtection', () => {
  it('accepts protected, recoverable stores', async () => {
    const config = await hcl({
      'infra/main.tf': `
        resource "aws_dynamodb_table" "t" {
          deletion_protection_enabled = var.deletion_protection_enabled
          point_in_time_recovery {
            enabled = true
          }
        }
        resource "aws_db_instance" "d" {
          deletion_protection     = true
          backup_retention_period = 7
          skip_final_snapshot     = false
        }`,
    });

    expect(checkDataProtection(config)).toEqual([]);
  });

  it('reports a table without PITR or deletion protection and a database without backups', async () => {
    const config = await hcl({
      'infra/main.tf': `
        resource "aws_dynamodb_table" "t" {
          deletion_protection_enabled = false
          point_in_time_recovery {
            enabled = false
          }
        }
        resource "aws_db_instance" "d" {
          backup_retention_period = 0
          skip_final_snapshot     = true
        }`,
    });

    expect(checkDataProtection(config).map((f) => [f.resource, f.message.split(' ')[0]])).toEqual([
      ['aws_dynamodb_table.t', 'deletion_protection_enabled'],
      ['aws_dynamodb_table.t', 'point_in_time_recovery'],
      ['aws_db_instance.d', 'deletion_protection'],
      ['aws_db_instance.d', 'backup_retention_period'],
      ['aws_db_instance.d', 'skip_final_snapshot'],
    ]);
  });
});
