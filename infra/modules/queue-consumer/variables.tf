variable "name" {
  description = "Queue name; the DLQ is named <name>-dlq (1-76 of letters, digits, - and _)"
  type        = string
  validation {
    # 80 is the SQS limit, and the DLQ adds "-dlq".
    condition     = can(regex("^[A-Za-z0-9_-]{1,76}$", var.name))
    error_message = "name must be 1 to 76 letters, digits, hyphens or underscores."
  }
}

variable "topic_arn" {
  description = "ARN of the SNS topic the queue subscribes to (the only sender the queue policy admits)"
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:", var.topic_arn))
    error_message = "topic_arn must be an SNS topic ARN."
  }
}

variable "filter_policy" {
  description = "SNS filter policy on message attributes (attribute => accepted values), such as { type = [\"LetterSubmitted\"] }; null subscribes to every message"
  type        = map(list(string))
  default     = null
  validation {
    # An empty map would also let every message through, but by accident: say null instead.
    condition     = var.filter_policy == null || try(length(var.filter_policy) > 0 && alltrue([for values in var.filter_policy : length(values) > 0]), false)
    error_message = "filter_policy must be null (every message) or name at least one attribute, each with at least one value."
  }
}

variable "function_name" {
  description = "Name of the Lambda function that consumes the queue"
  type        = string
}

variable "function_role_name" {
  description = "Name of that function's execution role; the module attaches the permission to consume this queue (and only this queue) to it"
  type        = string
}

variable "function_timeout_seconds" {
  description = "Timeout of the consuming function, in seconds (the visibility timeout must be at least 6 times it)"
  type        = number
  validation {
    condition     = var.function_timeout_seconds >= 1 && var.function_timeout_seconds <= 900
    error_message = "function_timeout_seconds must be 1 to 900."
  }
}

variable "visibility_timeout_seconds" {
  description = "Seconds a received message stays hidden before another receive; null means 6 x function timeout + batching window, as AWS recommends"
  type        = number
  default     = null
  validation {
    condition     = var.visibility_timeout_seconds == null || try(var.visibility_timeout_seconds >= 0 && var.visibility_timeout_seconds <= 43200, false)
    error_message = "visibility_timeout_seconds must be 0 to 43200 (12 hours)."
  }
}

variable "batch_size" {
  description = "Most records handed to one invocation"
  type        = number
  default     = 10
  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000 && floor(var.batch_size) == var.batch_size
    error_message = "batch_size must be a whole number from 1 to 10000."
  }
}

variable "maximum_batching_window_seconds" {
  description = "Seconds Lambda may wait to fill a batch"
  type        = number
  default     = 0
  validation {
    condition     = var.maximum_batching_window_seconds >= 0 && var.maximum_batching_window_seconds <= 300
    error_message = "maximum_batching_window_seconds must be 0 to 300."
  }
}

variable "max_receive_count" {
  description = "Receives before a message moves to the DLQ"
  type        = number
  default     = 5
  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 10
    error_message = "max_receive_count must be 1 to 10."
  }
}

variable "maximum_concurrency" {
  description = "Most concurrent invocations the event source mapping starts for this queue"
  type        = number
  default     = 2
  validation {
    condition     = var.maximum_concurrency >= 2 && var.maximum_concurrency <= 1000
    error_message = "maximum_concurrency must be 2 to 1000 (the Lambda limits)."
  }
}

variable "message_retention_seconds" {
  description = "Seconds the queue keeps an undelivered message"
  type        = number
  default     = 345600
  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be 60 to 1209600 (14 days)."
  }
}

variable "dlq_message_retention_seconds" {
  description = "Seconds the DLQ keeps a message, counted from when it first entered the queue; must not be shorter than the queue's"
  type        = number
  default     = 1209600
  validation {
    condition     = var.dlq_message_retention_seconds >= 60 && var.dlq_message_retention_seconds <= 1209600
    error_message = "dlq_message_retention_seconds must be 60 to 1209600 (14 days)."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for both queues; null uses SQS managed encryption (SSE-SQS). A CMK's policy must let sns.amazonaws.com use it"
  type        = string
  default     = null
  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "oldest_message_age_alarm_seconds" {
  description = "Age in seconds of the oldest waiting message above which the backlog alarm fires"
  type        = number
  default     = 900
  validation {
    condition     = var.oldest_message_age_alarm_seconds >= 60
    error_message = "oldest_message_age_alarm_seconds must be at least 60."
  }
}

variable "backlog_alarm_messages" {
  description = "Messages waiting in the queue above which (for 5 minutes) the backlog alarm fires, such as the peak's letters per second x the lag target; null for no backlog alarm"
  type        = number
  default     = null
  validation {
    condition     = var.backlog_alarm_messages == null || try(var.backlog_alarm_messages >= 1, false)
    error_message = "backlog_alarm_messages must be null or at least 1."
  }
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the consuming function's own metrics (FailedRecords, ProjectionLag; dimension service = function_name), such as SantasWorkshop"
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9._/#:-]{1,255}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be 1 to 255 letters, digits or . _ / # : - and must not start with AWS/ (reserved)."
  }
}

variable "metrics_service" {
  description = "Value of the service dimension of the function's own metrics (its POWERTOOLS_SERVICE_NAME); null means function_name"
  type        = string
  default     = null
}

variable "failed_records_alarm_threshold" {
  description = "Records within 5 minutes the function reported as failed (retried, then parked in the DLQ) that raise the alarm"
  type        = number
  default     = 1
  validation {
    condition     = var.failed_records_alarm_threshold >= 1
    error_message = "failed_records_alarm_threshold must be at least 1."
  }
}

variable "projection_lag_alarm_milliseconds" {
  description = "Largest delay, in milliseconds, from an event's occurredAt to its being applied, above which (for 5 minutes) the lag alarm fires; null for no lag alarm"
  type        = number
  default     = 60000
  validation {
    condition     = var.projection_lag_alarm_milliseconds == null || try(var.projection_lag_alarm_milliseconds >= 1000, false)
    error_message = "projection_lag_alarm_milliseconds must be null or at least 1000."
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
