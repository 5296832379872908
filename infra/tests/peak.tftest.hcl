# Sizing from one figure (peak.tf): the settings derived for 50, 1,000, 10,000 and 50,000
# letters/s from fixed batch costs (fixtures/sizing.json), and the plan failing where the
# region's quotas cannot carry the peak. tools/peak/derive-settings.test.ts reads the
# expected figures below and checks the TypeScript formula gives the same.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region  = "eu-west-1"
  name_prefix = "santas-workshop"
  sizing_file = "./tests/fixtures/sizing.json"
}

run "peak_of_50_letters_per_second_needs_no_quota_increase" {
  command = plan

  variables {
    peak_letters_per_second = 50
  }

  override_data {
    target = data.aws_region.current
    values = { id = "eu-west-1" }
  }

  assert {
    condition     = local.peak.consumers["letters-view"].batch_size == 10
    error_message = "local.peak.consumers[\"letters-view\"].batch_size is ${local.peak.consumers["letters-view"].batch_size}, not 10."
  }

  assert {
    condition     = local.peak.consumers["letters-view"].maximum_batching_window_seconds == 0
    error_message = "local.peak.consumers[\"letters-view\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-view"].maximum_batching_window_seconds}, not 0."
  }

  assert {
    condition     = local.peak.consumers["letters-view"].maximum_concurrency == 2
    error_message = "local.peak.consumers[\"letters-view\"].maximum_concurrency is ${local.peak.consumers["letters-view"].maximum_concurrency}, not 2."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].batch_size == 10
    error_message = "local.peak.consumers[\"letters-analytics\"].batch_size is ${local.peak.consumers["letters-analytics"].batch_size}, not 10."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].maximum_batching_window_seconds == 0
    error_message = "local.peak.consumers[\"letters-analytics\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-analytics"].maximum_batching_window_seconds}, not 0."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].maximum_concurrency == 2
    error_message = "local.peak.consumers[\"letters-analytics\"].maximum_concurrency is ${local.peak.consumers["letters-analytics"].maximum_concurrency}, not 2."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].batch_size == 10
    error_message = "local.peak.consumers[\"letters-archive\"].batch_size is ${local.peak.consumers["letters-archive"].batch_size}, not 10."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].maximum_batching_window_seconds == 0
    error_message = "local.peak.consumers[\"letters-archive\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-archive"].maximum_batching_window_seconds}, not 0."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].maximum_concurrency == 2
    error_message = "local.peak.consumers[\"letters-archive\"].maximum_concurrency is ${local.peak.consumers["letters-archive"].maximum_concurrency}, not 2."
  }

  assert {
    condition     = local.peak.api.throttling_rate_limit == 150
    error_message = "local.peak.api.throttling_rate_limit is ${local.peak.api.throttling_rate_limit}, not 150."
  }

  assert {
    condition     = local.peak.api.throttling_burst_limit == 150
    error_message = "local.peak.api.throttling_burst_limit is ${local.peak.api.throttling_burst_limit}, not 150."
  }

  assert {
    condition     = local.peak.alarms.oldest_message_age_seconds == 60
    error_message = "local.peak.alarms.oldest_message_age_seconds is ${local.peak.alarms.oldest_message_age_seconds}, not 60."
  }

  assert {
    condition     = local.peak.alarms.backlog_messages == 3000
    error_message = "local.peak.alarms.backlog_messages is ${local.peak.alarms.backlog_messages}, not 3000."
  }

  assert {
    condition     = local.peak.alarms.projection_lag_milliseconds == 60000
    error_message = "local.peak.alarms.projection_lag_milliseconds is ${local.peak.alarms.projection_lag_milliseconds}, not 60000."
  }

  assert {
    condition     = local.peak.lambda_concurrent_executions == 11
    error_message = "local.peak.lambda_concurrent_executions is ${local.peak.lambda_concurrent_executions}, not 11."
  }
}

run "peak_of_1000_letters_per_second_batches_and_fits_default_quotas" {
  command = plan

  variables {
    peak_letters_per_second = 1000
  }

  override_data {
    target = data.aws_region.current
    values = { id = "eu-west-1" }
  }

  assert {
    condition     = local.peak.consumers["letters-view"].batch_size == 50
    error_message = "local.peak.consumers[\"letters-view\"].batch_size is ${local.peak.consumers["letters-view"].batch_size}, not 50."
  }

  assert {
    condition     = local.peak.consumers["letters-view"].maximum_batching_window_seconds == 1
    error_message = "local.peak.consumers[\"letters-view\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-view"].maximum_batching_window_seconds}, not 1."
  }

  assert {
    condition     = local.peak.consumers["letters-view"].maximum_concurrency == 3
    error_message = "local.peak.consumers[\"letters-view\"].maximum_concurrency is ${local.peak.consumers["letters-view"].maximum_concurrency}, not 3."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].batch_size == 100
    error_message = "local.peak.consumers[\"letters-analytics\"].batch_size is ${local.peak.consumers["letters-analytics"].batch_size}, not 100."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].maximum_batching_window_seconds == 1
    error_message = "local.peak.consumers[\"letters-analytics\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-analytics"].maximum_batching_window_seconds}, not 1."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].maximum_concurrency == 2
    error_message = "local.peak.consumers[\"letters-analytics\"].maximum_concurrency is ${local.peak.consumers["letters-analytics"].maximum_concurrency}, not 2."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].batch_size == 50
    error_message = "local.peak.consumers[\"letters-archive\"].batch_size is ${local.peak.consumers["letters-archive"].batch_size}, not 50."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].maximum_batching_window_seconds == 1
    error_message = "local.peak.consumers[\"letters-archive\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-archive"].maximum_batching_window_seconds}, not 1."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].maximum_concurrency == 2
    error_message = "local.peak.consumers[\"letters-archive\"].maximum_concurrency is ${local.peak.consumers["letters-archive"].maximum_concurrency}, not 2."
  }

  assert {
    condition     = local.peak.api.throttling_rate_limit == 3000
    error_message = "local.peak.api.throttling_rate_limit is ${local.peak.api.throttling_rate_limit}, not 3000."
  }

  assert {
    condition     = local.peak.api.throttling_burst_limit == 3000
    error_message = "local.peak.api.throttling_burst_limit is ${local.peak.api.throttling_burst_limit}, not 3000."
  }

  assert {
    condition     = local.peak.alarms.oldest_message_age_seconds == 60
    error_message = "local.peak.alarms.oldest_message_age_seconds is ${local.peak.alarms.oldest_message_age_seconds}, not 60."
  }

  assert {
    condition     = local.peak.alarms.backlog_messages == 60000
    error_message = "local.peak.alarms.backlog_messages is ${local.peak.alarms.backlog_messages}, not 60000."
  }

  assert {
    condition     = local.peak.alarms.projection_lag_milliseconds == 60000
    error_message = "local.peak.alarms.projection_lag_milliseconds is ${local.peak.alarms.projection_lag_milliseconds}, not 60000."
  }

  assert {
    condition     = local.peak.lambda_concurrent_executions == 69
    error_message = "local.peak.lambda_concurrent_executions is ${local.peak.lambda_concurrent_executions}, not 69."
  }
}

run "peak_of_10000_letters_per_second_in_us_east_1_with_a_raised_api_throttle" {
  command = plan

  variables {
    peak_letters_per_second = 10000
    granted_quotas = {
      api_rate_per_second = 30000
    }
  }

  override_data {
    target = data.aws_region.current
    values = { id = "us-east-1" }
  }

  assert {
    condition     = local.peak.consumers["letters-view"].batch_size == 50
    error_message = "local.peak.consumers[\"letters-view\"].batch_size is ${local.peak.consumers["letters-view"].batch_size}, not 50."
  }

  assert {
    condition     = local.peak.consumers["letters-view"].maximum_batching_window_seconds == 1
    error_message = "local.peak.consumers[\"letters-view\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-view"].maximum_batching_window_seconds}, not 1."
  }

  assert {
    condition     = local.peak.consumers["letters-view"].maximum_concurrency == 25
    error_message = "local.peak.consumers[\"letters-view\"].maximum_concurrency is ${local.peak.consumers["letters-view"].maximum_concurrency}, not 25."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].batch_size == 100
    error_message = "local.peak.consumers[\"letters-analytics\"].batch_size is ${local.peak.consumers["letters-analytics"].batch_size}, not 100."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].maximum_batching_window_seconds == 1
    error_message = "local.peak.consumers[\"letters-analytics\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-analytics"].maximum_batching_window_seconds}, not 1."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].maximum_concurrency == 3
    error_message = "local.peak.consumers[\"letters-analytics\"].maximum_concurrency is ${local.peak.consumers["letters-analytics"].maximum_concurrency}, not 3."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].batch_size == 50
    error_message = "local.peak.consumers[\"letters-archive\"].batch_size is ${local.peak.consumers["letters-archive"].batch_size}, not 50."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].maximum_batching_window_seconds == 1
    error_message = "local.peak.consumers[\"letters-archive\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-archive"].maximum_batching_window_seconds}, not 1."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].maximum_concurrency == 20
    error_message = "local.peak.consumers[\"letters-archive\"].maximum_concurrency is ${local.peak.consumers["letters-archive"].maximum_concurrency}, not 20."
  }

  assert {
    condition     = local.peak.api.throttling_rate_limit == 30000
    error_message = "local.peak.api.throttling_rate_limit is ${local.peak.api.throttling_rate_limit}, not 30000."
  }

  assert {
    condition     = local.peak.api.throttling_burst_limit == 30000
    error_message = "local.peak.api.throttling_burst_limit is ${local.peak.api.throttling_burst_limit}, not 30000."
  }

  assert {
    condition     = local.peak.alarms.oldest_message_age_seconds == 60
    error_message = "local.peak.alarms.oldest_message_age_seconds is ${local.peak.alarms.oldest_message_age_seconds}, not 60."
  }

  assert {
    condition     = local.peak.alarms.backlog_messages == 600000
    error_message = "local.peak.alarms.backlog_messages is ${local.peak.alarms.backlog_messages}, not 600000."
  }

  assert {
    condition     = local.peak.alarms.projection_lag_milliseconds == 60000
    error_message = "local.peak.alarms.projection_lag_milliseconds is ${local.peak.alarms.projection_lag_milliseconds}, not 60000."
  }

  assert {
    condition     = local.peak.lambda_concurrent_executions == 650
    error_message = "local.peak.lambda_concurrent_executions is ${local.peak.lambda_concurrent_executions}, not 650."
  }
}

run "peak_of_50000_letters_per_second_with_raised_sns_api_lambda_and_dynamodb_quotas" {
  command = plan

  variables {
    peak_letters_per_second = 50000
    granted_quotas = {
      sns_publish_per_second           = 100000
      api_rate_per_second              = 150000
      lambda_concurrent_executions     = 5000
      dynamodb_table_writes_per_second = 100000
    }
  }

  override_data {
    target = data.aws_region.current
    values = { id = "us-east-1" }
  }

  assert {
    condition     = local.peak.consumers["letters-view"].batch_size == 50
    error_message = "local.peak.consumers[\"letters-view\"].batch_size is ${local.peak.consumers["letters-view"].batch_size}, not 50."
  }

  assert {
    condition     = local.peak.consumers["letters-view"].maximum_batching_window_seconds == 1
    error_message = "local.peak.consumers[\"letters-view\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-view"].maximum_batching_window_seconds}, not 1."
  }

  assert {
    condition     = local.peak.consumers["letters-view"].maximum_concurrency == 125
    error_message = "local.peak.consumers[\"letters-view\"].maximum_concurrency is ${local.peak.consumers["letters-view"].maximum_concurrency}, not 125."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].batch_size == 100
    error_message = "local.peak.consumers[\"letters-analytics\"].batch_size is ${local.peak.consumers["letters-analytics"].batch_size}, not 100."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].maximum_batching_window_seconds == 1
    error_message = "local.peak.consumers[\"letters-analytics\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-analytics"].maximum_batching_window_seconds}, not 1."
  }

  assert {
    condition     = local.peak.consumers["letters-analytics"].maximum_concurrency == 15
    error_message = "local.peak.consumers[\"letters-analytics\"].maximum_concurrency is ${local.peak.consumers["letters-analytics"].maximum_concurrency}, not 15."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].batch_size == 50
    error_message = "local.peak.consumers[\"letters-archive\"].batch_size is ${local.peak.consumers["letters-archive"].batch_size}, not 50."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].maximum_batching_window_seconds == 1
    error_message = "local.peak.consumers[\"letters-archive\"].maximum_batching_window_seconds is ${local.peak.consumers["letters-archive"].maximum_batching_window_seconds}, not 1."
  }

  assert {
    condition     = local.peak.consumers["letters-archive"].maximum_concurrency == 99
    error_message = "local.peak.consumers[\"letters-archive\"].maximum_concurrency is ${local.peak.consumers["letters-archive"].maximum_concurrency}, not 99."
  }

  assert {
    condition     = local.peak.api.throttling_rate_limit == 150000
    error_message = "local.peak.api.throttling_rate_limit is ${local.peak.api.throttling_rate_limit}, not 150000."
  }

  assert {
    condition     = local.peak.api.throttling_burst_limit == 150000
    error_message = "local.peak.api.throttling_burst_limit is ${local.peak.api.throttling_burst_limit}, not 150000."
  }

  assert {
    condition     = local.peak.alarms.oldest_message_age_seconds == 60
    error_message = "local.peak.alarms.oldest_message_age_seconds is ${local.peak.alarms.oldest_message_age_seconds}, not 60."
  }

  assert {
    condition     = local.peak.alarms.backlog_messages == 3000000
    error_message = "local.peak.alarms.backlog_messages is ${local.peak.alarms.backlog_messages}, not 3000000."
  }

  assert {
    condition     = local.peak.alarms.projection_lag_milliseconds == 60000
    error_message = "local.peak.alarms.projection_lag_milliseconds is ${local.peak.alarms.projection_lag_milliseconds}, not 60000."
  }

  assert {
    condition     = local.peak.lambda_concurrent_executions == 3241
    error_message = "local.peak.lambda_concurrent_executions is ${local.peak.lambda_concurrent_executions}, not 3241."
  }
}

run "sns_publish_quota_of_eu_west_1_cannot_carry_10000_letters_per_second" {
  command = plan

  variables {
    peak_letters_per_second = 10000
    granted_quotas = {
      api_rate_per_second = 30000
    }
  }

  override_data {
    target = data.aws_region.current
    values = { id = "eu-west-1" }
  }

  expect_failures = [terraform_data.peak_fits_quotas]
}

run "default_api_throttle_quota_cannot_carry_10000_letters_per_second" {
  command = plan

  variables {
    peak_letters_per_second = 10000
  }

  override_data {
    target = data.aws_region.current
    values = { id = "us-east-1" }
  }

  expect_failures = [terraform_data.peak_fits_quotas]
}

run "a_consumer_needing_over_1000_concurrent_batches_fails_the_plan" {
  command = plan

  variables {
    peak_letters_per_second = 1000000
    granted_quotas = {
      sns_publish_per_second           = 2000000
      api_rate_per_second              = 3000000
      lambda_concurrent_executions     = 100000
      dynamodb_table_writes_per_second = 2000000
    }
  }

  override_data {
    target = data.aws_region.current
    values = { id = "us-east-1" }
  }

  expect_failures = [terraform_data.peak_fits_quotas]
}

run "the_peak_sizes_the_queue_consumers_and_the_api" {
  command = plan

  variables {
    peak_letters_per_second = 1000
  }

  assert {
    condition     = alltrue([for name, c in module.consumer : c.alarms["santas-workshop-${name}-backlog"].threshold == 60000])
    error_message = "Every consumer gets a backlog alarm at the peak's letters per second x the lag target."
  }
}
