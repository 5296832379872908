locals {
  metrics_service = coalesce(var.metrics_service, var.function_name)
  alarms = concat(
    [aws_cloudwatch_metric_alarm.dlq_depth, aws_cloudwatch_metric_alarm.oldest_message_age, aws_cloudwatch_metric_alarm.failed_records],
    aws_cloudwatch_metric_alarm.projection_lag,
    aws_cloudwatch_metric_alarm.backlog,
  )
}

resource "aws_cloudwatch_metric_alarm" "dlq_depth" {
  alarm_name          = "${local.dlq_name}-not-empty"
  alarm_description   = "Messages wait in ${local.dlq_name}: inspect them, fix the cause, then redrive them to ${var.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.dlq.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "oldest_message_age" {
  alarm_name          = "${var.name}-backlog-age"
  alarm_description   = "The oldest message in ${var.name} has waited over ${var.oldest_message_age_alarm_seconds} s: ${var.function_name} is failing or too slow."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = aws_sqs_queue.this.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.oldest_message_age_alarm_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = var.tags
}

# The function's own metrics (Powertools, EMF): records of a batch it reported as
# failed, which Lambda retries and SQS parks in the DLQ after max_receive_count.
resource "aws_cloudwatch_metric_alarm" "failed_records" {
  alarm_name          = "${var.name}-failed-records"
  alarm_description   = "${var.function_name} reported at least ${var.failed_records_alarm_threshold} failed record(s) of ${var.name} in 5 minutes; they are retried, then parked in ${local.dlq_name}."
  namespace           = var.metrics_namespace
  metric_name         = "FailedRecords"
  dimensions          = { service = local.metrics_service }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.failed_records_alarm_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "projection_lag" {
  count               = var.projection_lag_alarm_milliseconds == null ? 0 : 1
  alarm_name          = "${var.name}-projection-lag"
  alarm_description   = "Events reach ${var.function_name}'s store more than ${var.projection_lag_alarm_milliseconds} ms after they occurred, for 5 minutes: reads are stale."
  namespace           = var.metrics_namespace
  metric_name         = "ProjectionLag"
  dimensions          = { service = local.metrics_service }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.projection_lag_alarm_milliseconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "backlog" {
  count               = var.backlog_alarm_messages == null ? 0 : 1
  alarm_name          = "${var.name}-backlog"
  alarm_description   = "Over ${var.backlog_alarm_messages} messages have waited in ${var.name} for 5 minutes: ${var.function_name} is further behind than the lag target at the sized peak."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.this.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.backlog_alarm_messages
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = var.tags
}
