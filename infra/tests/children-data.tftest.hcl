# Children's data: everything expires a season after it was written (DynamoDB TTL,
# a scheduled purge in PostgreSQL), erasure is a command like the others, and only
# the analytics projector can read the key that pseudonymises children.

mock_provider "aws" {
  source = "./tests/mocks"
}

# Distinct ARNs, so a grant on the wrong secret or function cannot pass unnoticed.
override_resource {
  target = aws_secretsmanager_secret.child_pseudonym_keys
  values = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:santas-workshop/child-pseudonym-keys-PsEuDo" }
}

override_resource {
  target = aws_secretsmanager_secret.letter_id_keys
  values = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:santas-workshop/letter-id-keys-LeTtEr" }
}

override_resource {
  target = module.function["purge-expired"].aws_lambda_function.this
  values = {
    arn        = "arn:aws:lambda:eu-west-1:123456789012:function:santas-workshop-purge-expired"
    invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:santas-workshop-purge-expired/invocations"
  }
}

override_resource {
  target = aws_sqs_queue.schedule_dlq["purge-expired"]
  values = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:santas-workshop-purge-expired-schedule-dlq"
    url = "https://sqs.eu-west-1.amazonaws.com/123456789012/santas-workshop-purge-expired-schedule-dlq"
  }
}

variables {
  aws_region  = "eu-west-1"
  name_prefix = "santas-workshop"
}

run "every_scheduled_function_gets_a_schedule_invoking_only_it" {
  command = apply

  assert {
    condition     = sort(keys(aws_scheduler_schedule.function)) == sort([for name, f in local.wiring.functions : name if try(f.schedule, null) != null]) && contains(keys(aws_scheduler_schedule.function), "purge-expired")
    error_message = "Every function of wiring.json with a schedule (purge-expired) gets one, and no other."
  }

  assert {
    condition = alltrue([for name, schedule in aws_scheduler_schedule.function :
      schedule.schedule_expression == local.wiring.functions[name].schedule &&
      schedule.schedule_expression_timezone == "UTC" &&
      schedule.state == "ENABLED" &&
      schedule.group_name == aws_scheduler_schedule_group.this.name &&
      schedule.flexible_time_window[0].mode == "OFF"
    ])
    error_message = "A schedule runs on wiring.json's expression, in UTC, enabled, in the stack's group, without a flexible window."
  }

  assert {
    condition     = aws_scheduler_schedule.function["purge-expired"].schedule_expression == "rate(1 day)"
    error_message = "purge-expired runs once a day."
  }

  assert {
    condition = (
      aws_scheduler_schedule.function["purge-expired"].target[0].arn == "arn:aws:lambda:eu-west-1:123456789012:function:santas-workshop-purge-expired" &&
      aws_scheduler_schedule.function["purge-expired"].target[0].role_arn == aws_iam_role.scheduler["purge-expired"].arn &&
      jsondecode(aws_scheduler_schedule.function["purge-expired"].target[0].input) == {}
    )
    error_message = "The schedule invokes purge-expired through its own role."
  }

  assert {
    condition = (
      aws_scheduler_schedule.function["purge-expired"].target[0].retry_policy[0].maximum_retry_attempts >= 1 &&
      aws_scheduler_schedule.function["purge-expired"].target[0].retry_policy[0].maximum_event_age_in_seconds <= 86400 &&
      aws_scheduler_schedule.function["purge-expired"].target[0].dead_letter_config[0].arn == aws_sqs_queue.schedule_dlq["purge-expired"].arn
    )
    error_message = "A run the scheduler cannot start is retried for a while, then dead-lettered."
  }

  assert {
    condition = (
      data.aws_iam_policy_document.scheduler["purge-expired"].statement[0].actions == toset(["lambda:InvokeFunction"]) &&
      data.aws_iam_policy_document.scheduler["purge-expired"].statement[0].resources == toset(["arn:aws:lambda:eu-west-1:123456789012:function:santas-workshop-purge-expired"]) &&
      data.aws_iam_policy_document.scheduler["purge-expired"].statement[1].actions == toset(["sqs:SendMessage"]) &&
      data.aws_iam_policy_document.scheduler["purge-expired"].statement[1].resources == toset([aws_sqs_queue.schedule_dlq["purge-expired"].arn]) &&
      length(data.aws_iam_policy_document.scheduler["purge-expired"].statement) == 2
    )
    error_message = "The scheduler role may invoke that one function and write its DLQ, nothing else (no kms without a customer managed key)."
  }

  assert {
    condition = (
      one(data.aws_iam_policy_document.scheduler_assume_role["purge-expired"].statement[0].principals).identifiers == toset(["scheduler.amazonaws.com"]) &&
      contains(flatten([for c in data.aws_iam_policy_document.scheduler_assume_role["purge-expired"].statement[0].condition : c.values if c.variable == "aws:SourceArn"]), aws_scheduler_schedule_group.this.arn)
    )
    error_message = "Only Scheduler, for a schedule of this stack's group, may assume the role."
  }

  assert {
    condition = (
      aws_sqs_queue.schedule_dlq["purge-expired"].message_retention_seconds == 1209600 &&
      aws_sqs_queue.schedule_dlq["purge-expired"].sqs_managed_sse_enabled &&
      output.schedules["purge-expired"].dlq_url == aws_sqs_queue.schedule_dlq["purge-expired"].url &&
      output.schedules["purge-expired"].expression == "rate(1 day)"
    )
    error_message = "Dead-lettered runs are kept 14 days, encrypted, and the outputs name the schedule and its DLQ."
  }

  assert {
    condition = (
      length(aws_cloudwatch_metric_alarm.schedule_failures) == 1 &&
      toset([for q in aws_cloudwatch_metric_alarm.schedule_failures[0].metric_query : q.metric[0].metric_name if length(q.metric) > 0]) == toset(["InvocationsSentToDeadLetterCount", "InvocationsFailedToBeSentToDeadLetterCount", "InvocationDroppedCount"]) &&
      alltrue([for q in aws_cloudwatch_metric_alarm.schedule_failures[0].metric_query : q.metric[0].dimensions.ScheduleGroup == "santas-workshop" if length(q.metric) > 0]) &&
      aws_cloudwatch_metric_alarm.schedule_dlq_depth["purge-expired"].dimensions.QueueName == "santas-workshop-purge-expired-schedule-dlq"
    )
    error_message = "Failed scheduled runs of the stack's group, and runs waiting in a schedule DLQ, raise alarms."
  }
}

run "a_customer_managed_key_lets_the_scheduler_write_its_encrypted_dlq" {
  command = apply

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
  }

  assert {
    condition = (
      aws_sqs_queue.schedule_dlq["purge-expired"].kms_master_key_id == var.kms_key_arn &&
      data.aws_iam_policy_document.scheduler["purge-expired"].statement[2].actions == toset(["kms:Decrypt", "kms:GenerateDataKey"]) &&
      data.aws_iam_policy_document.scheduler["purge-expired"].statement[2].resources == toset([var.kms_key_arn])
    )
    error_message = "Under a customer managed key the schedule DLQ uses it and the scheduler role may make data keys with it."
  }

  assert {
    condition     = aws_secretsmanager_secret.child_pseudonym_keys.kms_key_id == var.kms_key_arn
    error_message = "The pseudonym key is encrypted under the customer managed key."
  }

  assert {
    condition     = module.function["project-analytics"].policy_actions == tolist(["kms:Decrypt", "rds-db:connect", "secretsmanager:GetSecretValue"])
    error_message = "The projector decrypts its pseudonym key under the customer managed key, and may do nothing more with it."
  }

  assert {
    condition     = module.function["purge-expired"].policy_actions == tolist(["rds-db:connect"])
    error_message = "The purger gets no kms permission: it reads no secret, queue or table."
  }
}

run "letters_and_events_expire_by_dynamodb_ttl" {
  command = apply

  assert {
    condition     = module.letters_table.ttl_attribute == "expiresAt" && module.letters_table.ttl_enabled
    error_message = "The letters table deletes items past expiresAt (TTL enabled)."
  }

  assert {
    condition     = module.event_log_table.ttl_attribute == "expiresAt" && module.event_log_table.ttl_enabled
    error_message = "The event log deletes items past expiresAt (TTL enabled)."
  }

  assert {
    condition     = module.idempotency_table.ttl_attribute == "expiration" && module.idempotency_table.ttl_enabled
    error_message = "The idempotency table keeps Powertools' own expiry attribute."
  }

  assert {
    condition     = output.data_retention.retention_days == 400 && output.data_retention.dynamodb_ttl_attribute == { letters = "expiresAt", event_log = "expiresAt" } && output.data_retention.database_backup_retention_days == var.database_backup_retention_days
    error_message = "By default a season is 400 days, and the outputs say where what expires."
  }

  assert {
    condition     = output.data_retention.dynamodb_pitr_days == 35 && output.data_retention.database_final_snapshot_on_destroy && output.data_retention.dlq_retention_days == 14 && output.data_retention.log_retention_days == var.log_retention_days
    error_message = "The outputs name the copies that outlive an expiry: PITR, the final snapshot, DLQs, logs."
  }
}

run "retention_days_reaches_the_functions_that_stamp_or_purge_expiries" {
  command = apply

  variables {
    retention_days = 30
  }

  assert {
    condition     = alltrue([for name in ["erase-child", "project-letters", "archive-events", "project-analytics", "purge-expired"] : module.function[name].environment.RETENTION_DAYS == "30"])
    error_message = "erase-child, project-letters, archive-events, project-analytics and purge-expired get RETENTION_DAYS."
  }

  assert {
    condition     = alltrue([for name, function in module.function : !contains(keys(function.environment), "RETENTION_DAYS") if !contains(["erase-child", "project-letters", "archive-events", "project-analytics", "purge-expired"], name)])
    error_message = "No other function needs RETENTION_DAYS."
  }

  assert {
    condition     = output.data_retention.retention_days == 30
    error_message = "The outputs report the configured season."
  }
}

run "erasure_is_a_command_routed_for_families_only" {
  command = apply

  assert {
    condition     = local.wiring.routes["DELETE /children/{childId}"].function == "erase-child" && local.wiring.routes["DELETE /children/{childId}"].scopes == ["santa/letters"] && module.http_api.route_functions["DELETE /children/{childId}"] == "santas-workshop-erase-child"
    error_message = "DELETE /children/{childId} reaches erase-child, for family tokens only."
  }

  assert {
    condition = (
      module.function["erase-child"].policy_actions == tolist(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "secretsmanager:GetSecretValue", "sns:Publish"]) &&
      module.function["erase-child"].environment.LETTERS_TOPIC_ARN == aws_sns_topic.letters.arn &&
      module.function["erase-child"].environment.IDEMPOTENCY_TABLE_NAME == module.idempotency_table.name &&
      module.function["erase-child"].environment.LETTER_ID_KEYS_SECRET_ARN == aws_secretsmanager_secret.letter_id_keys.arn
    )
    error_message = "erase-child gets what a command gets: publish, its idempotency records, the letter-id keys."
  }

  assert {
    condition     = alltrue([for queue in ["letters-view", "letters-analytics"] : contains(jsondecode(module.consumer[queue].filter_policy).type, "ChildErased")]) && module.consumer["letters-archive"].filter_policy == null
    error_message = "Both projections receive ChildErased; the archive receives every event anyway."
  }
}

run "the_purger_only_connects_to_its_database_as_the_writer" {
  command = apply

  assert {
    condition     = module.function["purge-expired"].policy_actions == tolist(["rds-db:connect"]) && one(local.role_statements["analytics-purger"]).resources == [module.analytics_database.iam_connect_arns["analytics_writer"]]
    error_message = "purge-expired may only connect, as analytics_writer: no queue, no table, no secret."
  }

  assert {
    condition = (
      module.function["purge-expired"].environment.DATABASE_HOST == module.analytics_database.proxy_endpoint &&
      module.function["purge-expired"].environment.DATABASE_USER == "analytics_writer" &&
      module.function["purge-expired"].environment.DATABASE_NAME == module.analytics_database.database_name &&
      length(setintersection(keys(module.function["purge-expired"].environment), ["LETTERS_TABLE_NAME", "EVENT_LOG_TABLE_NAME", "LETTERS_TOPIC_ARN", "IDEMPOTENCY_TABLE_NAME", "CHILD_PSEUDONYM_KEYS_SECRET_ARN", "LETTER_ID_KEYS_SECRET_ARN"])) == 0
    )
    error_message = "purge-expired reaches the proxy as analytics_writer and knows no other store."
  }

  assert {
    condition     = local.vpc_security_groups["analytics-purger"] == [aws_security_group.database_clients.id]
    error_message = "purge-expired runs in the VPC, allowed only to the proxy."
  }

  assert {
    condition     = sort(keys(module.analytics_database.role_secret_arns)) == tolist(["analytics_reader", "analytics_writer"])
    error_message = "The purger shares the writer's database role: the proxy gets no third login."
  }

  assert {
    condition     = alltrue([for consumer in local.wiring.consumers : consumer.function != "purge-expired"]) && alltrue([for route in local.wiring.routes : route.function != "purge-expired"])
    error_message = "Only its schedule invokes purge-expired."
  }
}

run "only_the_analytics_projector_reads_the_pseudonym_key" {
  command = apply

  assert {
    condition     = module.function["project-analytics"].environment.CHILD_PSEUDONYM_KEYS_SECRET_ARN == "arn:aws:secretsmanager:eu-west-1:123456789012:secret:santas-workshop/child-pseudonym-keys-PsEuDo"
    error_message = "project-analytics gets CHILD_PSEUDONYM_KEYS_SECRET_ARN."
  }

  assert {
    condition     = alltrue([for name, function in module.function : !contains(keys(function.environment), "CHILD_PSEUDONYM_KEYS_SECRET_ARN") if name != "project-analytics"])
    error_message = "No other function knows the pseudonym key."
  }

  assert {
    condition = alltrue(flatten([for role, statements in local.role_statements : [
      for s in statements : contains(["analytics-projector", "migrator"], role) if contains(s.resources, aws_secretsmanager_secret.child_pseudonym_keys.arn)
    ]]))
    error_message = "Only the projector (and migrate, which fills it) is granted the pseudonym key."
  }

  assert {
    condition = (
      one([for s in local.role_statements["analytics-projector"] : s.actions if contains(s.resources, aws_secretsmanager_secret.child_pseudonym_keys.arn)]) == ["secretsmanager:GetSecretValue"] &&
      one([for s in local.role_statements["migrator"] : s.actions if contains(s.resources, aws_secretsmanager_secret.child_pseudonym_keys.arn)]) == ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"]
    )
    error_message = "The projector only reads the key; migrate describes, reads and fills it."
  }

  assert {
    condition = (
      jsondecode(module.function["migrate"].environment.GENERATED_KEY_SECRETS)["child-pseudonym"] == aws_secretsmanager_secret.child_pseudonym_keys.arn &&
      jsondecode(aws_lambda_invocation.migrate.triggers.generated_key_secrets)["child-pseudonym"] == aws_secretsmanager_secret.child_pseudonym_keys.arn
    )
    error_message = "migrate fills the pseudonym key, and runs again during apply when that secret is replaced."
  }

  assert {
    condition     = contains(local.vpc_security_groups["analytics-projector"], aws_security_group.secret_readers.id) && aws_vpc_security_group_egress_rule.secret_readers_to_endpoints.from_port == 443 && aws_vpc_security_group_egress_rule.secret_readers_to_endpoints.cidr_ipv4 == local.network.vpc_cidr_block
    error_message = "The projector reaches the Secrets Manager endpoint (HTTPS inside the VPC) to read its key."
  }

  assert {
    condition     = !contains(local.vpc_security_groups["analytics-reader"], aws_security_group.secret_readers.id) && !contains(local.vpc_security_groups["analytics-purger"], aws_security_group.secret_readers.id)
    error_message = "Readers and the purger have no way to the Secrets Manager endpoint."
  }

  assert {
    condition     = output.child_pseudonym_keys_secret_arn == aws_secretsmanager_secret.child_pseudonym_keys.arn && aws_secretsmanager_secret.child_pseudonym_keys.recovery_window_in_days == 30
    error_message = "The key's ARN is an output, and a deleted key stays restorable for 30 days."
  }
}

run "rejects_a_retention_of_zero_days" {
  command = plan

  variables {
    retention_days = 0
  }

  expect_failures = [var.retention_days]
}

run "rejects_a_retention_beyond_ten_years" {
  command = plan

  variables {
    retention_days = 3651
  }

  expect_failures = [var.retention_days]
}
