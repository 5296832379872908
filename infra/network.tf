# Read only when the stack creates its own VPC.
data "aws_availability_zones" "available" {
  count = var.existing_network == null ? 1 : 0
  state = "available"
}

module "network" {
  source                  = "./modules/network"
  count                   = var.existing_network == null ? 1 : 0
  name                    = local.name
  cidr_block              = var.vpc_cidr_block
  availability_zones      = slice(data.aws_availability_zones.available[0].names, 0, var.availability_zone_count)
  flow_log_retention_days = var.log_retention_days
  kms_key_arn             = var.kms_key_arn
  tags                    = var.tags
}

resource "aws_security_group" "database_clients" {
  name        = "${local.name}-database-clients"
  description = "Functions that reach PostgreSQL through RDS Proxy"
  vpc_id      = local.network.vpc_id
  tags        = merge(var.tags, { Name = "${local.name}-database-clients" })
}

resource "aws_vpc_security_group_egress_rule" "database_clients_to_proxy" {
  security_group_id            = aws_security_group.database_clients.id
  description                  = "PostgreSQL to RDS Proxy"
  referenced_security_group_id = module.analytics_database.proxy_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = module.analytics_database.port
  to_port                      = module.analytics_database.port
  tags                         = var.tags
}

resource "aws_security_group" "migrator" {
  name        = "${local.name}-migrator"
  description = "The migrate function: PostgreSQL instance and Secrets Manager endpoint"
  vpc_id      = local.network.vpc_id
  tags        = merge(var.tags, { Name = "${local.name}-migrator" })
}

resource "aws_vpc_security_group_egress_rule" "migrator_to_database" {
  security_group_id            = aws_security_group.migrator.id
  description                  = "PostgreSQL to the instance"
  referenced_security_group_id = module.analytics_database.db_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = module.analytics_database.port
  to_port                      = module.analytics_database.port
  tags                         = var.tags
}

resource "aws_vpc_security_group_egress_rule" "migrator_to_endpoints" {
  security_group_id = aws_security_group.migrator.id
  description       = "HTTPS to the Secrets Manager endpoint inside the VPC"
  cidr_ipv4         = local.network.vpc_cidr_block
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  tags              = var.tags
}

# Functions that read a secret at cold start (the analytics projector's pseudonym key):
# HTTPS to the interface endpoints, nothing else.
resource "aws_security_group" "secret_readers" {
  name        = "${local.name}-secret-readers"
  description = "Functions that read a key from the Secrets Manager endpoint"
  vpc_id      = local.network.vpc_id
  tags        = merge(var.tags, { Name = "${local.name}-secret-readers" })
}

resource "aws_vpc_security_group_egress_rule" "secret_readers_to_endpoints" {
  security_group_id = aws_security_group.secret_readers.id
  description       = "HTTPS to the Secrets Manager endpoint inside the VPC"
  cidr_ipv4         = local.network.vpc_cidr_block
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  tags              = var.tags
}
