import { bodiesOf, resourcesOf, type Finding, type HclValue, type TfConfig } from '../hcl-model.js';

const off = (value: HclValue | undefined): boolean => value === undefined || value === null || value === false;

/** Stores keep their safety nets: deletion protection, point-in-time recovery, backups and a final snapshot. */
export const checkDataProtection = (config: TfConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const module of config.modules) {
    for (const table of resourcesOf(module, 'aws_dynamodb_table')) {
      const report = (message: string) => findings.push({ file: table.file.path, resource: table.address, message });
      if (off(table.body.deletion_protection_enabled)) report('deletion_protection_enabled must be set (true, or a variable defaulting to true)');
      if (off(bodiesOf(table.body.point_in_time_recovery)[0]?.enabled)) report('point_in_time_recovery { enabled = ... } must be on');
    }
    for (const db of resourcesOf(module, 'aws_db_instance')) {
      const report = (message: string) => findings.push({ file: db.file.path, resource: db.address, message });
      if (off(db.body.deletion_protection)) report('deletion_protection must be set (true, or a variable defaulting to true)');
      if (off(db.body.backup_retention_period) || db.body.backup_retention_period === 0) report('backup_retention_period must be at least 1 day');
      if (db.body.skip_final_snapshot === true) report('skip_final_snapshot must not be true: a destroy would lose the data');
    }
  }
  return findings;
};
