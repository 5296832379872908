# Routes, functions and queue consumers come from wiring.json, the file the local
# runtime reads too (local/wiring.ts), so local runs and AWS cannot drift apart.
locals {
  wiring         = jsondecode(file("${path.module}/wiring.json"))
  artifacts_dir  = coalesce(var.artifacts_dir, "${path.module}/../dist")
  migrations_dir = coalesce(var.migrations_dir, "${path.module}/../shared/migrations")
  name           = var.name_prefix
  # The console calls the API from its CloudFront origin.
  api_cors_origins = concat(var.cors_allow_origins, local.console ? [local.console_origin] : [])

  network = var.existing_network != null ? var.existing_network : {
    vpc_id             = module.network[0].vpc_id
    vpc_cidr_block     = module.network[0].vpc_cidr_block
    private_subnet_ids = module.network[0].private_subnet_ids
  }

  # Roles whose functions talk to PostgreSQL and therefore run inside the VPC.
  # The projector also reads its pseudonym key from the Secrets Manager endpoint.
  vpc_security_groups = {
    analytics-reader    = [aws_security_group.database_clients.id]
    analytics-projector = [aws_security_group.database_clients.id, aws_security_group.secret_readers.id]
    analytics-purger    = [aws_security_group.database_clients.id]
    migrator            = [aws_security_group.migrator.id]
  }

  # PostgreSQL roles the functions log in as through RDS Proxy (IAM auth).
  # The purger deletes expired rows and corrects the aggregates, as the projector writes them.
  database_users = {
    analytics-reader    = "analytics_reader"
    analytics-projector = "analytics_writer"
    analytics-purger    = "analytics_writer"
  }

  # Keys the migrate function generates into their (empty) secrets: purpose => secret ARN.
  generated_key_secrets = {
    "letter-id"       = aws_secretsmanager_secret.letter_id_keys.arn
    "child-pseudonym" = aws_secretsmanager_secret.child_pseudonym_keys.arn
    "child-erasure"   = aws_secretsmanager_secret.child_erasure_keys.arn
  }

  # The functions that stamp (or purge by) an expiry a season after an event.
  retention_functions = ["erase-child", "project-letters", "archive-events", "project-analytics", "purge-expired"]
  function_environment = {
    for name in local.retention_functions : name => { RETENTION_DAYS = tostring(var.retention_days) }
  }

  role_environment = {
    command = {
      LETTERS_TOPIC_ARN         = aws_sns_topic.letters.arn
      IDEMPOTENCY_TABLE_NAME    = module.idempotency_table.name
      LETTER_ID_KEYS_SECRET_ARN = aws_secretsmanager_secret.letter_id_keys.arn
      QUOTA_TABLE_NAME          = module.command_quota_table.name
      COMMANDS_PER_MINUTE       = tostring(local.commands_per_minute)
    }
    letters-reader   = { LETTERS_TABLE_NAME = module.letters_table.name }
    event-log-reader = { EVENT_LOG_TABLE_NAME = module.event_log_table.name }
    analytics-reader = {
      DATABASE_HOST = module.analytics_database.proxy_endpoint
      DATABASE_NAME = module.analytics_database.database_name
      DATABASE_USER = local.database_users.analytics-reader
    }
    letters-projector = {
      LETTERS_TABLE_NAME            = module.letters_table.name
      CHILD_ERASURE_KEYS_SECRET_ARN = aws_secretsmanager_secret.child_erasure_keys.arn
    }
    analytics-projector = {
      DATABASE_HOST                   = module.analytics_database.proxy_endpoint
      DATABASE_NAME                   = module.analytics_database.database_name
      DATABASE_USER                   = local.database_users.analytics-projector
      CHILD_PSEUDONYM_KEYS_SECRET_ARN = aws_secretsmanager_secret.child_pseudonym_keys.arn
    }
    analytics-purger = {
      DATABASE_HOST = module.analytics_database.proxy_endpoint
      DATABASE_NAME = module.analytics_database.database_name
      DATABASE_USER = local.database_users.analytics-purger
    }
    event-log-writer = {
      EVENT_LOG_TABLE_NAME          = module.event_log_table.name
      CHILD_ERASURE_KEYS_SECRET_ARN = aws_secretsmanager_secret.child_erasure_keys.arn
    }
    queue-observer = local.operations_environment
    queue-redriver = local.operations_environment
    migrator = {
      # The migrator talks to the instance itself, whose certificate chains to the RDS CA;
      # Lambda's Node.js 20+ runtimes load that bundle only when asked.
      NODE_EXTRA_CA_CERTS   = "/var/runtime/ca-cert.pem"
      DATABASE_HOST         = module.analytics_database.instance_address
      DATABASE_NAME         = module.analytics_database.database_name
      DATABASE_SECRET_ARN   = module.analytics_database.master_user_secret_arn
      DATABASE_ROLE_SECRETS = jsonencode(module.analytics_database.role_secret_arns)
      GENERATED_KEY_SECRETS = jsonencode(local.generated_key_secrets)
    }
  }
}

resource "aws_sns_topic" "letters" {
  name = "${local.name}-${local.wiring.topic}"
  # Without a customer managed key, the AWS managed key: SNS decrypts before delivering
  # to SQS, and publishers need no kms permission.
  kms_master_key_id = coalesce(var.kms_key_arn, "alias/aws/sns")
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
  # Every item carries its expiry (epoch seconds): DynamoDB deletes it within about two days after.
  ttl_attribute               = "expiresAt"
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
  ttl_attribute               = "expiresAt"
  deletion_protection_enabled = var.deletion_protection
  kms_key_arn                 = var.kms_key_arn
  tags                        = var.tags
}

# Powertools' DynamoDB persistence layer, default attribute names: one item per
# Idempotency-Key, expiring by itself.
module "idempotency_table" {
  source                      = "./modules/dynamodb-table"
  name                        = "${local.name}-idempotency"
  hash_key                    = "id"
  range_key                   = null
  attributes                  = [{ name = "id", type = "S" }]
  ttl_attribute               = "expiration"
  deletion_protection_enabled = var.deletion_protection
  kms_key_arn                 = var.kms_key_arn
  tags                        = var.tags
}

# The keys letter ids are signed with. Terraform creates the container only; the
# migrate function fills it with a fresh key set, so no key is ever in the state.
resource "aws_secretsmanager_secret" "letter_id_keys" {
  name_prefix = "${local.name}/letter-id-keys-"
  description = "Key set signing letter ids with their owner (GENERATED_KEY_SECRETS of migrate fills it; LETTER_ID_KEYS_SECRET_ARN of the command functions reads it)"
  kms_key_id  = var.kms_key_arn
  # Losing the keys makes every letter id unverifiable: keep a deleted secret restorable for long.
  recovery_window_in_days = 30
  tags                    = var.tags
}

# The key children are pseudonymised with in the analytics database (a keyed hash of
# account and child id). Created empty like the letter-id keys: migrate fills it, only
# the analytics projector reads it.
resource "aws_secretsmanager_secret" "child_pseudonym_keys" {
  name_prefix = "${local.name}/child-pseudonym-keys-"
  description = "Key set pseudonymising child ids in analytics (GENERATED_KEY_SECRETS of migrate fills it; CHILD_PSEUDONYM_KEYS_SECRET_ARN of project-analytics reads it)"
  kms_key_id  = var.kms_key_arn
  # A lost key splits every child of the season into two pseudonyms: keep a deleted secret restorable.
  recovery_window_in_days = 30
  tags                    = var.tags
}

module "analytics_database" {
  source                    = "./modules/analytics-database"
  name                      = "${local.name}-analytics"
  vpc_id                    = local.network.vpc_id
  vpc_cidr_block            = local.network.vpc_cidr_block
  subnet_ids                = local.network.private_subnet_ids
  client_security_group_ids = { database-clients = aws_security_group.database_clients.id }
  admin_security_group_ids  = { migrator = aws_security_group.migrator.id }
  application_roles         = distinct(values(local.database_users))
  engine_version            = var.database_engine_version
  instance_class            = var.database_instance_class
  allocated_storage_gb      = var.database_allocated_storage_gb
  backup_retention_days     = var.database_backup_retention_days
  multi_az                  = var.database_multi_az
  deletion_protection       = var.deletion_protection
  log_retention_days        = var.log_retention_days
  kms_key_arn               = var.kms_key_arn
  alarm_actions             = local.alarm_actions
  tags                      = var.tags
}

module "function" {
  source          = "./modules/lambda-function"
  for_each        = local.wiring.functions
  name            = "${local.name}-${each.key}"
  description     = "Santa's Workshop ${each.key} (${each.value.role})"
  filename        = "${local.artifacts_dir}/${each.key}.zip"
  runtime         = var.lambda_runtime
  memory_size_mb  = each.value.memoryMb
  timeout_seconds = each.value.timeoutSeconds
  environment = merge(
    {
      LOG_LEVEL                    = var.log_level
      POWERTOOLS_METRICS_NAMESPACE = local.wiring.metrics.namespace
      # The deployed name, so two deployments in one account keep their metrics apart.
      POWERTOOLS_SERVICE_NAME = "${local.name}-${each.key}"
    },
    local.role_environment[each.value.role],
    lookup(local.function_environment, each.key, {}),
    lookup(local.analytics_reader_environment, each.key, {}),
  )
  policy_statements = concat(local.role_statements[each.value.role], local.kms_statements[each.value.role])
  # Nothing is reserved by default: a new account's quota of 10 leaves no room for it.
  reserved_concurrency = lookup(var.function_reserved_concurrency, each.key, null)
  tracing_enabled      = var.tracing_enabled
  log_level            = var.log_level
  log_retention_days   = var.log_retention_days
  kms_key_arn          = var.kms_key_arn
  alarm_actions        = local.alarm_actions
  tags                 = var.tags

  vpc_config = contains(keys(local.vpc_security_groups), each.value.role) ? {
    subnet_ids         = local.network.private_subnet_ids
    security_group_ids = local.vpc_security_groups[each.value.role]
  } : null
}

# Batching, concurrency and alarm thresholds are sized from peak_letters_per_second
# (peak.tf); wiring.json's batch figures are the local runtime's.
module "consumer" {
  source                            = "./modules/queue-consumer"
  for_each                          = local.wiring.consumers
  name                              = "${local.name}-${each.key}"
  topic_arn                         = aws_sns_topic.letters.arn
  filter_policy                     = lookup(each.value, "filterPolicy", null)
  function_name                     = module.function[each.value.function].function_name
  function_role_name                = module.function[each.value.function].role_name
  function_timeout_seconds          = local.wiring.functions[each.value.function].timeoutSeconds
  batch_size                        = local.peak.consumers[each.key].batch_size
  maximum_batching_window_seconds   = local.peak.consumers[each.key].maximum_batching_window_seconds
  max_receive_count                 = each.value.maxReceiveCount
  maximum_concurrency               = local.peak.consumers[each.key].maximum_concurrency
  oldest_message_age_alarm_seconds  = local.peak.alarms.oldest_message_age_seconds
  backlog_alarm_messages            = local.peak.alarms.backlog_messages
  projection_lag_alarm_milliseconds = local.peak.alarms.projection_lag_milliseconds
  kms_key_arn                       = var.kms_key_arn
  metrics_namespace                 = local.wiring.metrics.namespace
  metrics_service                   = module.function[each.value.function].environment.POWERTOOLS_SERVICE_NAME
  alarm_actions                     = local.alarm_actions
  tags                              = var.tags
}

module "http_api" {
  source = "./modules/http-api"
  name   = "${local.name}-api"
  routes = {
    for key, route in local.wiring.routes : key => {
      function_name = module.function[route.function].function_name
      invoke_arn    = module.function[route.function].invoke_arn
      scopes        = route.scopes
    }
  }
  throttling_rate_limit     = coalesce(var.api_throttling_rate_limit, local.peak.api.throttling_rate_limit)
  throttling_burst_limit    = coalesce(var.api_throttling_burst_limit, local.peak.api.throttling_burst_limit)
  cors                      = length(local.api_cors_origins) == 0 ? null : { allow_origins = local.api_cors_origins }
  jwt_authorizer            = local.jwt_authorizer
  access_log_retention_days = var.log_retention_days
  kms_key_arn               = var.kms_key_arn
  alarm_actions             = local.alarm_actions
  tags                      = var.tags
}
