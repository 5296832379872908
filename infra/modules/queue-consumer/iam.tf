data "aws_iam_policy_document" "consume" {
  statement {
    sid       = "ConsumeQueue"
    actions   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]
    resources = [aws_sqs_queue.this.arn]
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "DecryptQueue"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "consume" {
  name   = "consume-${var.name}"
  role   = var.function_role_name
  policy = data.aws_iam_policy_document.consume.json
}
