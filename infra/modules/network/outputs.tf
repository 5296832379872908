output "vpc_id" {
  description = "ID of the VPC"
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR block of the VPC"
  value       = aws_vpc.this.cidr_block
}

output "private_subnet_ids" {
  description = "IDs of the private subnets, one per availability zone"
  value       = aws_subnet.private[*].id
}

output "endpoint_security_group_id" {
  description = "Security group of the interface endpoints"
  value       = aws_security_group.endpoints.id
}

output "interface_endpoint_ids" {
  description = "Service => ID of its interface endpoint"
  value       = { for service, endpoint in aws_vpc_endpoint.interface : service => endpoint.id }
}
