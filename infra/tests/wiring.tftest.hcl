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
    condition     = alltrue([for route in keys(local.wiring.routes) : endswith(module.http_api.permission_source_arns[route], "/*/${replace(route, " ", "")}")])
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
}

run "functions_get_the_environment_their_handlers_read" {
  command = apply

  assert {
    condition     = alltrue([for name, function in module.function : function.environment.LOG_LEVEL == "INFO"])
    error_message = "Every function needs LOG_LEVEL."
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
    condition     = alltrue([for name, f in local.wiring.functions : module.function[name].policy_actions == tolist(["sns:Publish"]) if f.role == "command"])
    error_message = "Command functions may only sns:Publish."
  }

  assert {
    condition     = alltrue([for name, f in local.wiring.functions : module.function[name].policy_actions == tolist(["dynamodb:GetItem", "dynamodb:Query"]) if contains(["letters-reader", "event-log-reader"], f.role)])
    error_message = "DynamoDB readers may only GetItem and Query."
  }

  assert {
    condition     = alltrue([for name, f in local.wiring.functions : module.function[name].policy_actions == tolist(["rds-db:connect"]) if contains(["analytics-reader", "analytics-projector"], f.role)])
    error_message = "Analytics functions may only connect to the database."
  }

  assert {
    condition     = module.function["project-letters"].policy_actions == tolist(["dynamodb:GetItem", "dynamodb:UpdateItem"]) && module.function["archive-events"].policy_actions == tolist(["dynamodb:PutItem"])
    error_message = "Projectors may only write their own store."
  }

  assert {
    condition     = module.function["migrate"].policy_actions == tolist(["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"])
    error_message = "The migrator may only read the master secret and set the role secrets."
  }
}

run "a_customer_managed_key_adds_kms_use_to_store_users_only" {
  command = apply

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
  }

  assert {
    condition     = module.function["submit-letter"].policy_actions == tolist(["sns:Publish"])
    error_message = "Commands publish to a topic under an AWS managed key: no kms permission."
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
