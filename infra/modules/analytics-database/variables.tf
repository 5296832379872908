variable "name" {
  description = "Identifier of the DB instance; also prefixes its proxy, security groups, secrets and alarms (lower-case letters, digits, hyphens; 1-50)"
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,49}$", var.name)) && !endswith(var.name, "-") && !strcontains(var.name, "--")
    error_message = "name must start with a letter, use lower-case letters, digits and single hyphens, not end with a hyphen, and be at most 50 characters."
  }
}

variable "vpc_id" {
  description = "VPC the database and its proxy live in"
  type        = string
}

variable "vpc_cidr_block" {
  description = "CIDR block of that VPC (the proxy reaches the Secrets Manager endpoint inside it over HTTPS)"
  type        = string
  validation {
    condition     = can(cidrhost(var.vpc_cidr_block, 0))
    error_message = "vpc_cidr_block must be a CIDR block such as 10.20.0.0/16."
  }
}

variable "subnet_ids" {
  description = "Private subnets (in at least two availability zones) for the instance and the proxy"
  type        = list(string)
  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids must name at least two subnets: RDS subnet groups and proxies need two availability zones."
  }
}

variable "client_security_group_ids" {
  description = "Label => security group of functions that may connect to the proxy on 5432 (IAM auth as an application role)"
  type        = map(string)
  default     = {}
}

variable "admin_security_group_ids" {
  description = "Label => security group that may connect to the instance itself on 5432 (the migrator, with the master secret)"
  type        = map(string)
  default     = {}
}

variable "engine_version" {
  description = "PostgreSQL major (or major.minor) version"
  type        = string
  default     = "16"
  validation {
    condition     = can(regex("^1[4-9](\\.[0-9]+)?$", var.engine_version))
    error_message = "engine_version must be PostgreSQL 14 or later, such as 16 or 16.4."
  }
}

variable "instance_class" {
  description = "DB instance class"
  type        = string
  default     = "db.t4g.micro"
  validation {
    condition     = startswith(var.instance_class, "db.")
    error_message = "instance_class must be a DB instance class such as db.t4g.micro."
  }
}

variable "allocated_storage_gb" {
  description = "Initial storage in GiB"
  type        = number
  default     = 20
  validation {
    condition     = var.allocated_storage_gb >= 20 && var.allocated_storage_gb <= 65536
    error_message = "allocated_storage_gb must be 20 to 65536 (gp3 limits)."
  }
}

variable "max_allocated_storage_gb" {
  description = "Ceiling in GiB for storage autoscaling (equal to allocated_storage_gb to turn it off)"
  type        = number
  default     = 100
}

variable "database_name" {
  description = "Name of the database created in the instance"
  type        = string
  default     = "workshop"
  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be a lower-case PostgreSQL identifier."
  }
}

variable "master_username" {
  description = "Master (migrator) user name; RDS generates its password and keeps it in a Secrets Manager secret"
  type        = string
  default     = "workshop_admin"
  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.master_username)) && !contains(["admin", "postgres", "rdsadmin"], var.master_username)
    error_message = "master_username must be a lower-case PostgreSQL identifier and not a reserved name."
  }
}

variable "application_roles" {
  description = "Database roles the functions log in as through the proxy (each gets a Secrets Manager secret the proxy uses; the migrator sets their passwords)"
  type        = list(string)
  default     = ["analytics_reader", "analytics_writer"]
  validation {
    condition     = length(var.application_roles) > 0 && alltrue([for r in var.application_roles : can(regex("^[a-z][a-z0-9_]{0,62}$", r))])
    error_message = "application_roles must be lower-case PostgreSQL identifiers."
  }
}

variable "multi_az" {
  description = "Whether a standby in a second availability zone takes over on failure"
  type        = bool
  default     = false
}

variable "backup_retention_days" {
  description = "Days automated backups are kept"
  type        = number
  default     = 7
  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be 1 to 35: 0 would turn backups off."
  }
}

variable "deletion_protection" {
  description = "Whether the instance refuses deletion (turn off, apply, then destroy)"
  type        = bool
  default     = true
}

variable "performance_insights_enabled" {
  description = "Whether Performance Insights records query load (7 days are free)"
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the PostgreSQL logs"
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653): 0 would keep logs forever."
  }
}

variable "proxy_idle_client_timeout_seconds" {
  description = "Seconds a client connection to the proxy may stay idle"
  type        = number
  default     = 1800
  validation {
    condition     = var.proxy_idle_client_timeout_seconds >= 1 && var.proxy_idle_client_timeout_seconds <= 28800
    error_message = "proxy_idle_client_timeout_seconds must be 1 to 28800."
  }
}

variable "proxy_max_connections_percent" {
  description = "Share of the instance's max_connections the proxy may open, in percent"
  type        = number
  default     = 90
  validation {
    condition     = var.proxy_max_connections_percent >= 1 && var.proxy_max_connections_percent <= 100
    error_message = "proxy_max_connections_percent must be 1 to 100."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key ARN for storage, Performance Insights and the secrets; null uses the AWS managed keys (still encrypted)"
  type        = string
  default     = null
  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "secret_recovery_window_days" {
  description = "Days a deleted application-role secret can still be restored"
  type        = number
  default     = 7
  validation {
    condition     = var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30
    error_message = "secret_recovery_window_days must be 7 to 30."
  }
}

variable "cpu_alarm_percent" {
  description = "Average CPU utilisation, in percent over 15 minutes, that raises the CPU alarm"
  type        = number
  default     = 80
}

variable "free_storage_alarm_gb" {
  description = "Free storage in GiB below which the storage alarm fires"
  type        = number
  default     = 2
}

variable "database_connections_alarm_count" {
  description = "Connections to the instance above which (for 5 minutes) the connections alarm fires; db.t4g.micro allows about 80"
  type        = number
  default     = 60
  validation {
    condition     = var.database_connections_alarm_count >= 1
    error_message = "database_connections_alarm_count must be at least 1."
  }
}

variable "proxy_client_connections_alarm_count" {
  description = "Client connections to RDS Proxy above which (for 5 minutes) the proxy alarm fires"
  type        = number
  default     = 200
  validation {
    condition     = var.proxy_client_connections_alarm_count >= 1
    error_message = "proxy_client_connections_alarm_count must be at least 1."
  }
}

variable "alarm_actions" {
  description = "ARNs (usually SNS topics) notified when an alarm changes state"
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags applied to every resource of the module"
  type        = map(string)
  default     = {}
}
