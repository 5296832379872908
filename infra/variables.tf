variable "aws_region" {
  description = "AWS region to deploy to, such as eu-west-1"
  type        = string
  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region code such as eu-west-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name (one deployment per prefix and account), such as santas-workshop-prod"
  type        = string
  default     = "santas-workshop"
  validation {
    # 30 keeps "<prefix>-list-child-letters" and friends under the 64-character IAM and Lambda limits.
    condition     = can(regex("^[a-z][a-z0-9-]{1,29}$", var.name_prefix)) && !endswith(var.name_prefix, "-") && !strcontains(var.name_prefix, "--")
    error_message = "name_prefix must be 2 to 30 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "artifacts_dir" {
  description = "Folder holding one <function>.zip per function of wiring.json, as built by `make build`; null means ../dist beside this module"
  type        = string
  default     = null
}

variable "migrations_dir" {
  description = "Folder of the SQL migrations whose checksums re-run the migrate function during apply; null means ../shared/migrations beside this module"
  type        = string
  default     = null
}

variable "lambda_runtime" {
  description = "Lambda runtime of every function: nodejs22.x (the project's Node, deprecated by AWS on 2027-04-30) or nodejs24.x (needs hashicorp/aws >= 6.21)"
  type        = string
  default     = "nodejs22.x"
  validation {
    condition     = contains(["nodejs22.x", "nodejs24.x"], var.lambda_runtime)
    error_message = "lambda_runtime must be nodejs22.x or nodejs24.x, the runtimes the bundles are built and tested for."
  }
}

variable "log_level" {
  description = "LOG_LEVEL given to every function"
  type        = string
  default     = "INFO"
  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR"], var.log_level)
    error_message = "log_level must be DEBUG, INFO, WARN or ERROR (what the functions accept)."
  }
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps function, API, database and flow logs"
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653): 0 would keep logs forever."
  }
}

variable "retention_days" {
  description = "Days every letter, event and analytics row is kept after it was written (a season): DynamoDB TTL deletes letters and events, the daily purge-expired run analytics rows (RETENTION_DAYS of the functions that stamp or purge expiries)"
  type        = number
  default     = 400
  validation {
    condition     = var.retention_days >= 1 && var.retention_days <= 3650 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number from 1 to 3650."
  }
}

variable "analytics_min_children" {
  description = "Distinct children a toy or a country needs before the analytics answers show it (ANALYTICS_MIN_CHILDREN of top-toys and analytics-summary): smaller groups stay hidden from elves, and still count in the totals. 1 shows everything."
  type        = number
  default     = 5
  validation {
    condition     = var.analytics_min_children >= 1 && var.analytics_min_children <= 1000 && floor(var.analytics_min_children) == var.analytics_min_children
    error_message = "analytics_min_children must be a whole number from 1 to 1000 (1 shows every group, however small)."
  }
}

variable "tracing_enabled" {
  description = "Whether X-Ray traces the functions"
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key ARN for tables, database, secrets and logs; null uses AWS managed keys (everything is encrypted either way). Its key policy must admit logs.<region>.amazonaws.com, RDS and Secrets Manager"
  type        = string
  default     = null
  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "alarm_actions" {
  description = "ARNs of existing SNS topics notified besides the stack's own alarm topic (function errors and throttles, failed records, DLQ depth, backlog age, projection lag, API 5xx, database)"
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for arn in var.alarm_actions : can(regex("^arn:aws[a-z-]*:sns:", arn))])
    error_message = "alarm_actions must be SNS topic ARNs."
  }
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the stack's alarm topic (each must confirm the subscription AWS mails it)"
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_emails must be e-mail addresses such as oncall@workshop.example."
  }
}

variable "api_throttling_rate_limit" {
  description = "Steady-state requests per second the HTTP API admits; null derives it from peak_letters_per_second (peak.tf)"
  type        = number
  default     = null
  validation {
    condition     = var.api_throttling_rate_limit == null || try(var.api_throttling_rate_limit > 0, false)
    error_message = "api_throttling_rate_limit must be null (derived from the peak) or above 0."
  }
}

variable "api_throttling_burst_limit" {
  description = "Requests the HTTP API admits in a burst above the rate; null derives it from peak_letters_per_second (peak.tf)"
  type        = number
  default     = null
  validation {
    condition     = var.api_throttling_burst_limit == null || try(var.api_throttling_burst_limit >= 1 && floor(var.api_throttling_burst_limit) == var.api_throttling_burst_limit, false)
    error_message = "api_throttling_burst_limit must be null (derived from the peak) or a whole number of at least 1."
  }
}

variable "cors_allow_origins" {
  description = "Exact browser origins (https://host[:port]) allowed to call the API; empty sends no CORS headers"
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for o in var.cors_allow_origins : can(regex("^https?://[^/*]+$", o))])
    error_message = "cors_allow_origins must be exact origins such as https://workshop.example: no wildcard, no path."
  }
}

variable "jwt_authorizer" {
  description = "Your own OIDC issuer URL and the audiences its access tokens carry (aud, or client_id where a token has no aud); null creates a Cognito user pool instead. Tokens must carry the scopes santa/letters or santa/workshop in their scope claim"
  type = object({
    issuer   = string
    audience = list(string)
  })
  default = null
  validation {
    condition     = var.jwt_authorizer == null || try(startswith(var.jwt_authorizer.issuer, "https://") && length(var.jwt_authorizer.audience) > 0, false)
    error_message = "jwt_authorizer.issuer must be an https:// URL and audience must not be empty."
  }
}

variable "family_app_callback_urls" {
  description = "Where Cognito's hosted UI sends families back with an authorization code (the family app's redirect URIs; ignored with jwt_authorizer)"
  type        = list(string)
  default     = ["http://localhost:3000/callback"]
  validation {
    # Cognito accepts plain http for localhost only.
    condition     = length(var.family_app_callback_urls) > 0 && alltrue([for u in var.family_app_callback_urls : can(regex("^(https://[^/*#]+|http://localhost(:[0-9]+)?)(/[^#*]*)?$", u))])
    error_message = "family_app_callback_urls must be https:// URLs (or http://localhost) without wildcards or fragments."
  }
}

variable "family_app_logout_urls" {
  description = "Where the hosted UI may send families after signing out (ignored with jwt_authorizer)"
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for u in var.family_app_logout_urls : can(regex("^(https://[^/*#]+|http://localhost(:[0-9]+)?)(/[^#*]*)?$", u))])
    error_message = "family_app_logout_urls must be https:// URLs (or http://localhost) without wildcards or fragments."
  }
}

variable "vpc_cidr_block" {
  description = "CIDR block of the VPC created for the database and its functions (ignored with existing_network)"
  type        = string
  default     = "10.20.0.0/16"
  validation {
    condition     = can(cidrhost(var.vpc_cidr_block, 0))
    error_message = "vpc_cidr_block must be a CIDR block such as 10.20.0.0/16."
  }
}

variable "availability_zone_count" {
  description = "Availability zones the created VPC spans, one private subnet each (ignored with existing_network)"
  type        = number
  default     = 2
  validation {
    condition     = var.availability_zone_count >= 2 && var.availability_zone_count <= 4
    error_message = "availability_zone_count must be 2 to 4: the database and its proxy need two."
  }
}

variable "existing_network" {
  description = "An existing VPC to use instead of creating one: its ID, CIDR block and at least two private subnets. They must reach Secrets Manager through an interface endpoint with private DNS"
  type = object({
    vpc_id             = string
    vpc_cidr_block     = string
    private_subnet_ids = list(string)
  })
  default = null
  validation {
    condition     = var.existing_network == null || try(length(var.existing_network.private_subnet_ids) >= 2 && can(cidrhost(var.existing_network.vpc_cidr_block, 0)), false)
    error_message = "existing_network needs a CIDR block and at least two private subnets."
  }
}

variable "database_instance_class" {
  description = "Instance class of the analytics database"
  type        = string
  default     = "db.t4g.micro"
}

variable "database_engine_version" {
  description = "PostgreSQL version of the analytics database"
  type        = string
  default     = "16"
}

variable "database_allocated_storage_gb" {
  description = "Initial storage of the analytics database, in GiB"
  type        = number
  default     = 20
}

variable "database_backup_retention_days" {
  description = "Days automated backups of the analytics database are kept"
  type        = number
  default     = 7
  validation {
    condition     = var.database_backup_retention_days >= 1 && var.database_backup_retention_days <= 35
    error_message = "database_backup_retention_days must be 1 to 35: 0 would turn backups off."
  }
}

variable "database_multi_az" {
  description = "Whether the analytics database keeps a standby in a second zone"
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Whether the tables and the database refuse deletion; set false and apply before a terraform destroy"
  type        = bool
  default     = true
}

variable "function_reserved_concurrency" {
  description = "Function name (as in wiring.json) => concurrent executions reserved for it; functions not listed are unreserved. Lambda keeps at least 100 of the account's executions unreserved, so a new account (10 in all) can reserve none"
  type        = map(number)
  default     = {}
  validation {
    condition     = alltrue([for n in values(var.function_reserved_concurrency) : n >= 0 && floor(n) == n])
    error_message = "function_reserved_concurrency values must be whole numbers >= 0."
  }
}

variable "tags" {
  description = "Tags applied to every resource"
  type        = map(string)
  default     = {}
}

variable "letters_topic_subscribers" {
  description = <<-EOT
    Other teams' SQS queues subscribed to the letters topic, by a name of their choosing (lower-case words joined by hyphens, such as postal-service):
    queue_arn (a standard queue), filter_policy (optional: JSON or an object, on the message attributes type, schemaVersion and correlationId; null for every event) and raw_message_delivery (default true: the message body is the event itself).
    A queue in this stack's account is subscribed here; a queue in another account is allowed by the topic policy to subscribe, and subscribes from its own account (docs/deploy-to-aws.md).
    Example: { postal-service = { queue_arn = "arn:aws:sqs:eu-west-1:210987654321:postal-letters", filter_policy = { type = ["LetterSubmitted", "LetterAmended"] } } }
  EOT
  # any, not map(object(...)): filter policies of different shapes (or one as JSON, another as an
  # object) have no common type, so the shape is checked below instead.
  type    = any
  default = {}
  validation {
    condition = can(keys(var.letters_topic_subscribers)) && alltrue([for s in values(var.letters_topic_subscribers) :
      can(tostring(s.queue_arn)) && length(setsubtract(keys(s), ["queue_arn", "filter_policy", "raw_message_delivery"])) == 0 && contains([true, false], try(s.raw_message_delivery, true))
    ])
    error_message = "letters_topic_subscribers must map names to { queue_arn = string, filter_policy = optional JSON or object, raw_message_delivery = optional bool }, and nothing else."
  }
  validation {
    # Each name becomes a statement id (its words title-cased and joined), so it must be short and unambiguous.
    condition     = alltrue([for name in try(keys(var.letters_topic_subscribers), []) : can(regex("^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$", name)) && length(name) <= 40])
    error_message = "letters_topic_subscribers names must be lower-case words of letters and digits, each starting with a letter, joined by single hyphens, at most 40 characters (such as postal-service)."
  }
  validation {
    condition     = alltrue([for s in try(values(var.letters_topic_subscribers), []) : can(regex("^arn:aws(-[a-z]+)*:sqs:[a-z]{2}(-gov)?-[a-z]+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,80}$", s.queue_arn))])
    error_message = "letters_topic_subscribers queue_arn must be a standard SQS queue's ARN, arn:aws:sqs:<region>:<12-digit account>:<queue name> (the letters topic is a standard topic, so a .fifo queue cannot subscribe)."
  }
  validation {
    condition = alltrue([for s in try(values(var.letters_topic_subscribers), []) : try(s.filter_policy, null) == null ? true : (
      can(tostring(s.filter_policy)) ? can(keys(jsondecode(s.filter_policy))) : can(keys(s.filter_policy))
    )])
    error_message = "letters_topic_subscribers filter_policy must be a JSON object (as a string or an object), such as {\"type\":[\"LetterSubmitted\"]}, or null for every event."
  }
}

variable "commands_per_minute" {
  description = "Commands one account may send per minute, all command routes together (COMMANDS_PER_MINUTE of the command functions); beyond it 429 with Retry-After. null takes wiring.json's commandQuota.commandsPerMinute (60)"
  type        = number
  default     = null
  validation {
    condition     = var.commands_per_minute == null || try(var.commands_per_minute >= 1 && var.commands_per_minute <= 100000 && floor(var.commands_per_minute) == var.commands_per_minute, false)
    error_message = "commands_per_minute must be a whole number from 1 to 100000 (or null for the default)."
  }
}

# ---------------------------------------------------------------- workshop console

variable "console_enabled" {
  description = "Serve the workshop console (dist/console, from make build) from a private S3 bucket behind CloudFront, with its own Cognito app client"
  type        = bool
  default     = true
}

variable "console_dir" {
  description = "Where the built console is; null means ../dist/console beside this module"
  type        = string
  default     = null
}

variable "console_client_id" {
  description = "The console's client id at your own issuer (with jwt_authorizer set); with Cognito, the stack creates the client"
  type        = string
  default     = null
}
