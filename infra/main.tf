# Routes, functions and queue consumers come from wiring.json, the file the local
# runtime reads too (shared/wiring.ts), so local runs and AWS cannot drift apart.
locals {
  wiring        = jsondecode(file("${path.module}/wiring.json"))
  artifacts_dir = coalesce(var.artifacts_dir, "${path.module}/../dist")
  name          = var.name_prefix

  network = var.existing_network != null ? var.existing_network : {
    vpc_id             = module.network[0].vpc_id
    vpc_cidr_block     = module.network[0].vpc_cidr_block
    private_subnet_ids = module.network[0].private_subnet_ids
  }

  # Roles whose functions talk to PostgreSQL and therefore run inside the VPC.
  vpc_security_groups = {
    analytics-reader    = [aws_security_group.database_clients.id]
    analytics-projector = [aws_security_group.database_clients.id]
    migrator            = [aws_security_group.migrator.id]
  }

  # PostgreSQL roles the functions log in as through RDS Proxy (IAM auth).
  database_users = {
    analytics-reader    = "analytics_reader"
    analytics-projector = "analytics_writer"
  }

  role_environment = {
    command          = { LETTERS_TOPIC_ARN = aws_sns_topic.letters.arn }
    letters-reader   = { LETTERS_TABLE_NAME = module.letters_table.name }
    event-log-reader = { EVENT_LOG_TABLE_NAME = module.event_log_table.name }
    analytics-reader = {
      DATABASE_HOST = module.analytics_database.proxy_endpoint
      DATABASE_NAME = module.analytics_database.database_name
      DATABASE_USER = local.database_users.analytics-reader
    }
    letters-projector = { LETTERS_TABLE_NAME = module.letters_table.name }
    analytics-projector = {
      DATABASE_HOST = module.analytics_database.proxy_endpoint
      DATABASE_NAME = module.analytics_database.database_name
      DATABASE_USER = local.database_users.analytics-projector
    }
    event-log-writer = { EVENT_LOG_TABLE_NAME = module.event_log_table.name }
    migrator = {
      # The migrator talks to the instance itself, whose certificate chains to the RDS CA;
      # Lambda's Node.js 20+ runtimes load that bundle only when asked.
      NODE_EXTRA_CA_CERTS   = "/var/runtime/ca-cert.pem"
      DATABASE_HOST         = module.analytics_database.instance_address
      DATABASE_NAME         = module.analytics_database.database_name
      DATABASE_SECRET_ARN   = module.analytics_database.master_user_secret_arn
      DATABASE_ROLE_SECRETS = jsonencode(module.analytics_database.role_secret_arns)
    }
  }

  # Least privilege per role: commands only publish, queries only read their
  # store, projectors only write theirs, and only the migrator holds secrets.
  role_statements = {
    command = [{
      sid       = "PublishLetterEvents"
      actions   = ["sns:Publish"]
      resources = [aws_sns_topic.letters.arn]
    }]
    letters-reader = [{
      sid       = "ReadLetters"
      actions   = ["dynamodb:GetItem", "dynamodb:Query"]
      resources = [module.letters_table.arn, module.letters_table.index_arns["byChild"]]
    }]
    event-log-reader = [{
      sid       = "ReadEventLog"
      actions   = ["dynamodb:GetItem", "dynamodb:Query"]
      resources = [module.event_log_table.arn, module.event_log_table.index_arns["byDay"]]
    }]
    analytics-reader = [{
      sid       = "ConnectAsAnalyticsReader"
      actions   = ["rds-db:connect"]
      resources = [module.analytics_database.iam_connect_arns["analytics_reader"]]
    }]
    letters-projector = [{
      sid       = "ProjectLetters"
      actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
      resources = [module.letters_table.arn]
    }]
    analytics-projector = [{
      sid       = "ConnectAsAnalyticsWriter"
      actions   = ["rds-db:connect"]
      resources = [module.analytics_database.iam_connect_arns["analytics_writer"]]
    }]
    event-log-writer = [{
      sid       = "AppendEventLog"
      actions   = ["dynamodb:PutItem"]
      resources = [module.event_log_table.arn]
    }]
    migrator = [
      {
        sid       = "ReadMasterSecret"
        actions   = ["secretsmanager:GetSecretValue"]
        resources = [module.analytics_database.master_user_secret_arn]
      },
      {
        sid       = "SetRolePasswords"
        actions   = ["secretsmanager:DescribeSecret", "secretsmanager:PutSecretValue"]
        resources = values(module.analytics_database.role_secret_arns)
      },
    ]
  }

  # With a customer managed key, readers decrypt and writers also make data keys.
  kms_actions = {
    command             = []
    letters-reader      = ["kms:Decrypt"]
    event-log-reader    = ["kms:Decrypt"]
    analytics-reader    = []
    letters-projector   = ["kms:Decrypt", "kms:GenerateDataKey"]
    analytics-projector = []
    event-log-writer    = ["kms:Decrypt", "kms:GenerateDataKey"]
    migrator            = ["kms:Decrypt", "kms:GenerateDataKey"]
  }

  kms_statements = {
    for role, actions in local.kms_actions : role => var.kms_key_arn == null || length(actions) == 0 ? [] : [{
      sid       = "UseDataKey"
      actions   = actions
      resources = [var.kms_key_arn]
    }]
  }
}

resource "aws_sns_topic" "letters" {
  name = "${local.name}-${local.wiring.topic}"
  # AWS managed key: SNS decrypts before delivering to SQS, and publishers need no kms permission.
  kms_master_key_id = "alias/aws/sns"
  tags              = var.tags
}

module "letters_table" {
  source    = "./modules/dynamodb-table"
  name      = "${local.name}-letters"
  hash_key  = "pk"
  range_key = "sk"
  attributes = [
    { name = "pk", type = "S" },
    { name = "sk", type = "S" },
    { name = "gsi1pk", type = "S" },
    { name = "submittedAt", type = "S" },
  ]
  global_secondary_indexes = [
    { name = "byChild", hash_key = "gsi1pk", range_key = "submittedAt", projection_type = "ALL" },
  ]
  deletion_protection_enabled = var.deletion_protection
  kms_key_arn                 = var.kms_key_arn
  tags                        = var.tags
}

module "event_log_table" {
  source    = "./modules/dynamodb-table"
  name      = "${local.name}-event-log"
  hash_key  = "pk"
  range_key = "sk"
  attributes = [
    { name = "pk", type = "S" },
    { name = "sk", type = "S" },
    { name = "day", type = "S" },
  ]
  global_secondary_indexes = [
    { name = "byDay", hash_key = "day", range_key = "sk", projection_type = "ALL" },
  ]
  deletion_protection_enabled = var.deletion_protection
  kms_key_arn                 = var.kms_key_arn
  tags                        = var.tags
}

module "analytics_database" {
  source                    = "./modules/analytics-database"
  name                      = "${local.name}-analytics"
  vpc_id                    = local.network.vpc_id
  vpc_cidr_block            = local.network.vpc_cidr_block
  subnet_ids                = local.network.private_subnet_ids
  client_security_group_ids = { database-clients = aws_security_group.database_clients.id }
  admin_security_group_ids  = { migrator = aws_security_group.migrator.id }
  application_roles         = values(local.database_users)
  engine_version            = var.database_engine_version
  instance_class            = var.database_instance_class
  allocated_storage_gb      = var.database_allocated_storage_gb
  backup_retention_days     = var.database_backup_retention_days
  multi_az                  = var.database_multi_az
  deletion_protection       = var.deletion_protection
  log_retention_days        = var.log_retention_days
  kms_key_arn               = var.kms_key_arn
  alarm_actions             = var.alarm_actions
  tags                      = var.tags
}

module "function" {
  source            = "./modules/lambda-function"
  for_each          = local.wiring.functions
  name              = "${local.name}-${each.key}"
  description       = "Santa's Workshop ${each.key} (${each.value.role})"
  filename          = "${local.artifacts_dir}/${each.key}.zip"
  memory_size_mb    = each.value.memoryMb
  timeout_seconds   = each.value.timeoutSeconds
  environment       = merge({ LOG_LEVEL = var.log_level }, local.role_environment[each.value.role])
  policy_statements = concat(local.role_statements[each.value.role], local.kms_statements[each.value.role])
  # One migrator at a time: two first runs could each give a role a password and store only one.
  reserved_concurrency = each.value.role == "migrator" ? 1 : lookup(var.function_reserved_concurrency, each.key, null)
  tracing_enabled      = var.tracing_enabled
  log_retention_days   = var.log_retention_days
  kms_key_arn          = var.kms_key_arn
  alarm_actions        = var.alarm_actions
  tags                 = var.tags

  vpc_config = contains(keys(local.vpc_security_groups), each.value.role) ? {
    subnet_ids         = local.network.private_subnet_ids
    security_group_ids = local.vpc_security_groups[each.value.role]
  } : null
}

module "consumer" {
  source                          = "./modules/queue-consumer"
  for_each                        = local.wiring.consumers
  name                            = "${local.name}-${each.key}"
  topic_arn                       = aws_sns_topic.letters.arn
  filter_policy                   = each.value.filterPolicy
  function_name                   = module.function[each.value.function].function_name
  function_role_name              = module.function[each.value.function].role_name
  function_timeout_seconds        = local.wiring.functions[each.value.function].timeoutSeconds
  batch_size                      = each.value.batchSize
  maximum_batching_window_seconds = each.value.maximumBatchingWindowSeconds
  max_receive_count               = each.value.maxReceiveCount
  maximum_concurrency             = each.value.maximumConcurrency
  alarm_actions                   = var.alarm_actions
  tags                            = var.tags
}

module "http_api" {
  source = "./modules/http-api"
  name   = "${local.name}-api"
  routes = {
    for key, route in local.wiring.routes : key => {
      function_name = module.function[route.function].function_name
      invoke_arn    = module.function[route.function].invoke_arn
    }
  }
  throttling_rate_limit     = var.api_throttling_rate_limit
  throttling_burst_limit    = var.api_throttling_burst_limit
  cors                      = length(var.cors_allow_origins) == 0 ? null : { allow_origins = var.cors_allow_origins }
  jwt_authorizer            = var.jwt_authorizer
  access_log_retention_days = var.log_retention_days
  kms_key_arn               = var.kms_key_arn
  alarm_actions             = var.alarm_actions
  tags                      = var.tags
}
