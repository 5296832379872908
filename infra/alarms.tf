# Every alarm notifies the stack's own topic (and any topics in alarm_actions), so
# someone is told from the first apply on.
locals {
  alarm_actions = concat([aws_sns_topic.alarms.arn], var.alarm_actions)
  # CloudWatch cannot use the AWS managed aws/sns key, so alarms get a key of their own
  # unless a customer managed key (whose policy admits cloudwatch.amazonaws.com) is given.
  alarm_topic_key = var.kms_key_arn != null ? var.kms_key_arn : aws_kms_key.alarms[0].arn
}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "alarm_key" {
  count = var.kms_key_arn == null ? 1 : 0

  statement {
    sid = "AccountAdministersKey"
    actions = [
      "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:CreateGrant", "kms:DeleteAlias", "kms:DescribeKey",
      "kms:DisableKey", "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation", "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListResourceTags",
      "kms:PutKeyPolicy", "kms:RetireGrant", "kms:RevokeGrant", "kms:ScheduleKeyDeletion", "kms:TagResource",
      "kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription",
      # So IAM policies of the account can let an operator publish a test notification.
      "kms:Decrypt", "kms:GenerateDataKey",
    ]
    # iam-resource-star: in a key policy "*" means this key and nothing else.
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid     = "CloudWatchAndSnsUseKey"
    actions = ["kms:Decrypt", "kms:GenerateDataKey"]
    # iam-resource-star: in a key policy "*" means this key and nothing else.
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com", "sns.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_kms_key" "alarms" {
  count                   = var.kms_key_arn == null ? 1 : 0
  description             = "Encrypts the ${local.name} alarm topic (CloudWatch cannot publish under aws/sns)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.alarm_key[0].json
  tags                    = var.tags
}

resource "aws_sns_topic" "alarms" {
  name              = "${local.name}-alarms"
  kms_master_key_id = local.alarm_topic_key
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "alarm_email" {
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.key
}
