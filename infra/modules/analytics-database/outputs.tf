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
