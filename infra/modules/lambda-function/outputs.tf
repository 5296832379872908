output "function_name" {
  description = "Name of the Lambda function"
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function"
  value       = aws_lambda_function.this.arn
}

output "invoke_arn" {
  description = "ARN API Gateway uses to invoke the function"
  value       = aws_lambda_function.this.invoke_arn
}

output "role_name" {
  description = "Name of the execution role (other modules attach their own narrow policies to it)"
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the execution role"
  value       = aws_iam_role.this.arn
}

output "policy_actions" {
  description = "Actions granted through policy_statements, sorted (besides them the module grants only writing its own logs, plus the VPC and X-Ray actions when those are on)"
  value       = sort(distinct(flatten([for s in var.policy_statements : s.actions])))
}

output "environment" {
  description = "Environment variables the function starts with"
  value       = var.environment
}

output "log_group_name" {
  description = "CloudWatch log group receiving the function's logs"
  value       = aws_cloudwatch_log_group.this.name
}

output "log_retention_days" {
  description = "Days the function's logs are kept"
  value       = aws_cloudwatch_log_group.this.retention_in_days
}

output "reserved_concurrency" {
  description = "Concurrent executions reserved for the function (null or -1: unreserved, drawing on the account's pool)"
  value       = aws_lambda_function.this.reserved_concurrent_executions
}

output "runtime" {
  description = "Lambda runtime the function runs on"
  value       = aws_lambda_function.this.runtime
}

output "source_code_hash" {
  description = "Base64 SHA-256 of the deployed zip (changes whenever the code does)"
  value       = aws_lambda_function.this.source_code_hash
}

output "error_alarm_arn" {
  description = "ARN of the alarm on the function's errors"
  value       = aws_cloudwatch_metric_alarm.errors.arn
}

output "throttle_alarm_arn" {
  description = "ARN of the alarm on the function's throttles"
  value       = aws_cloudwatch_metric_alarm.throttles.arn
}

output "alarms" {
  description = "Alarm name => metric, statistic, threshold and actions of each alarm on the function"
  value = { for a in [aws_cloudwatch_metric_alarm.errors, aws_cloudwatch_metric_alarm.throttles] : a.alarm_name => {
    namespace   = a.namespace
    metric_name = a.metric_name
    dimensions  = a.dimensions
    statistic   = a.statistic
    threshold   = a.threshold
    actions     = a.alarm_actions
  } }
}

output "application_log_level" {
  description = "Lowest level of the function's own JSON log lines Lambda keeps"
  value       = aws_lambda_function.this.logging_config[0].application_log_level
}
