output "api_id" {
  description = "ID of the HTTP API"
  value       = aws_apigatewayv2_api.this.id
}

output "api_url" {
  description = "Base URL of the $default stage (no trailing slash)"
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "execution_arn" {
  description = "Execution ARN of the API (prefix of the invoke permissions' source ARNs)"
  value       = aws_apigatewayv2_api.this.execution_arn
}

output "route_keys" {
  description = "Route keys served, sorted"
  value       = sort([for route in aws_apigatewayv2_route.this : route.route_key])
}

output "route_functions" {
  description = "Route key => name of the function answering it"
  value       = { for key, route in var.routes : key => route.function_name }
}

output "permission_source_arns" {
  description = "Route key => source ARN the function's invoke permission is limited to"
  value       = { for key, permission in aws_lambda_permission.this : key => permission.source_arn }
}

output "access_log_group_name" {
  description = "CloudWatch log group receiving the access logs"
  value       = aws_cloudwatch_log_group.access.name
}

output "server_error_alarm_arn" {
  description = "ARN of the 5xx alarm"
  value       = aws_cloudwatch_metric_alarm.server_errors.arn
}
