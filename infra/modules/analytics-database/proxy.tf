# One secret per application role: RDS Proxy logs in to PostgreSQL with it after
# checking the function's IAM token. Terraform creates only the container, so no
# password ever passes through variables or state; the migrator sets the value.
resource "aws_secretsmanager_secret" "role" {
  for_each                = toset(var.application_roles)
  name_prefix             = "${var.name}/${each.key}-"
  description             = "Login of the ${each.key} role that RDS Proxy ${var.name} uses; written by the migrate function"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "proxy_assume_role" {
  statement {
    sid     = "RdsAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }

    # Only RDS acting for this account may assume the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "proxy" {
  # IAM allows a name_prefix of 38 characters (64 less the 26 Terraform appends): 31 + "-proxy-".
  name_prefix        = "${substr(var.name, 0, 31)}-proxy-"
  description        = "Lets RDS Proxy ${var.name} read the application-role secrets"
  assume_role_policy = data.aws_iam_policy_document.proxy_assume_role.json
  tags               = var.tags
}

data "aws_iam_policy_document" "proxy" {
  statement {
    sid       = "ReadRoleSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [for secret in aws_secretsmanager_secret.role : secret.arn]
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "DecryptRoleSecrets"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "proxy" {
  name   = "read-role-secrets"
  role   = aws_iam_role.proxy.id
  policy = data.aws_iam_policy_document.proxy.json
}

resource "aws_db_proxy" "this" {
  name                   = var.name
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.proxy.arn
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = [aws_security_group.proxy.id]
  require_tls            = true
  idle_client_timeout    = var.proxy_idle_client_timeout_seconds
  debug_logging          = false

  dynamic "auth" {
    for_each = aws_secretsmanager_secret.role
    content {
      description = "IAM-authenticated logins as ${auth.key}"
      auth_scheme = "SECRETS"
      iam_auth    = "REQUIRED"
      secret_arn  = auth.value.arn
    }
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.proxy]
}

resource "aws_db_proxy_default_target_group" "this" {
  db_proxy_name = aws_db_proxy.this.name

  connection_pool_config {
    max_connections_percent = var.proxy_max_connections_percent
  }
}

resource "aws_db_proxy_target" "this" {
  db_proxy_name          = aws_db_proxy.this.name
  target_group_name      = aws_db_proxy_default_target_group.this.name
  db_instance_identifier = aws_db_instance.this.identifier
}
