output "api_url" {
  description = "Base URL of the HTTP API, such as https://abc123.execute-api.eu-west-1.amazonaws.com"
  value       = module.http_api.api_url
}

output "topic_arn" {
  description = "ARN of the letters SNS topic"
  value       = aws_sns_topic.letters.arn
}

output "queue_urls" {
  description = "Consumer queue (as in wiring.json) => URL of its SQS queue"
  value       = { for name, consumer in module.consumer : name => consumer.queue_url }
}

output "dlq_urls" {
  description = "Consumer queue (as in wiring.json) => URL of its dead-letter queue"
  value       = { for name, consumer in module.consumer : name => consumer.dlq_url }
}

output "letters_table_name" {
  description = "Name of the DynamoDB letters table (read model)"
  value       = module.letters_table.name
}

output "event_log_table_name" {
  description = "Name of the DynamoDB event log table"
  value       = module.event_log_table.name
}

output "database_proxy_endpoint" {
  description = "Host name of the RDS Proxy in front of the analytics database (port 5432, TLS, IAM auth)"
  value       = module.analytics_database.proxy_endpoint
}

output "database_name" {
  description = "Name of the analytics database (DATABASE_NAME of the analytics functions)"
  value       = module.analytics_database.database_name
}

output "database_master_secret_arn" {
  description = "ARN of the RDS-managed secret with the master login (the secret itself never enters the state)"
  value       = module.analytics_database.master_user_secret_arn
}

output "function_names" {
  description = "Function (as in wiring.json) => deployed Lambda function name; invoke function_names[\"migrate\"] after each deploy"
  value       = { for name, function in module.function : name => function.function_name }

  precondition {
    condition     = length(setsubtract(keys(var.function_reserved_concurrency), keys(local.wiring.functions))) == 0
    error_message = "function_reserved_concurrency names functions that wiring.json does not have: ${join(", ", setsubtract(keys(var.function_reserved_concurrency), keys(local.wiring.functions)))}."
  }
}
