output "queue_name" {
  description = "Name of the queue"
  value       = aws_sqs_queue.this.name
}

output "queue_arn" {
  description = "ARN of the queue"
  value       = aws_sqs_queue.this.arn
}

output "queue_url" {
  description = "URL of the queue"
  value       = aws_sqs_queue.this.url
}

output "dlq_name" {
  description = "Name of the dead-letter queue"
  value       = aws_sqs_queue.dlq.name
}

output "dlq_arn" {
  description = "ARN of the dead-letter queue"
  value       = aws_sqs_queue.dlq.arn
}

output "dlq_url" {
  description = "URL of the dead-letter queue (redrive from it with StartMessageMoveTask)"
  value       = aws_sqs_queue.dlq.url
}

output "redrive_policy" {
  description = "Redrive policy of the queue, as JSON: the DLQ ARN and maxReceiveCount"
  value       = aws_sqs_queue.this.redrive_policy
}

output "visibility_timeout_seconds" {
  description = "Visibility timeout of the queue, in seconds"
  value       = aws_sqs_queue.this.visibility_timeout_seconds
}

output "subscription_arn" {
  description = "ARN of the SNS subscription feeding the queue"
  value       = aws_sns_topic_subscription.this.arn
}

output "event_source_mapping_uuid" {
  description = "UUID of the event source mapping that invokes the function"
  value       = aws_lambda_event_source_mapping.this.uuid
}

output "alarm_arns" {
  description = "ARNs of the DLQ-depth, backlog-age, failed-records and (when on) projection-lag and backlog alarms"
  value       = [for a in local.alarms : a.arn]
}

output "alarms" {
  description = "Alarm name => metric, statistic, threshold and actions of each alarm on the queue and its consumer"
  value = { for a in local.alarms : a.alarm_name => {
    namespace   = a.namespace
    metric_name = a.metric_name
    dimensions  = a.dimensions
    statistic   = a.statistic
    threshold   = a.threshold
    actions     = a.alarm_actions
  } }
}

output "filter_policy" {
  description = "Filter policy of the subscription, as JSON, or null when it receives every message"
  value       = aws_sns_topic_subscription.this.filter_policy
}

output "kms_key_arn" {
  description = "Customer managed key of both queues, or null under SQS managed encryption"
  value       = aws_sqs_queue.this.kms_master_key_id
}
