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

output "error_alarm_arn" {
  description = "ARN of the alarm on the function's errors"
  value       = aws_cloudwatch_metric_alarm.errors.arn
}
