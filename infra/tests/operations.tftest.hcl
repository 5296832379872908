# What a platform team meets on the first day: migrations run during apply, in
# order; nothing needs a raised quota; alarms fire and reach someone.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region  = "eu-west-1"
  name_prefix = "santas-workshop"
}

run "apply_runs_migrate_after_the_proxy_can_reach_the_database" {
  command = apply

  assert {
    condition     = aws_lambda_invocation.migrate.function_name == module.function["migrate"].function_name
    error_message = "Apply invokes the migrate function."
  }

  assert {
    condition     = aws_lambda_invocation.migrate.triggers.proxy_target == module.analytics_database.proxy_target_id
    error_message = "migrate runs only once the proxy's target (the instance) is registered."
  }

  assert {
    condition     = aws_lambda_invocation.migrate.triggers.role_secrets == jsonencode(module.analytics_database.role_secret_arns) && aws_lambda_invocation.migrate.triggers.generated_key_secrets == jsonencode({ "letter-id" = aws_secretsmanager_secret.letter_id_keys.arn, "child-pseudonym" = aws_secretsmanager_secret.child_pseudonym_keys.arn, "child-erasure" = aws_secretsmanager_secret.child_erasure_keys.arn })
    error_message = "migrate runs again when a role secret or a generated key secret is replaced, and fills it."
  }

  assert {
    condition     = contains(local.migration_files, "001-analytics-schema.sql") && local.migration_files == sort(fileset("${path.module}/../shared/migrations", "*.sql"))
    error_message = "The checksum covers every SQL file of shared/migrations."
  }

  assert {
    condition = aws_lambda_invocation.migrate.triggers.migrations == sha256(join("\n", [
      for file in local.migration_files : "${file} ${filesha256("${path.module}/../shared/migrations/${file}")}"
    ])) && can(regex("^[0-9a-f]{64}$", output.migrations_checksum))
    error_message = "A changed migration file changes the trigger, so the next apply re-runs migrate."
  }
}

run "migrate_refuses_a_folder_without_migrations" {
  command = plan

  variables {
    migrations_dir = "./tests/mocks"
  }

  expect_failures = [aws_lambda_invocation.migrate]
}

run "no_function_reserves_concurrency_by_default" {
  command = apply

  assert {
    condition     = alltrue([for name, function in module.function : function.reserved_concurrency == null || function.reserved_concurrency == -1])
    error_message = "No function reserves concurrency (migrate included): a new account's 10 would fall below the minimum of 10 unreserved."
  }
}

run "reserved_concurrency_is_only_what_is_asked_for" {
  command = apply

  variables {
    function_reserved_concurrency = { project-analytics = 5 }
  }

  assert {
    condition     = module.function["project-analytics"].reserved_concurrency == 5 && (module.function["migrate"].reserved_concurrency == null || module.function["migrate"].reserved_concurrency == -1)
    error_message = "function_reserved_concurrency reserves for the named function only."
  }
}

run "every_alarm_watches_its_metric_and_notifies_the_alarm_topic" {
  command = apply

  variables {
    alarm_emails  = ["oncall@workshop.example"]
    alarm_actions = ["arn:aws:sns:eu-west-1:123456789012:workshop-oncall"]
  }

  assert {
    condition     = aws_sns_topic.alarms.kms_master_key_id == aws_kms_key.alarms[0].arn && aws_kms_key.alarms[0].enable_key_rotation
    error_message = "The alarm topic is encrypted with a key CloudWatch may use (not aws/sns), rotated yearly."
  }

  assert {
    condition     = aws_sns_topic_subscription.alarm_email["oncall@workshop.example"].protocol == "email" && aws_sns_topic_subscription.alarm_email["oncall@workshop.example"].topic_arn == aws_sns_topic.alarms.arn
    error_message = "alarm_emails subscribe to the alarm topic."
  }

  assert {
    condition = alltrue(flatten([
      [for function in module.function : [for alarm in values(function.alarms) : toset(alarm.actions) == toset([aws_sns_topic.alarms.arn, "arn:aws:sns:eu-west-1:123456789012:workshop-oncall"])]],
      [for consumer in module.consumer : [for alarm in values(consumer.alarms) : toset(alarm.actions) == toset([aws_sns_topic.alarms.arn, "arn:aws:sns:eu-west-1:123456789012:workshop-oncall"])]],
      [for alarm in values(module.analytics_database.alarms) : toset(alarm.actions) == toset([aws_sns_topic.alarms.arn, "arn:aws:sns:eu-west-1:123456789012:workshop-oncall"])],
      [toset(module.http_api.server_error_alarm.actions) == toset([aws_sns_topic.alarms.arn, "arn:aws:sns:eu-west-1:123456789012:workshop-oncall"])],
      [for alarm in concat(aws_cloudwatch_metric_alarm.schedule_failures, values(aws_cloudwatch_metric_alarm.schedule_dlq_depth)) : toset(alarm.alarm_actions) == toset([aws_sns_topic.alarms.arn, "arn:aws:sns:eu-west-1:123456789012:workshop-oncall"])],
    ]))
    error_message = "Every alarm notifies the stack's alarm topic and the topics in alarm_actions."
  }

  assert {
    condition = alltrue([for name, function in module.function :
      function.alarms["${function.function_name}-errors"].metric_name == "Errors" &&
      jsonencode(function.alarms["${function.function_name}-errors"].dimensions) == jsonencode({ FunctionName = function.function_name }) &&
      function.alarms["${function.function_name}-errors"].threshold == 1 &&
      function.alarms["${function.function_name}-throttles"].namespace == "AWS/Lambda" &&
      function.alarms["${function.function_name}-throttles"].metric_name == "Throttles" &&
      function.alarms["${function.function_name}-throttles"].statistic == "Sum" &&
      function.alarms["${function.function_name}-throttles"].threshold == 1
    ])
    error_message = "Every function alarms on its first error and its first throttle."
  }

  assert {
    condition = alltrue([for queue, consumer in local.wiring.consumers :
      module.consumer[queue].alarms["santas-workshop-${queue}-failed-records"].namespace == local.wiring.metrics.namespace &&
      module.consumer[queue].alarms["santas-workshop-${queue}-failed-records"].metric_name == "FailedRecords" &&
      jsonencode(module.consumer[queue].alarms["santas-workshop-${queue}-failed-records"].dimensions) == jsonencode({ service = module.function[consumer.function].function_name }) &&
      module.consumer[queue].alarms["santas-workshop-${queue}-failed-records"].threshold == 1 &&
      module.consumer[queue].alarms["santas-workshop-${queue}-projection-lag"].metric_name == "ProjectionLag" &&
      module.consumer[queue].alarms["santas-workshop-${queue}-projection-lag"].statistic == "Maximum" &&
      jsonencode(module.consumer[queue].alarms["santas-workshop-${queue}-projection-lag"].dimensions) == jsonencode({ service = module.function[consumer.function].function_name }) &&
      module.consumer[queue].alarms["santas-workshop-${queue}-dlq-not-empty"].metric_name == "ApproximateNumberOfMessagesVisible" &&
      jsonencode(module.consumer[queue].alarms["santas-workshop-${queue}-dlq-not-empty"].dimensions) == jsonencode({ QueueName = module.consumer[queue].dlq_name }) &&
      module.consumer[queue].alarms["santas-workshop-${queue}-dlq-not-empty"].threshold == 0 &&
      module.consumer[queue].alarms["santas-workshop-${queue}-backlog-age"].metric_name == "ApproximateAgeOfOldestMessage" &&
      jsonencode(module.consumer[queue].alarms["santas-workshop-${queue}-backlog-age"].dimensions) == jsonencode({ QueueName = module.consumer[queue].queue_name })
    ])
    error_message = "Every consumer alarms on failed records and projection lag (its function's own metrics, dimension service), DLQ depth and backlog age."
  }

  assert {
    condition = (
      module.analytics_database.alarms["santas-workshop-analytics-proxy-client-connections"].metric_name == "ClientConnections" &&
      jsonencode(module.analytics_database.alarms["santas-workshop-analytics-proxy-client-connections"].dimensions) == jsonencode({ ProxyName = module.analytics_database.proxy_name }) &&
      module.analytics_database.alarms["santas-workshop-analytics-connections"].metric_name == "DatabaseConnections" &&
      module.analytics_database.alarms["santas-workshop-analytics-cpu"].metric_name == "CPUUtilization" &&
      module.analytics_database.alarms["santas-workshop-analytics-free-storage"].metric_name == "FreeStorageSpace"
    )
    error_message = "The database alarms on proxy client connections, its own connections, CPU and free storage."
  }

  assert {
    condition     = module.http_api.server_error_alarm.metric_name == "5xx" && module.http_api.server_error_alarm.threshold == 1
    error_message = "The API alarms on its first 5xx."
  }
}

run "the_dashboard_shows_the_whole_pipeline" {
  command = apply

  assert {
    condition = toset([for w in jsondecode(aws_cloudwatch_dashboard.pipeline.dashboard_body).widgets : w.properties.title]) == toset([
      "API requests and errors", "Function errors", "Function throttles", "Oldest message age (s)", "DLQ depth", "Failed records", "Projection lag (ms)", "Database",
      "Scheduled runs (purge of expired data)",
    ])
    error_message = "The dashboard shows the API, the functions, the queues and DLQs, the consumers' own metrics, the database and the scheduled runs."
  }

  assert {
    condition     = length(one([for w in jsondecode(aws_cloudwatch_dashboard.pipeline.dashboard_body).widgets : w.properties.metrics if w.properties.title == "DLQ depth"])) == length(local.wiring.consumers)
    error_message = "The dashboard shows every DLQ."
  }
}

# nodejs24.x needs hashicorp/aws >= 6.21 (5.100 rejects it), so only the default is applied here.
run "functions_run_on_nodejs22_by_default" {
  command = plan

  assert {
    condition     = alltrue([for function in module.function : function.runtime == "nodejs22.x"])
    error_message = "Every function runs on lambda_runtime, nodejs22.x by default."
  }
}

run "rejects_a_runtime_the_bundles_are_not_built_for" {
  command = plan

  variables {
    lambda_runtime = "nodejs20.x"
  }

  expect_failures = [var.lambda_runtime]
}
