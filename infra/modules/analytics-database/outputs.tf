output "proxy_endpoint" {
  description = "Host name functions connect to (port 5432, TLS, IAM token as password)"
  value       = aws_db_proxy.this.endpoint
}

output "proxy_arn" {
  description = "ARN of the RDS Proxy"
  value       = aws_db_proxy.this.arn
}

output "iam_connect_arns" {
  description = "Application role => the rds-db:connect resource ARN that lets a function log in as it through the proxy"
  # arn:<partition>:rds:<region>:<account>:db-proxy:prx-<id> => arn:<partition>:rds-db:<region>:<account>:dbuser:prx-<id>/<role>
  value = {
    for role in var.application_roles :
    role => "arn:${local.proxy_arn_part[1]}:rds-db:${local.proxy_arn_part[3]}:${local.proxy_arn_part[4]}:dbuser:${local.proxy_arn_part[6]}/${role}"
  }
}

output "instance_address" {
  description = "Host name of the instance itself (for the migrator only)"
  value       = aws_db_instance.this.address
}

output "instance_identifier" {
  description = "Identifier of the DB instance"
  value       = aws_db_instance.this.identifier
}

output "port" {
  description = "PostgreSQL port of the instance and the proxy"
  value       = local.port
}

output "database_name" {
  description = "Name of the database"
  value       = aws_db_instance.this.db_name
}

output "master_user_secret_arn" {
  description = "ARN of the RDS-managed Secrets Manager secret holding the master login"
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "role_secret_arns" {
  description = "Application role => ARN of the secret the proxy logs in with"
  value       = { for role, secret in aws_secretsmanager_secret.role : role => secret.arn }
}

output "proxy_security_group_id" {
  description = "Security group of the proxy"
  value       = aws_security_group.proxy.id
}

output "db_security_group_id" {
  description = "Security group of the instance"
  value       = aws_security_group.db.id
}

output "proxy_name" {
  description = "Name of the RDS Proxy (the ProxyName dimension of its metrics)"
  value       = aws_db_proxy.this.name
}

output "proxy_target_id" {
  description = "ID of the proxy's target (the instance): known once the proxy can reach PostgreSQL, so whatever depends on it runs after"
  value       = aws_db_proxy_target.this.id
}

output "final_snapshot_identifier" {
  description = "Identifier of the snapshot RDS takes when the instance is destroyed"
  value       = aws_db_instance.this.final_snapshot_identifier
}

output "alarms" {
  description = "Alarm name => metric, statistic, threshold and actions of each alarm on the database and its proxy"
  value = { for a in [aws_cloudwatch_metric_alarm.cpu, aws_cloudwatch_metric_alarm.free_storage, aws_cloudwatch_metric_alarm.database_connections, aws_cloudwatch_metric_alarm.proxy_client_connections] : a.alarm_name => {
    namespace   = a.namespace
    metric_name = a.metric_name
    dimensions  = a.dimensions
    statistic   = a.statistic
    threshold   = a.threshold
    actions     = a.alarm_actions
  } }
}

output "proxy_assume_role_policy" {
  description = "Trust policy of the proxy's role, as JSON"
  value       = data.aws_iam_policy_document.proxy_assume_role.json
}
