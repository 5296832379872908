locals {
  port           = 5432
  engine_major   = split(".", var.engine_version)[0]
  log_exports    = ["postgresql", "upgrade"]
  proxy_arn_part = split(":", aws_db_proxy.this.arn)
}

resource "aws_db_subnet_group" "this" {
  name        = var.name
  description = "Private subnets of ${var.name}"
  subnet_ids  = var.subnet_ids
  tags        = var.tags
}

resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.name}-"
  description = "PostgreSQL settings of ${var.name}: TLS required"
  family      = "postgres${local.engine_major}"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

# Created first with their retention, or RDS creates them keeping logs forever.
resource "aws_cloudwatch_log_group" "this" {
  for_each          = toset(local.log_exports)
  name              = "/aws/rds/instance/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_db_instance" "this" {
  identifier                          = var.name
  engine                              = "postgres"
  engine_version                      = var.engine_version
  instance_class                      = var.instance_class
  allocated_storage                   = var.allocated_storage_gb
  max_allocated_storage               = var.max_allocated_storage_gb
  storage_type                        = "gp3"
  storage_encrypted                   = true
  kms_key_id                          = var.kms_key_arn
  db_name                             = var.database_name
  username                            = var.master_username
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = var.kms_key_arn
  iam_database_authentication_enabled = true
  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [aws_security_group.db.id]
  parameter_group_name                = aws_db_parameter_group.this.name
  publicly_accessible                 = false
  multi_az                            = var.multi_az
  backup_retention_period             = var.backup_retention_days
  copy_tags_to_snapshot               = true
  delete_automated_backups            = false
  deletion_protection                 = var.deletion_protection
  skip_final_snapshot                 = false
  # Stamped at creation, so a second deploy and destroy under the same name does not
  # collide with the first one's snapshot (RDS refuses an existing identifier).
  final_snapshot_identifier             = "${var.name}-final-${formatdate("YYYYMMDDhhmmss", timestamp())}"
  auto_minor_version_upgrade            = true
  performance_insights_enabled          = var.performance_insights_enabled
  performance_insights_kms_key_id       = var.performance_insights_enabled ? var.kms_key_arn : null
  performance_insights_retention_period = var.performance_insights_enabled ? 7 : null
  enabled_cloudwatch_logs_exports       = local.log_exports
  tags                                  = var.tags

  depends_on = [aws_cloudwatch_log_group.this]

  lifecycle {
    # timestamp() changes on every plan; the identifier is fixed when the instance is created.
    ignore_changes = [final_snapshot_identifier]

    precondition {
      condition     = var.max_allocated_storage_gb >= var.allocated_storage_gb
      error_message = "max_allocated_storage_gb must be at least allocated_storage_gb."
    }
  }
}
