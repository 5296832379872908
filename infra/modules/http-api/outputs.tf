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

output "route_authorization" {
  description = "Route key => its authorization type, authorizer ID and required scopes"
  value = { for key, route in aws_apigatewayv2_route.this : key => {
    type          = route.authorization_type
    authorizer_id = route.authorizer_id
    scopes        = sort(tolist(route.authorization_scopes))
  } }
}

output "authorizer_id" {
  description = "ID of the JWT authorizer"
  value       = aws_apigatewayv2_authorizer.jwt.id
}

output "server_error_alarm" {
  description = "Metric, statistic, threshold and actions of the 5xx alarm"
  value = {
    namespace   = aws_cloudwatch_metric_alarm.server_errors.namespace
    metric_name = aws_cloudwatch_metric_alarm.server_errors.metric_name
    statistic   = aws_cloudwatch_metric_alarm.server_errors.statistic
    threshold   = aws_cloudwatch_metric_alarm.server_errors.threshold
    actions     = aws_cloudwatch_metric_alarm.server_errors.alarm_actions
  }
}

output "jwt_authorizer" {
  description = "Issuer and audiences the JWT authorizer accepts"
  value = {
    issuer   = one(aws_apigatewayv2_authorizer.jwt.jwt_configuration).issuer
    audience = tolist(one(aws_apigatewayv2_authorizer.jwt.jwt_configuration).audience)
  }
}
