locals {
  dlq_name = "${var.name}-dlq"
  # AWS: at least six times the function timeout, plus the batching window, so a
  # message is not received again while a slow invocation still holds it.
  visibility_timeout_seconds = coalesce(var.visibility_timeout_seconds, 6 * var.function_timeout_seconds + var.maximum_batching_window_seconds)
}

resource "aws_sqs_queue" "dlq" {
  name                              = local.dlq_name
  message_retention_seconds         = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  tags                              = var.tags
}

resource "aws_sqs_queue" "this" {
  name                              = var.name
  visibility_timeout_seconds        = local.visibility_timeout_seconds
  message_retention_seconds         = var.message_retention_seconds
  receive_wait_time_seconds         = 20
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = var.max_receive_count
  })
  tags = var.tags

  lifecycle {
    precondition {
      condition     = local.visibility_timeout_seconds >= 6 * var.function_timeout_seconds
      error_message = "visibility_timeout_seconds (${local.visibility_timeout_seconds}) must be at least 6 x function_timeout_seconds (${6 * var.function_timeout_seconds}), or messages are redelivered while still being processed."
    }
    precondition {
      condition     = var.dlq_message_retention_seconds >= var.message_retention_seconds
      error_message = "dlq_message_retention_seconds must be at least message_retention_seconds: the DLQ counts age from the first enqueue, so a shorter retention drops poison messages on arrival."
    }
    precondition {
      condition     = var.batch_size <= 10 || var.maximum_batching_window_seconds >= 1
      error_message = "batch_size above 10 needs maximum_batching_window_seconds of at least 1 (Lambda rule for standard queues)."
    }
  }
}

# Redrive is allowed only from this queue; a separate resource because the
# queue's redrive policy already points at the DLQ (a cycle otherwise).
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this.arn]
  })
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn                   = aws_sqs_queue.this.arn
  function_name                      = var.function_name
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_seconds
  function_response_types            = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.maximum_concurrency
  }

  tags = var.tags

  # Lambda checks the role can read the queue when the mapping is created.
  depends_on = [aws_iam_role_policy.consume]
}
