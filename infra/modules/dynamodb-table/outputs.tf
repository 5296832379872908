output "name" {
  description = "Name of the table"
  value       = aws_dynamodb_table.this.name
}

output "arn" {
  description = "ARN of the table"
  value       = aws_dynamodb_table.this.arn
}

output "index_arns" {
  description = "Index name => ARN of that global secondary index (for IAM statements that Query it)"
  value       = { for i in var.global_secondary_indexes : i.name => "${aws_dynamodb_table.this.arn}/index/${i.name}" }
}

output "point_in_time_recovery_enabled" {
  description = "Whether point-in-time recovery is on"
  value       = var.point_in_time_recovery_enabled
}

output "ttl_attribute" {
  description = "Attribute holding each item's expiry (epoch seconds), or null without TTL"
  value       = var.ttl_attribute
}

output "ttl_enabled" {
  description = "Whether the table itself deletes items past their expiry (DynamoDB TTL, within about 48 hours)"
  value       = anytrue([for ttl in aws_dynamodb_table.this.ttl : ttl.enabled && ttl.attribute_name == var.ttl_attribute])
}
