# Per-account command quotas: one counter per account and minute, written by the
# command functions alone (one conditional UpdateItem per command), gone by TTL a
# minute after its window.
locals {
  commands_per_minute = coalesce(var.commands_per_minute, local.wiring.commandQuota.commandsPerMinute)
}

module "command_quota_table" {
  source                      = "./modules/dynamodb-table"
  name                        = "${local.name}-${local.wiring.commandQuota.table}"
  hash_key                    = "pk"
  range_key                   = null
  attributes                  = [{ name = "pk", type = "S" }]
  ttl_attribute               = "expiresAt"
  deletion_protection_enabled = var.deletion_protection
  kms_key_arn                 = var.kms_key_arn
  tags                        = var.tags
}
