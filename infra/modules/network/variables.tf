variable "name" {
  description = "Name (and Name tag prefix) of the VPC and its parts"
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,48}$", var.name))
    error_message = "name must be 1 to 48 letters, digits, hyphens or underscores."
  }
}

variable "cidr_block" {
  description = "IPv4 CIDR block of the VPC (a /16 to /24; each private subnet takes a quarter or less of it)"
  type        = string
  default     = "10.20.0.0/16"
  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 24
    error_message = "cidr_block must be an IPv4 CIDR block from /16 to /24."
  }
}

variable "availability_zones" {
  description = "Availability zones, one private subnet in each (at least two: RDS and its proxy need them)"
  type        = list(string)
  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 4 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must name 2 to 4 distinct zones."
  }
}

variable "interface_endpoint_services" {
  description = "AWS services reached through interface endpoints from the private subnets (there is no NAT): short names such as secretsmanager"
  type        = list(string)
  default     = ["secretsmanager"]
  validation {
    condition     = alltrue([for s in var.interface_endpoint_services : can(regex("^[a-z0-9.-]+$", s))])
    error_message = "interface_endpoint_services must be short service names such as secretsmanager or sts."
  }
}

variable "flow_log_retention_days" {
  description = "Days CloudWatch keeps the VPC flow logs of rejected traffic"
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653): 0 would keep logs forever."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key ARN for the flow log group; null uses CloudWatch Logs' own encryption"
  type        = string
  default     = null
  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "tags" {
  description = "Tags applied to every resource of the module"
  type        = map(string)
  default     = {}
}
