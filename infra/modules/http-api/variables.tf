variable "name" {
  description = "Name of the HTTP API; also names its access log group and alarm"
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.name))
    error_message = "name must be 1 to 128 letters, digits, hyphens or underscores."
  }
}

variable "routes" {
  description = "Route key (\"METHOD /path\") => the Lambda function that answers it (function_name, invoke_arn) and the OAuth scopes a token needs, any one of them (such as [\"santa/letters\"])"
  type = map(object({
    function_name = string
    invoke_arn    = string
    scopes        = list(string)
  }))
  validation {
    condition     = length(var.routes) > 0
    error_message = "routes must contain at least one route."
  }
  validation {
    condition     = alltrue([for route in values(var.routes) : length(route.scopes) > 0])
    error_message = "every route needs at least one scope: a route without scopes would admit any valid token."
  }
  validation {
    condition     = alltrue([for key in keys(var.routes) : can(regex("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /[A-Za-z0-9_./{}+-]*$", key))])
    error_message = "route keys must look like \"GET /letters/{letterId}\": an HTTP method, one space, a path starting with /."
  }
}

variable "integration_timeout_milliseconds" {
  description = "Milliseconds API Gateway waits for a function before answering 503"
  type        = number
  default     = 29000
  validation {
    condition     = var.integration_timeout_milliseconds >= 50 && var.integration_timeout_milliseconds <= 30000
    error_message = "integration_timeout_milliseconds must be 50 to 30000."
  }
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the stage admits across all routes"
  type        = number
  default     = 50
  validation {
    condition     = var.throttling_rate_limit > 0
    error_message = "throttling_rate_limit must be above 0: 0 rejects every request."
  }
}

variable "throttling_burst_limit" {
  description = "Requests the stage admits in a burst above the rate limit"
  type        = number
  default     = 100
  validation {
    condition     = var.throttling_burst_limit >= 1 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a whole number of at least 1."
  }
}

variable "cors" {
  description = "CORS answered by API Gateway, or null to send no CORS headers (browsers then refuse cross-origin calls)"
  type = object({
    allow_origins   = list(string)
    allow_methods   = optional(list(string), ["GET", "POST", "PUT", "DELETE"])
    allow_headers   = optional(list(string), ["content-type", "idempotency-key", "authorization"])
    expose_headers  = optional(list(string), ["location"])
    max_age_seconds = optional(number, 600)
  })
  default = null
  validation {
    condition     = var.cors == null || try(length(var.cors.allow_origins) > 0 && alltrue([for o in var.cors.allow_origins : can(regex("^https?://[^/*]+$", o))]), false)
    error_message = "cors.allow_origins must list exact origins such as https://workshop.example (scheme and host, no path, no wildcard)."
  }
  validation {
    condition     = var.cors == null || try(var.cors.max_age_seconds >= 0 && var.cors.max_age_seconds <= 86400, false)
    error_message = "cors.max_age_seconds must be 0 to 86400."
  }
}

variable "jwt_authorizer" {
  description = "JWT authorizer guarding every route: the OIDC issuer URL and the accepted audiences (a token's aud or, where it has none, its client_id)"
  type = object({
    issuer   = string
    audience = list(string)
  })
  validation {
    condition     = try(startswith(var.jwt_authorizer.issuer, "https://") && length(var.jwt_authorizer.audience) > 0, false)
    error_message = "jwt_authorizer.issuer must be an https:// URL and audience must not be empty."
  }
}

variable "access_log_retention_days" {
  description = "Days CloudWatch keeps the access logs (one of the values CloudWatch Logs accepts)"
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.access_log_retention_days)
    error_message = "access_log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653): 0 would keep logs forever."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key ARN for the access log group; null uses CloudWatch Logs' own encryption"
  type        = string
  default     = null
  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "server_error_alarm_threshold" {
  description = "5xx answers within 5 minutes that raise the alarm"
  type        = number
  default     = 1
  validation {
    condition     = var.server_error_alarm_threshold >= 1
    error_message = "server_error_alarm_threshold must be at least 1."
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
