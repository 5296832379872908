variable "name" {
  description = "Function name; also names its role, log group and alarms (1-64 of letters, digits, - and _)"
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.name))
    error_message = "name must be 1 to 64 letters, digits, hyphens or underscores."
  }
}

variable "description" {
  description = "Human-readable description shown in the Lambda console"
  type        = string
  default     = ""
}

variable "filename" {
  description = "Path to the deployment zip built by `make build` (dist/<function>.zip)"
  type        = string
  validation {
    condition     = endswith(var.filename, ".zip")
    error_message = "filename must point at a .zip file."
  }
}

variable "handler" {
  description = "Module and export Lambda calls, as <file without extension>.<export>"
  type        = string
  default     = "index.handler"
}

variable "runtime" {
  description = "Lambda runtime identifier"
  type        = string
  default     = "nodejs22.x"
  validation {
    condition     = can(regex("^nodejs[0-9]+\\.x$", var.runtime))
    error_message = "runtime must be a Node.js runtime such as nodejs22.x: the zips are Node.js bundles."
  }
}

variable "architecture" {
  description = "Instruction set the function runs on"
  type        = string
  default     = "arm64"
  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size_mb" {
  description = "Memory in MiB (CPU scales with it)"
  type        = number
  default     = 256
  validation {
    condition     = var.memory_size_mb >= 128 && var.memory_size_mb <= 10240 && floor(var.memory_size_mb) == var.memory_size_mb
    error_message = "memory_size_mb must be a whole number from 128 to 10240."
  }
}

variable "timeout_seconds" {
  description = "Maximum run time of one invocation, in seconds"
  type        = number
  default     = 5
  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number from 1 to 900."
  }
}

variable "environment" {
  description = "Environment variables (name => value); never put a secret here, pass its ARN instead"
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for name in keys(var.environment) : can(regex("^[A-Za-z][A-Za-z0-9_]*$", name)) && !startswith(name, "AWS_")])
    error_message = "environment names must be letters, digits and underscores, and must not start with AWS_ (reserved by Lambda)."
  }
}

variable "policy_statements" {
  description = "IAM Allow statements the function needs beyond writing its own logs: sid, actions (no wildcards) and resources (no bare \"*\", but for cloudwatch:GetMetricData)"
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
  }))
  default = []
  validation {
    condition     = alltrue([for s in var.policy_statements : length(s.actions) > 0 && alltrue([for a in s.actions : !strcontains(a, "*")])])
    error_message = "policy_statements must name each action exactly: wildcard actions are not allowed."
  }
  validation {
    # Only actions that support no resource-level permissions at all may name "*".
    condition     = alltrue([for s in var.policy_statements : length(s.resources) > 0 && (!contains(s.resources, "*") || alltrue([for a in s.actions : contains(["cloudwatch:GetMetricData"], a)]))])
    error_message = "policy_statements must scope each statement to resources: \"*\" is allowed only for cloudwatch:GetMetricData, which has no resource-level permissions."
  }
  validation {
    condition     = alltrue([for s in var.policy_statements : can(regex("^[A-Za-z0-9]+$", s.sid))]) && length(distinct([for s in var.policy_statements : s.sid])) == length(var.policy_statements)
    error_message = "policy_statements sids must be unique and alphanumeric."
  }
}

variable "vpc_config" {
  description = "Private subnets and security groups to run the function in, or null to run outside a VPC"
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null
  validation {
    condition     = var.vpc_config == null || (try(length(var.vpc_config.subnet_ids), 0) > 0 && try(length(var.vpc_config.security_group_ids), 0) > 0)
    error_message = "vpc_config needs at least one subnet and one security group."
  }
}

variable "reserved_concurrency" {
  description = "Concurrent executions reserved for (and capping) the function; null leaves it unreserved, 0 disables it"
  type        = number
  default     = null
  validation {
    condition     = var.reserved_concurrency == null || try(var.reserved_concurrency >= 0 && floor(var.reserved_concurrency) == var.reserved_concurrency, false)
    error_message = "reserved_concurrency must be null or a whole number >= 0."
  }
}

variable "tracing_enabled" {
  description = "Whether AWS X-Ray traces sampled invocations (Active) or only passes the trace header on (PassThrough)"
  type        = bool
  default     = false
}

variable "log_level" {
  description = "Lowest level of the function's own JSON log lines Lambda keeps (application_log_level); give it the LOG_LEVEL the function logs at"
  type        = string
  default     = "INFO"
  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.log_level)
    error_message = "log_level must be TRACE, DEBUG, INFO, WARN, ERROR or FATAL (Lambda's application log levels)."
  }
}

variable "system_log_level" {
  description = "Lowest level of Lambda's own log lines (START, END, REPORT are INFO) it keeps"
  type        = string
  default     = "INFO"
  validation {
    condition     = contains(["DEBUG", "INFO", "WARN"], var.system_log_level)
    error_message = "system_log_level must be DEBUG, INFO or WARN (Lambda's system log levels)."
  }
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the function's logs (one of the values CloudWatch Logs accepts)"
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653: 0 would keep logs forever."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key ARN for the log group and environment variables; null uses AWS managed keys"
  type        = string
  default     = null
  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "error_alarm_threshold" {
  description = "Errors within 5 minutes that raise the error alarm"
  type        = number
  default     = 1
  validation {
    condition     = var.error_alarm_threshold >= 1
    error_message = "error_alarm_threshold must be at least 1: 0 would alarm all the time."
  }
}

variable "throttle_alarm_threshold" {
  description = "Throttled invocations within 5 minutes that raise the throttle alarm"
  type        = number
  default     = 1
  validation {
    condition     = var.throttle_alarm_threshold >= 1
    error_message = "throttle_alarm_threshold must be at least 1: 0 would alarm all the time."
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
