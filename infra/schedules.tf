# Functions of wiring.json with a "schedule" run on it: an EventBridge Scheduler
# schedule per function, in the stack's own group (so its metrics are the stack's),
# invoking it through a role that may invoke that function and nothing else. A run
# the scheduler could not start, even after its retries, lands in the schedule's DLQ.
locals {
  scheduled_functions = { for name, f in local.wiring.functions : name => f if try(f.schedule, null) != null }

  schedule_dlq_retention_seconds = 1209600 # 14 days, the SQS maximum
  schedule_retry = {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 5
  }
}

resource "aws_scheduler_schedule_group" "this" {
  name = local.name
  tags = var.tags
}

resource "aws_sqs_queue" "schedule_dlq" {
  for_each                  = local.scheduled_functions
  name                      = "${local.name}-${each.key}-schedule-dlq"
  message_retention_seconds = local.schedule_dlq_retention_seconds
  kms_master_key_id         = var.kms_key_arn
  sqs_managed_sse_enabled   = var.kms_key_arn == null ? true : null
  tags                      = var.tags
}

data "aws_iam_policy_document" "scheduler_assume_role" {
  for_each = local.scheduled_functions

  statement {
    sid     = "SchedulerAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    # Only schedules of this stack's group may use the role (no confused deputy):
    # Scheduler names the schedule group as the source of the AssumeRole.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_scheduler_schedule_group.this.arn]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  for_each           = local.scheduled_functions
  name               = "${local.name}-${each.key}-scheduler"
  description        = "Lets the ${local.name}-${each.key} schedule invoke that function and dead-letter a failed run"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume_role[each.key].json
  tags               = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  for_each = local.scheduled_functions

  statement {
    sid       = "InvokeScheduledFunction"
    actions   = ["lambda:InvokeFunction"]
    resources = [module.function[each.key].function_arn]
  }

  statement {
    sid       = "DeadLetterFailedRuns"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.schedule_dlq[each.key].arn]
  }

  # A DLQ under a customer managed key needs data keys to be written to.
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "EncryptDeadLetters"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "scheduler" {
  for_each = local.scheduled_functions
  name     = "invoke-${each.key}"
  role     = aws_iam_role.scheduler[each.key].id
  policy   = data.aws_iam_policy_document.scheduler[each.key].json
}

# The schedule holds no data (its input is {}), so the AWS owned key Scheduler
# encrypts it with by default is enough.
resource "aws_scheduler_schedule" "function" {
  for_each                     = local.scheduled_functions
  name                         = "${local.name}-${each.key}"
  group_name                   = aws_scheduler_schedule_group.this.name
  description                  = "Runs ${local.name}-${each.key} on ${each.value.schedule} (wiring.json)"
  schedule_expression          = each.value.schedule
  schedule_expression_timezone = "UTC"
  state                        = "ENABLED"

  # On time: a purge is no reason to spread load, and runs stay a day apart.
  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = module.function[each.key].function_arn
    role_arn = aws_iam_role.scheduler[each.key].arn
    input    = jsonencode({})

    retry_policy {
      maximum_event_age_in_seconds = local.schedule_retry.maximum_event_age_in_seconds
      maximum_retry_attempts       = local.schedule_retry.maximum_retry_attempts
    }

    dead_letter_config {
      arn = aws_sqs_queue.schedule_dlq[each.key].arn
    }
  }

  # The role must be allowed to invoke before the first run.
  depends_on = [aws_iam_role_policy.scheduler]
}

# A run the scheduler gave up on: dead-lettered, or not even that (dropped, or the
# DLQ refused it). Scheduler reports these per schedule group, which is the stack's.
resource "aws_cloudwatch_metric_alarm" "schedule_failures" {
  count               = length(local.scheduled_functions) == 0 ? 0 : 1
  alarm_name          = "${local.name}-schedule-failures"
  alarm_description   = "A scheduled run of ${join(", ", [for name in keys(local.scheduled_functions) : "${local.name}-${name}"])} could not be invoked after its retries: see the schedule DLQs and the scheduler role."
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags

  metric_query {
    id          = "failed"
    expression  = "FILL(dead, 0) + FILL(undelivered, 0) + FILL(dropped, 0)"
    label       = "Scheduled runs failed"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = {
      dead        = "InvocationsSentToDeadLetterCount"
      undelivered = "InvocationsFailedToBeSentToDeadLetterCount"
      dropped     = "InvocationDroppedCount"
    }
    content {
      id = metric_query.key
      metric {
        namespace   = "AWS/Scheduler"
        metric_name = metric_query.value
        dimensions  = { ScheduleGroup = aws_scheduler_schedule_group.this.name }
        period      = 300
        stat        = "Sum"
      }
    }
  }
}

# Dead-lettered runs stay 14 days: the alarm holds while any wait.
resource "aws_cloudwatch_metric_alarm" "schedule_dlq_depth" {
  for_each            = local.scheduled_functions
  alarm_name          = "${aws_sqs_queue.schedule_dlq[each.key].name}-not-empty"
  alarm_description   = "Scheduled runs of ${local.name}-${each.key} wait in ${aws_sqs_queue.schedule_dlq[each.key].name}: fix the cause, then invoke the function once by hand (a run catches up on everything due)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.schedule_dlq[each.key].name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}
