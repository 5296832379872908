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
  description = "Function (as in wiring.json) => deployed Lambda function name"
  value       = { for name, function in module.function : name => function.function_name }

  precondition {
    condition     = length(setsubtract(keys(var.function_reserved_concurrency), keys(local.wiring.functions))) == 0
    error_message = "function_reserved_concurrency names functions that wiring.json does not have: ${join(", ", setsubtract(keys(var.function_reserved_concurrency), keys(local.wiring.functions)))}."
  }
}

output "idempotency_table_name" {
  description = "Name of the DynamoDB table keeping the command functions' Idempotency-Key records"
  value       = module.idempotency_table.name
}

output "letter_id_keys_secret_arn" {
  description = "ARN of the secret holding the key set letter ids are signed with (filled by migrate; the value never enters the state)"
  value       = aws_secretsmanager_secret.letter_id_keys.arn
}

output "child_pseudonym_keys_secret_arn" {
  description = "ARN of the secret holding the key set child ids are pseudonymised with in analytics (filled by migrate, read by project-analytics only; the value never enters the state)"
  value       = aws_secretsmanager_secret.child_pseudonym_keys.arn
}

output "schedules" {
  description = "Scheduled function (as in wiring.json) => its EventBridge Scheduler schedule (name, group, expression) and the URL of the DLQ of runs that could not be invoked"
  value = { for name, schedule in aws_scheduler_schedule.function : name => {
    name       = schedule.name
    group      = schedule.group_name
    expression = schedule.schedule_expression
    dlq_url    = aws_sqs_queue.schedule_dlq[name].url
  } }
}

output "data_retention" {
  description = "How long children's data lives where: the season (retention_days) after which letters, events and analytics rows expire, and the copies that outlive an expiry or erasure until they age out"
  value = {
    retention_days         = var.retention_days
    dynamodb_ttl_attribute = { letters = module.letters_table.ttl_attribute, event_log = module.event_log_table.ttl_attribute }
    # DynamoDB deletes an expired item within about 48 hours, not at once.
    dynamodb_ttl_delay_hours           = 48
    dynamodb_pitr_days                 = module.letters_table.point_in_time_recovery_enabled ? 35 : 0
    database_backup_retention_days     = var.database_backup_retention_days
    dlq_retention_days                 = 14
    log_retention_days                 = var.log_retention_days
    database_final_snapshot_on_destroy = module.analytics_database.final_snapshot_identifier != null
  }
}

output "jwt_issuer" {
  description = "Issuer every API token must come from (the Cognito user pool's, or jwt_authorizer.issuer)"
  value       = local.jwt_authorizer.issuer
}

output "family_app_client_id" {
  description = "Cognito app client of family apps (authorization code + PKCE, scope santa/letters); null with jwt_authorizer"
  value       = local.cognito ? aws_cognito_user_pool_client.family_app[0].id : null
}

output "workshop_tools_client_id" {
  description = "Cognito app client of workshop tools (client credentials, scope santa/workshop; its secret: aws cognito-idp describe-user-pool-client); null with jwt_authorizer"
  value       = local.cognito ? aws_cognito_user_pool_client.workshop_tools[0].id : null
}

output "user_pool_id" {
  description = "ID of the Cognito user pool; null with jwt_authorizer"
  value       = local.cognito ? aws_cognito_user_pool.this[0].id : null
}

output "token_endpoint" {
  description = "OAuth 2.0 token endpoint of the Cognito domain; null with jwt_authorizer"
  value       = local.cognito ? "https://${aws_cognito_user_pool_domain.this[0].domain}.auth.${var.aws_region}.amazoncognito.com/oauth2/token" : null
}

output "hosted_ui_url" {
  description = "Base URL of Cognito's hosted UI (/oauth2/authorize, /login, /logout); null with jwt_authorizer"
  value       = local.cognito ? "https://${aws_cognito_user_pool_domain.this[0].domain}.auth.${var.aws_region}.amazoncognito.com" : null
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic every alarm notifies (subscribe to it, or list your topics in alarm_actions)"
  value       = aws_sns_topic.alarms.arn
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard of the pipeline"
  value       = aws_cloudwatch_dashboard.pipeline.dashboard_name
}

output "migrations_checksum" {
  description = "SHA-256 over the SQL migrations; a new value re-runs migrate during the next apply"
  value       = local.migrations_checksum
}

output "letters_topic_subscribers" {
  description = "Per subscriber of letters_topic_subscribers: whether this stack subscribed its queue (same account) or its account must (another account), and the subscription's arguments"
  value = {
    for name, s in local.subscribers : name => {
      subscribed_here      = contains(keys(local.subscribed_here), name)
      subscription_arn     = try(aws_sns_topic_subscription.subscriber[name].arn, null)
      topic_arn            = aws_sns_topic.letters.arn
      queue_arn            = s.queue_arn
      raw_message_delivery = s.raw_message_delivery
      filter_policy        = s.filter_policy
    }
  }
}

output "command_quota_table_name" {
  description = "DynamoDB table of the per-account command counters (one item per account and minute)"
  value       = module.command_quota_table.name
}

output "child_erasure_keys_secret_arn" {
  description = "ARN of the secret holding the key set erasure tombstones name children with (filled by migrate; CHILD_ERASURE_KEYS of make replay PROJECTION=letters-view on AWS takes its value)"
  value       = aws_secretsmanager_secret.child_erasure_keys.arn
}

output "console_url" {
  description = "The workshop console, such as https://d111111abcdef8.cloudfront.net/console/ (null with console_enabled = false)"
  value       = local.console ? "${local.console_origin}/console/" : null
}
