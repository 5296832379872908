data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "LambdaAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  description        = "Execution role of the ${var.name} function"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
  tags               = var.tags
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  dynamic "statement" {
    for_each = var.vpc_config == null ? [] : [var.vpc_config]
    content {
      sid = "ManageVpcNetworkInterfaces"
      actions = [
        "ec2:AssignPrivateIpAddresses",
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:UnassignPrivateIpAddresses",
      ]
      # iam-resource-star: Lambda needs these ec2 network-interface actions to join the VPC and they support no resource-level scoping (the same statement as AWSLambdaVPCAccessExecutionRole, without its logs:* on "*").
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = var.tracing_enabled ? [true] : []
    content {
      sid     = "WriteTraces"
      actions = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      # iam-resource-star: X-Ray trace ingestion has no resource-level permissions (AWSXRayDaemonWriteAccess uses "*" too).
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = var.policy_statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "least-privilege"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
