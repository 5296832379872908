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
  description = "ARNs of the DLQ-depth and backlog-age alarms"
  value       = [aws_cloudwatch_metric_alarm.dlq_depth.arn, aws_cloudwatch_metric_alarm.oldest_message_age.arn]
}
