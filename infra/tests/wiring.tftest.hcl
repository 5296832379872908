# Plans (and mock-applies) the root module and checks that what it builds is
# exactly what wiring.json and the handlers expect. No AWS account is used:
# every aws resource comes from the mock provider (values in mocks/).

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region  = "eu-west-1"
  name_prefix = "santas-workshop"
  # artifacts_dir stays null: ../dist, filled by `make build` or, in a copy of
  # infra/, with placeholder zips by tools/infra-check/terraform-checks.mjs.
}

run "routes_functions_and_queues_match_wiring" {
  command = apply

  assert {
    condition     = module.http_api.route_keys == sort(keys(local.wiring.routes))
    error_message = "The API serves ${jsonencode(module.http_api.route_keys)}, wiring.json has ${jsonencode(sort(keys(local.wiring.routes)))}."
  }

  assert {
    condition     = alltrue([for key, route in local.wiring.routes : module.http_api.route_functions[key] == "santas-workshop-${route.function}"])
    error_message = "A route is answered by another function than wiring.json names: ${jsonencode(module.http_api.route_functions)}."
  }

  assert {
    condition     = alltrue([for route in keys(local.wiring.routes) : endswith(module.http_api.permission_source_arns[route], "/*/${replace(replace(route, " ", ""), "/\\{[^}]+\\}/", "*")}")])
    error_message = "An invoke permission is not limited to its route: ${jsonencode(module.http_api.permission_source_arns)}."
  }

  assert {
    condition     = sort(keys(output.function_names)) == sort(keys(local.wiring.functions))
    error_message = "Deployed functions ${jsonencode(keys(output.function_names))} differ from wiring.json."
  }

  assert {
    condition     = sort(keys(output.queue_urls)) == sort(keys(local.wiring.consumers)) && sort(keys(output.dlq_urls)) == sort(keys(local.wiring.consumers))
    error_message = "Queues or DLQs differ from the consumers of wiring.json."
  }

  assert {
    condition     = alltrue([for queue, _ in local.wiring.consumers : module.consumer[queue].queue_name == "santas-workshop-${queue}" && module.consumer[queue].dlq_name == "santas-workshop-${queue}-dlq"])
    error_message = "Queues must be named <prefix>-<consumer> with DLQ <prefix>-<consumer>-dlq."
  }

  assert {
    condition = alltrue([for queue, consumer in local.wiring.consumers :
      jsondecode(module.consumer[queue].redrive_policy).deadLetterTargetArn == module.consumer[queue].dlq_arn &&
      jsondecode(module.consumer[queue].redrive_policy).maxReceiveCount == consumer.maxReceiveCount
    ])
    error_message = "Every consumer queue must redrive to its own DLQ after maxReceiveCount receives from wiring.json."
  }

  assert {
    condition     = alltrue([for queue, consumer in local.wiring.consumers : module.consumer[queue].visibility_timeout_seconds >= 6 * local.wiring.functions[consumer.function].timeoutSeconds])
    error_message = "A queue's visibility timeout is below 6 x its function's timeout."
  }

  assert {
    condition     = alltrue([for name, function in module.function : function.log_retention_days == var.log_retention_days])
    error_message = "Every function needs a log group with the configured retention."
  }

  assert {
    condition     = module.consumer["letters-archive"].filter_policy == null
    error_message = "The archive subscribes unfiltered: the log replays depend on holds every event type."
  }

  assert {
    condition = alltrue([for queue, consumer in local.wiring.consumers :
      jsondecode(module.consumer[queue].filter_policy) == consumer.filterPolicy
    if queue != "letters-archive"])
    error_message = "The projections filter on the event types wiring.json lists."
  }
}

run "functions_get_the_environment_their_handlers_read" {
  command = apply

  assert {
    condition     = alltrue([for name, function in module.function : function.environment.LOG_LEVEL == "INFO"])
    error_message = "Every function needs LOG_LEVEL."
  }

  assert {
    condition = alltrue([for name, function in module.function :
      function.environment.POWERTOOLS_METRICS_NAMESPACE == local.wiring.metrics.namespace &&
      function.environment.POWERTOOLS_SERVICE_NAME == function.function_name
    ])
    error_message = "Every function emits its metrics in wiring.json's namespace, with its own name as the service."
  }

  assert {
    condition = alltrue([for name, f in local.wiring.functions :
      module.function[name].environment.IDEMPOTENCY_TABLE_NAME == module.idempotency_table.name &&
      module.function[name].environment.LETTER_ID_KEYS_SECRET_ARN == aws_secretsmanager_secret.letter_id_keys.arn
    if f.role == "command"])
    error_message = "Command functions need IDEMPOTENCY_TABLE_NAME and LETTER_ID_KEYS_SECRET_ARN."
  }

  assert {
    condition = alltrue([for name, f in local.wiring.functions :
      !contains(keys(module.function[name].environment), "IDEMPOTENCY_TABLE_NAME") && !contains(keys(module.function[name].environment), "LETTER_ID_KEYS_SECRET_ARN")
    if f.role != "command"])
    error_message = "Only command functions know the idempotency table and the letter-id keys."
  }

  assert {
    condition     = jsondecode(module.function["migrate"].environment.GENERATED_KEY_SECRETS) == { "letter-id" = aws_secretsmanager_secret.letter_id_keys.arn, "child-pseudonym" = aws_secretsmanager_secret.child_pseudonym_keys.arn, "child-erasure" = aws_secretsmanager_secret.child_erasure_keys.arn }
    error_message = "migrate fills the letter-id and child-pseudonym key secrets (GENERATED_KEY_SECRETS)."
  }

  assert {
    condition = alltrue([for name, f in local.wiring.functions :
      module.function[name].environment.LETTERS_TOPIC_ARN == aws_sns_topic.letters.arn &&
      can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}$", module.function[name].environment.LETTERS_TOPIC_ARN))
    if f.role == "command"])
    error_message = "Command functions need LETTERS_TOPIC_ARN, the topic's ARN."
  }

  assert {
    condition     = alltrue([for name, f in local.wiring.functions : module.function[name].environment.LETTERS_TABLE_NAME == module.letters_table.name if contains(["letters-reader", "letters-projector"], f.role)])
    error_message = "Letters readers and the projector need LETTERS_TABLE_NAME."
  }

  assert {
    condition     = alltrue([for name, f in local.wiring.functions : module.function[name].environment.EVENT_LOG_TABLE_NAME == module.event_log_table.name if contains(["event-log-reader", "event-log-writer"], f.role)])
    error_message = "Event log functions need EVENT_LOG_TABLE_NAME."
  }

  assert {
    condition = alltrue([for name, f in local.wiring.functions :
      module.function[name].environment.DATABASE_HOST == module.analytics_database.proxy_endpoint &&
      module.function[name].environment.DATABASE_USER == "analytics_reader" &&
      module.function[name].environment.DATABASE_NAME == "workshop"
    if f.role == "analytics-reader"])
    error_message = "Analytics readers connect to the proxy as analytics_reader."
  }

  assert {
    condition     = module.function["project-analytics"].environment.DATABASE_USER == "analytics_writer" && module.function["project-analytics"].environment.DATABASE_HOST == module.analytics_database.proxy_endpoint
    error_message = "project-analytics connects to the proxy as analytics_writer."
  }

  assert {
    condition = (
      can(regex("^arn:aws[a-z-]*:secretsmanager:", module.function["migrate"].environment.DATABASE_SECRET_ARN)) &&
      module.function["migrate"].environment.DATABASE_HOST == module.analytics_database.instance_address &&
      !contains(keys(module.function["migrate"].environment), "DATABASE_USER")
    )
    error_message = "migrate reads the master login from DATABASE_SECRET_ARN and connects to the instance."
  }

  assert {
    condition     = alltrue([for name, function in module.function : alltrue([for key, value in function.environment : !can(regex("(?i)password", key))])])
    error_message = "No function may get a password in its environment."
  }
}

run "each_role_gets_only_its_own_permissions" {
  command = apply

  assert {
    condition = alltrue([for name, f in local.wiring.functions :
      module.function[name].policy_actions == tolist(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "secretsmanager:GetSecretValue", "sns:Publish"])
    if f.role == "command"])
    error_message = "Command functions may only publish, keep their idempotency records and read the letter-id keys."
  }

  assert {
    condition     = alltrue([for name, f in local.wiring.functions : module.function[name].policy_actions == tolist(["dynamodb:GetItem", "dynamodb:Query"]) if f.role == "letters-reader"])
    error_message = "Letters readers may only GetItem and Query."
  }

  assert {
    condition     = alltrue([for name, f in local.wiring.functions : module.function[name].policy_actions == tolist(["dynamodb:Query"]) if f.role == "event-log-reader"])
    error_message = "The history reader only queries a letter's partition of the event log."
  }

  assert {
    condition     = alltrue([for s in local.role_statements["event-log-reader"] : s.resources == [module.event_log_table.arn]])
    error_message = "The history reader never queries the byDay index."
  }

  assert {
    condition     = alltrue([for name, f in local.wiring.functions : module.function[name].policy_actions == tolist(["rds-db:connect"]) if contains(["analytics-reader", "analytics-purger"], f.role)])
    error_message = "Analytics readers and the purger may only connect to the database."
  }

  assert {
    condition     = module.function["project-analytics"].policy_actions == tolist(["rds-db:connect", "secretsmanager:GetSecretValue"])
    error_message = "The analytics projector may only connect to the database and read its pseudonym key."
  }

  assert {
    condition = (
      module.function["project-letters"].policy_actions == tolist(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem", "secretsmanager:GetSecretValue"]) &&
      module.function["archive-events"].policy_actions == tolist(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem", "secretsmanager:GetSecretValue"]) &&
      one([for s in local.role_statements["letters-projector"] : s.resources if s.sid == "ProjectLetters"]) == [module.letters_table.arn] &&
      one([for s in local.role_statements["event-log-writer"] : s.resources if s.sid == "AppendEventLog"]) == [module.event_log_table.arn]
    )
    error_message = "Projectors may only write their own store (and read it for erasure, with the child-erasure key), never an index."
  }

  assert {
    condition     = module.function["migrate"].policy_actions == tolist(["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"])
    error_message = "The migrator may only read the master secret and set the role and key secrets."
  }

  assert {
    condition     = toset(one([for s in local.role_statements["migrator"] : s.resources if s.sid == "FillGeneratedKeys"])) == toset([aws_secretsmanager_secret.letter_id_keys.arn, aws_secretsmanager_secret.child_pseudonym_keys.arn, aws_secretsmanager_secret.child_erasure_keys.arn])
    error_message = "The migrator writes only the generated key secrets it is given."
  }
}

run "a_customer_managed_key_encrypts_queues_topics_and_stores_and_adds_kms_use" {
  command = apply

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
  }

  assert {
    condition     = aws_sns_topic.letters.kms_master_key_id == var.kms_key_arn && aws_sns_topic.alarms.kms_master_key_id == var.kms_key_arn && length(aws_kms_key.alarms) == 0
    error_message = "With a customer managed key both topics use it (and no key of the stack's own is made)."
  }

  assert {
    condition     = alltrue([for queue, _ in local.wiring.consumers : module.consumer[queue].kms_key_arn == var.kms_key_arn])
    error_message = "With a customer managed key every queue and DLQ uses it instead of SQS managed keys."
  }

  assert {
    condition     = contains(module.function["submit-letter"].policy_actions, "kms:GenerateDataKey") && contains(module.function["submit-letter"].policy_actions, "kms:Decrypt")
    error_message = "Commands publish to a topic and write a table under the key: they need data keys."
  }

  assert {
    condition     = contains(module.function["get-letter"].policy_actions, "kms:Decrypt") && !contains(module.function["get-letter"].policy_actions, "kms:GenerateDataKey")
    error_message = "Readers of a CMK-encrypted table decrypt only."
  }

  assert {
    condition     = contains(module.function["archive-events"].policy_actions, "kms:GenerateDataKey")
    error_message = "Writers of a CMK-encrypted table also need data keys."
  }
}

run "without_a_customer_managed_key_the_topic_uses_the_aws_managed_key" {
  command = apply

  assert {
    condition     = aws_sns_topic.letters.kms_master_key_id == "alias/aws/sns" && alltrue([for queue, _ in local.wiring.consumers : module.consumer[queue].kms_key_arn == null])
    error_message = "Without kms_key_arn the topic uses aws/sns and the queues SQS managed keys."
  }

  assert {
    condition     = module.function["submit-letter"].policy_actions == tolist(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "secretsmanager:GetSecretValue", "sns:Publish"])
    error_message = "Under AWS managed keys no function gets a kms permission."
  }
}

run "an_existing_network_replaces_the_created_one" {
  command = apply

  variables {
    existing_network = {
      vpc_id             = "vpc-0123456789abcdef0"
      vpc_cidr_block     = "10.0.0.0/16"
      private_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    }
  }

  assert {
    condition     = length(module.network) == 0 && aws_security_group.database_clients.vpc_id == "vpc-0123456789abcdef0"
    error_message = "With existing_network no VPC is created and the functions join the given one."
  }

  assert {
    condition     = length(data.aws_availability_zones.available) == 0
    error_message = "With existing_network the availability zones are not read."
  }
}

run "rejects_an_unknown_log_level" {
  command = plan

  variables {
    log_level = "verbose"
  }

  expect_failures = [var.log_level]
}

run "rejects_reserved_concurrency_for_an_unknown_function" {
  command = plan

  variables {
    function_reserved_concurrency = { submit-letters = 5 }
  }

  expect_failures = [output.function_names]
}

run "rejects_a_prefix_too_long_for_function_names" {
  command = plan

  variables {
    name_prefix = "santas-workshop-production-eu-west"
  }

  expect_failures = [var.name_prefix]
}
