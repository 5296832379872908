# The deployment's size from one figure: peak_letters_per_second. With the measured cost
# of a batch (sizing.json, written by `make sizing`) it sets each consumer's batch size,
# batching window and maximum concurrency, the API throttle and the lag alarms, by the
# formula of docs/deploy-to-aws.md ("Sizing for the peak"); tools/peak/derive-settings.ts
# is the same formula in TypeScript and a test keeps the two equal. Plan fails where the
# region's quotas (quotas.json, AWS's published figures) cannot carry the peak.

variable "peak_letters_per_second" {
  description = "Letters per second the deployment is sized for at its busiest (every letter is one event on each consumer's queue). The default, 50, needs no quota increase"
  type        = number
  default     = 50
  validation {
    condition     = var.peak_letters_per_second >= 1 && var.peak_letters_per_second <= 1000000 && floor(var.peak_letters_per_second) == var.peak_letters_per_second
    error_message = "peak_letters_per_second must be a whole number from 1 to 1000000."
  }
}

variable "granted_quotas" {
  description = "Quotas AWS has raised for this account and region (Service Quotas console), replacing the published defaults of quotas.json in the plan-time checks; leave a quota out to use its default"
  type = object({
    sns_publish_per_second           = optional(number)
    lambda_concurrent_executions     = optional(number)
    api_rate_per_second              = optional(number)
    dynamodb_table_writes_per_second = optional(number)
  })
  default = {}
  validation {
    condition     = alltrue([for q in values(var.granted_quotas) : q == null || try(q >= 1, false)])
    error_message = "granted_quotas values must be at least 1 (leave a quota out to use its published default)."
  }
}

variable "sizing_file" {
  description = "The measured batch costs and the formula's constants; null means sizing.json beside this module"
  type        = string
  default     = null
}

data "aws_region" "current" {}

locals {
  sizing = jsondecode(file(coalesce(var.sizing_file, "${path.module}/sizing.json")))
  quotas = jsondecode(file("${path.module}/quotas.json"))
  # `.id` is the region code on both provider majors (`.name` goes in 6.x, `.region` is not in 5.100).
  region = data.aws_region.current.id

  peak_letters = var.peak_letters_per_second
  # Every ceil() below rounds to 6 decimals first, as needed() in derive-settings.ts does.
  peak_with_headroom = ceil(floor(local.sizing.headroom * local.peak_letters * 1000000 + 0.5) / 1000000)
  # Each letter is a command, and a family reads it back about once.
  peak_requests = local.sizing.headroom * local.peak_letters * 2

  peak_batch_sizes = {
    for name, c in local.sizing.consumers : name =>
    local.peak_letters < local.sizing.batchingThresholdLettersPerSecond ? local.sizing.defaultBatchSize : c.maxBatchSize
  }
  peak_needed_concurrency = {
    for name, c in local.sizing.consumers : name => ceil(floor(
      local.sizing.headroom * local.peak_letters * (c.batchMs.fixed + c.batchMs.perRecord * local.peak_batch_sizes[name])
      / (1000 * local.peak_batch_sizes[name]) * 1000000 + 0.5
    ) / 1000000)
  }
  peak_concurrency = { for name, n in local.peak_needed_concurrency : name => min(1000, max(2, n)) }
  api_rate_limit   = max(50, ceil(floor(local.peak_requests * 1000000 + 0.5) / 1000000))

  peak = {
    consumers = {
      for name, size in local.peak_batch_sizes : name => {
        batch_size = size
        # Lambda: a batch over 10 records from a standard queue needs a window of at least 1 s.
        maximum_batching_window_seconds = size > 10 ? 1 : 0
        maximum_concurrency             = local.peak_concurrency[name]
      }
    }
    api = {
      throttling_rate_limit  = local.api_rate_limit
      throttling_burst_limit = max(100, local.api_rate_limit)
    }
    alarms = {
      oldest_message_age_seconds  = local.sizing.targetLagSeconds
      backlog_messages            = ceil(local.peak_letters * local.sizing.targetLagSeconds)
      projection_lag_milliseconds = local.sizing.targetLagSeconds * 1000
    }
    # Consumers, API functions (commandMs each) and the two occasional functions.
    lambda_concurrent_executions = (
      sum(values(local.peak_concurrency))
      + ceil(floor(local.peak_requests * local.sizing.commandMs / 1000 * 1000000 + 0.5) / 1000000)
      + 2
    )
  }

  default_api_rate_per_second = (contains(local.quotas.apiGatewayHttpApi.lowerDefaultRegions.regions, local.region)
    ? local.quotas.apiGatewayHttpApi.lowerDefaultRegions.accountRatePerSecond
    : local.quotas.apiGatewayHttpApi.accountRatePerSecond
  )
  available = {
    sns_publish_per_second           = coalesce(var.granted_quotas.sns_publish_per_second, lookup(local.quotas.snsPublishPerSecond.regions, local.region, local.quotas.snsPublishPerSecond.default))
    lambda_concurrent_executions     = coalesce(var.granted_quotas.lambda_concurrent_executions, local.quotas.lambdaConcurrentExecutions.default)
    api_rate_per_second              = coalesce(var.granted_quotas.api_rate_per_second, local.default_api_rate_per_second)
    dynamodb_table_writes_per_second = coalesce(var.granted_quotas.dynamodb_table_writes_per_second, local.quotas.dynamodb.tableOnDemandWritesPerSecond)
  }
}

# Plan-time checks of the peak against the region's quotas; nothing is created.
resource "terraform_data" "peak_fits_quotas" {
  input = local.peak_letters

  lifecycle {
    precondition {
      condition     = local.peak_with_headroom <= local.available.sns_publish_per_second
      error_message = "SNS Publish quota in ${local.region}: ${local.available.sns_publish_per_second} messages/s cannot carry a peak of ${local.peak_letters} letters/s with headroom (${local.peak_with_headroom}/s). Ask AWS to raise \"Publish\" for Amazon SNS in ${local.region} (then set granted_quotas.sns_publish_per_second), deploy to a region with a higher quota, or lower peak_letters_per_second."
    }
    precondition {
      condition     = alltrue([for name, n in local.peak_needed_concurrency : n <= 1000])
      error_message = "SQS event source mapping maximum concurrency in ${local.region}: ${join(", ", [for name, n in local.peak_needed_concurrency : "${name} needs ${n}" if n > 1000])}, above Lambda's limit of 1000 per mapping. Raise the consumer's maxBatchSize in sizing.json (if a batch's cost allows) or lower peak_letters_per_second."
    }
    precondition {
      condition     = local.peak.api.throttling_rate_limit <= local.available.api_rate_per_second
      error_message = "API Gateway account throttle quota in ${local.region}: ${local.available.api_rate_per_second} requests/s, but a peak of ${local.peak_letters} letters/s needs ${local.peak.api.throttling_rate_limit}. Ask AWS to raise \"Throttle rate\" for API Gateway in ${local.region} (then set granted_quotas.api_rate_per_second)."
    }
    precondition {
      condition     = local.peak.lambda_concurrent_executions <= local.available.lambda_concurrent_executions
      error_message = "Lambda concurrent executions quota in ${local.region}: ${local.available.lambda_concurrent_executions}, but a peak of ${local.peak_letters} letters/s needs ${local.peak.lambda_concurrent_executions}. Ask AWS to raise \"Concurrent executions\" for Lambda in ${local.region} (then set granted_quotas.lambda_concurrent_executions)."
    }
    precondition {
      condition     = local.peak_with_headroom <= local.available.dynamodb_table_writes_per_second
      error_message = "DynamoDB on-demand table write quota in ${local.region}: ${local.available.dynamodb_table_writes_per_second} write request units/s per table, but a peak of ${local.peak_letters} letters/s writes ${local.peak_with_headroom}/s to the event log and the letters table each. Ask AWS to raise \"Table-level write throughput limit\" for DynamoDB in ${local.region} (then set granted_quotas.dynamodb_table_writes_per_second)."
    }
  }
}
