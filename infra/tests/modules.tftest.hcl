# Each module on its own, through the mock provider: the properties a reviewer
# would otherwise check by eye, and the validations that stop a wrong value
# from deploying silently.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region = "eu-west-1"
}

# lambda-function -------------------------------------------------------------

run "lambda_function_has_its_log_group_role_and_alarm" {
  command = apply

  module {
    source = "./modules/lambda-function"
  }

  variables {
    name              = "santas-workshop-top-toys"
    filename          = "../dist/top-toys.zip"
    timeout_seconds   = 10
    environment       = { LOG_LEVEL = "INFO" }
    tracing_enabled   = true
    policy_statements = [{ sid = "Connect", actions = ["rds-db:connect"], resources = ["arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0123/analytics_reader"] }]
    vpc_config        = { subnet_ids = ["subnet-1", "subnet-2"], security_group_ids = ["sg-1"] }
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "nodejs22.x" && aws_lambda_function.this.handler == "index.handler"
    error_message = "Functions run index.handler on nodejs22.x."
  }

  assert {
    condition     = aws_lambda_function.this.source_code_hash == filebase64sha256("../dist/top-toys.zip")
    error_message = "source_code_hash must follow the zip, so a rebuilt zip redeploys."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/santas-workshop-top-toys" && aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "The function's log group must exist with a retention."
  }

  assert {
    condition     = aws_lambda_function.this.logging_config[0].log_group == aws_cloudwatch_log_group.this.name
    error_message = "The function must log to its own log group."
  }

  assert {
    condition     = aws_lambda_function.this.tracing_config[0].mode == "Active"
    error_message = "tracing_enabled turns X-Ray on."
  }

  assert {
    condition     = tolist(aws_lambda_function.this.vpc_config[0].subnet_ids) == tolist(["subnet-1", "subnet-2"])
    error_message = "vpc_config places the function in the given subnets."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.errors.metric_name == "Errors" && aws_cloudwatch_metric_alarm.errors.dimensions.FunctionName == "santas-workshop-top-toys"
    error_message = "Every function has an error alarm."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.throttles.namespace == "AWS/Lambda" &&
      aws_cloudwatch_metric_alarm.throttles.metric_name == "Throttles" &&
      aws_cloudwatch_metric_alarm.throttles.dimensions.FunctionName == "santas-workshop-top-toys" &&
      aws_cloudwatch_metric_alarm.throttles.statistic == "Sum" &&
      aws_cloudwatch_metric_alarm.throttles.threshold == 1
    )
    error_message = "Every function has a throttle alarm: a throttled invocation never reaches the function."
  }

  assert {
    condition     = aws_lambda_function.this.reserved_concurrent_executions == null
    error_message = "A function reserves no concurrency unless asked to."
  }
}

run "lambda_function_rejects_a_runtime_that_is_not_nodejs" {
  command = plan

  module {
    source = "./modules/lambda-function"
  }

  variables {
    name     = "santas-workshop-get-letter"
    filename = "../dist/get-letter.zip"
    runtime  = "python3.13"
  }

  expect_failures = [var.runtime]
}

run "lambda_function_rejects_a_wildcard_action" {
  command = plan

  module {
    source = "./modules/lambda-function"
  }

  variables {
    name              = "santas-workshop-get-letter"
    filename          = "../dist/get-letter.zip"
    policy_statements = [{ sid = "Read", actions = ["dynamodb:*"], resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/letters"] }]
  }

  expect_failures = [var.policy_statements]
}

run "lambda_function_rejects_an_unscoped_statement" {
  command = plan

  module {
    source = "./modules/lambda-function"
  }

  variables {
    name              = "santas-workshop-get-letter"
    filename          = "../dist/get-letter.zip"
    policy_statements = [{ sid = "Read", actions = ["dynamodb:GetItem"], resources = ["*"] }]
  }

  expect_failures = [var.policy_statements]
}

run "lambda_function_rejects_logs_kept_forever" {
  command = plan

  module {
    source = "./modules/lambda-function"
  }

  variables {
    name               = "santas-workshop-get-letter"
    filename           = "../dist/get-letter.zip"
    log_retention_days = 0
  }

  expect_failures = [var.log_retention_days]
}

# queue-consumer --------------------------------------------------------------

run "queue_consumer_has_a_dlq_and_reports_partial_batch_failures" {
  command = apply

  module {
    source = "./modules/queue-consumer"
  }

  variables {
    name                     = "santas-workshop-letters-view"
    topic_arn                = "arn:aws:sns:eu-west-1:123456789012:santas-workshop-letters"
    filter_policy            = { type = ["LetterSubmitted", "LetterAmended", "LetterWithdrawn"] }
    function_name            = "santas-workshop-project-letters"
    function_role_name       = "santas-workshop-project-letters"
    function_timeout_seconds = 30
    metrics_namespace        = "SantasWorkshop"
    alarm_actions            = ["arn:aws:sns:eu-west-1:123456789012:santas-workshop-alarms"]
    batch_size               = 10
    max_receive_count        = 5
    maximum_concurrency      = 5
  }

  assert {
    condition     = aws_sqs_queue.dlq.name == "santas-workshop-letters-view-dlq"
    error_message = "The DLQ is named <queue>-dlq."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.this.redrive_policy).maxReceiveCount == 5 && jsondecode(aws_sqs_queue.this.redrive_policy).deadLetterTargetArn == aws_sqs_queue.dlq.arn
    error_message = "The queue redrives to its DLQ after max_receive_count receives."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_allow_policy.dlq.redrive_allow_policy).redrivePermission == "byQueue"
    error_message = "Only the queue itself may use the DLQ."
  }

  assert {
    condition     = aws_sqs_queue.this.visibility_timeout_seconds == 180
    error_message = "The visibility timeout defaults to 6 x the function timeout (+ batching window)."
  }

  assert {
    condition     = aws_sqs_queue.this.sqs_managed_sse_enabled && aws_sqs_queue.dlq.sqs_managed_sse_enabled
    error_message = "Both queues are encrypted at rest."
  }

  assert {
    condition     = tolist(aws_lambda_event_source_mapping.this.function_response_types) == tolist(["ReportBatchItemFailures"])
    error_message = "The consumer reports partial batch failures."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.batch_size == 10 && aws_lambda_event_source_mapping.this.scaling_config[0].maximum_concurrency == 5
    error_message = "Batch size and maximum concurrency come from the inputs."
  }

  assert {
    condition     = aws_sns_topic_subscription.this.raw_message_delivery && aws_sns_topic_subscription.this.protocol == "sqs"
    error_message = "The subscription delivers raw messages to the queue."
  }

  assert {
    condition     = jsondecode(aws_sns_topic_subscription.this.filter_policy) == { type = ["LetterSubmitted", "LetterAmended", "LetterWithdrawn"] } && aws_sns_topic_subscription.this.filter_policy_scope == "MessageAttributes"
    error_message = "The subscription filters on message attributes."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.dlq_depth.dimensions.QueueName == aws_sqs_queue.dlq.name && aws_cloudwatch_metric_alarm.dlq_depth.threshold == 0 && aws_cloudwatch_metric_alarm.dlq_depth.comparison_operator == "GreaterThanThreshold"
    error_message = "The first message in the DLQ raises an alarm."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.oldest_message_age.metric_name == "ApproximateAgeOfOldestMessage" && aws_cloudwatch_metric_alarm.oldest_message_age.dimensions.QueueName == aws_sqs_queue.this.name && aws_cloudwatch_metric_alarm.oldest_message_age.threshold == 900
    error_message = "A message waiting over 15 minutes raises an alarm."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.failed_records.namespace == "SantasWorkshop" &&
      aws_cloudwatch_metric_alarm.failed_records.metric_name == "FailedRecords" &&
      jsonencode(aws_cloudwatch_metric_alarm.failed_records.dimensions) == jsonencode({ service = "santas-workshop-project-letters" }) &&
      aws_cloudwatch_metric_alarm.failed_records.statistic == "Sum" &&
      aws_cloudwatch_metric_alarm.failed_records.threshold == 1 &&
      aws_cloudwatch_metric_alarm.failed_records.comparison_operator == "GreaterThanOrEqualToThreshold"
    )
    error_message = "One failed record (the function's own FailedRecords metric, dimension service) raises an alarm."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.projection_lag[0].metric_name == "ProjectionLag" &&
      aws_cloudwatch_metric_alarm.projection_lag[0].statistic == "Maximum" &&
      jsonencode(aws_cloudwatch_metric_alarm.projection_lag[0].dimensions) == jsonencode({ service = "santas-workshop-project-letters" }) &&
      aws_cloudwatch_metric_alarm.projection_lag[0].threshold == 60000
    )
    error_message = "A projection lag above a minute (batch maximum) raises an alarm."
  }

  assert {
    condition     = alltrue([for a in local.alarms : tolist(a.alarm_actions) == tolist(["arn:aws:sns:eu-west-1:123456789012:santas-workshop-alarms"]) && tolist(a.ok_actions) == tolist(a.alarm_actions)])
    error_message = "Every alarm of the consumer notifies alarm_actions, when raised and when cleared."
  }
}

run "queue_consumer_without_a_filter_receives_every_message" {
  command = apply

  module {
    source = "./modules/queue-consumer"
  }

  variables {
    name                     = "santas-workshop-letters-archive"
    topic_arn                = "arn:aws:sns:eu-west-1:123456789012:santas-workshop-letters"
    function_name            = "santas-workshop-archive-events"
    function_role_name       = "santas-workshop-archive-events"
    function_timeout_seconds = 30
    metrics_namespace        = "SantasWorkshop"
  }

  assert {
    condition     = aws_sns_topic_subscription.this.filter_policy == null
    error_message = "Without filter_policy the subscription has none: a new event type reaches the queue too."
  }
}

run "queue_consumer_rejects_a_visibility_timeout_below_six_function_timeouts" {
  command = plan

  module {
    source = "./modules/queue-consumer"
  }

  variables {
    name                       = "santas-workshop-letters-view"
    topic_arn                  = "arn:aws:sns:eu-west-1:123456789012:santas-workshop-letters"
    filter_policy              = { type = ["LetterSubmitted"] }
    function_name              = "santas-workshop-project-letters"
    function_role_name         = "santas-workshop-project-letters"
    function_timeout_seconds   = 30
    metrics_namespace          = "SantasWorkshop"
    visibility_timeout_seconds = 60
  }

  expect_failures = [aws_sqs_queue.this]
}

run "queue_consumer_rejects_an_empty_filter_policy" {
  command = plan

  module {
    source = "./modules/queue-consumer"
  }

  variables {
    name                     = "santas-workshop-letters-view"
    topic_arn                = "arn:aws:sns:eu-west-1:123456789012:santas-workshop-letters"
    filter_policy            = {}
    function_name            = "santas-workshop-project-letters"
    function_role_name       = "santas-workshop-project-letters"
    function_timeout_seconds = 30
    metrics_namespace        = "SantasWorkshop"
  }

  expect_failures = [var.filter_policy]
}

# http-api --------------------------------------------------------------------

run "http_api_routes_each_key_to_its_function_with_payload_2" {
  command = apply

  module {
    source = "./modules/http-api"
  }

  variables {
    name = "santas-workshop-api"
    routes = {
      "POST /letters"           = { function_name = "santas-workshop-submit-letter", invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:santas-workshop-submit-letter/invocations", scopes = ["santa/letters"] }
      "GET /letters/{letterId}" = { function_name = "santas-workshop-get-letter", invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:santas-workshop-get-letter/invocations", scopes = ["santa/letters", "santa/workshop"] }
    }
    cors           = { allow_origins = ["https://workshop.example"] }
    jwt_authorizer = { issuer = "https://issuer.example", audience = ["workshop"] }
  }

  assert {
    condition     = length(aws_apigatewayv2_route.this) == 2 && aws_apigatewayv2_route.this["GET /letters/{letterId}"].route_key == "GET /letters/{letterId}"
    error_message = "One route per key."
  }

  assert {
    condition     = alltrue([for i in aws_apigatewayv2_integration.this : i.payload_format_version == "2.0" && i.integration_type == "AWS_PROXY"])
    error_message = "Integrations use Lambda proxy payload format 2.0."
  }

  assert {
    condition     = aws_lambda_permission.this["GET /letters/{letterId}"].source_arn == "arn:aws:execute-api:eu-west-1:123456789012:abc123defg/*/GET/letters/*"
    error_message = "The invoke permission is limited to its route."
  }

  assert {
    condition     = aws_apigatewayv2_stage.this.name == "$default" && aws_apigatewayv2_stage.this.auto_deploy
    error_message = "The $default stage deploys automatically."
  }

  assert {
    condition     = aws_apigatewayv2_stage.this.default_route_settings[0].throttling_rate_limit == 50 && aws_apigatewayv2_stage.this.default_route_settings[0].throttling_burst_limit == 100
    error_message = "The stage is throttled."
  }

  assert {
    condition     = aws_apigatewayv2_stage.this.access_log_settings[0].destination_arn == aws_cloudwatch_log_group.access.arn && aws_cloudwatch_log_group.access.retention_in_days == 30
    error_message = "Access logs go to a log group with a retention."
  }

  assert {
    condition     = tolist(aws_apigatewayv2_api.this.cors_configuration[0].allow_origins) == tolist(["https://workshop.example"])
    error_message = "CORS allows the given origins."
  }

  assert {
    condition     = alltrue([for r in aws_apigatewayv2_route.this : r.authorization_type == "JWT" && r.authorizer_id == aws_apigatewayv2_authorizer.jwt.id])
    error_message = "Every route needs a valid token."
  }

  assert {
    condition     = output.route_authorization["GET /letters/{letterId}"].scopes == tolist(["santa/letters", "santa/workshop"]) && output.route_authorization["POST /letters"].scopes == tolist(["santa/letters"])
    error_message = "Each route asks for its own scopes."
  }
}

run "http_api_rejects_a_route_without_scopes" {
  command = plan

  module {
    source = "./modules/http-api"
  }

  variables {
    name           = "santas-workshop-api"
    routes         = { "POST /letters" = { function_name = "santas-workshop-submit-letter", invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/x", scopes = [] } }
    jwt_authorizer = { issuer = "https://issuer.example", audience = ["workshop"] }
  }

  expect_failures = [var.routes]
}

run "http_api_rejects_a_malformed_route_key" {
  command = plan

  module {
    source = "./modules/http-api"
  }

  variables {
    name           = "santas-workshop-api"
    routes         = { "letters" = { function_name = "f", invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/x", scopes = ["santa/letters"] } }
    jwt_authorizer = { issuer = "https://issuer.example", audience = ["workshop"] }
  }

  expect_failures = [var.routes]
}

# dynamodb-table --------------------------------------------------------------

run "dynamodb_table_is_on_demand_encrypted_recoverable_and_protected" {
  command = apply

  module {
    source = "./modules/dynamodb-table"
  }

  variables {
    name                     = "santas-workshop-letters"
    attributes               = [{ name = "pk", type = "S" }, { name = "sk", type = "S" }, { name = "gsi1pk", type = "S" }, { name = "submittedAt", type = "S" }]
    global_secondary_indexes = [{ name = "byChild", hash_key = "gsi1pk", range_key = "submittedAt" }]
  }

  assert {
    condition     = aws_dynamodb_table.this.billing_mode == "PAY_PER_REQUEST"
    error_message = "Tables are on demand."
  }

  assert {
    condition     = aws_dynamodb_table.this.point_in_time_recovery[0].enabled && aws_dynamodb_table.this.server_side_encryption[0].enabled && aws_dynamodb_table.this.deletion_protection_enabled
    error_message = "Tables have PITR, encryption at rest and deletion protection."
  }

  assert {
    condition     = one([for i in aws_dynamodb_table.this.global_secondary_index : i.projection_type if i.name == "byChild"]) == "ALL"
    error_message = "byChild projects all attributes."
  }
}

run "dynamodb_table_rejects_an_attribute_no_key_uses" {
  command = plan

  module {
    source = "./modules/dynamodb-table"
  }

  variables {
    name       = "santas-workshop-letters"
    attributes = [{ name = "pk", type = "S" }, { name = "sk", type = "S" }, { name = "status", type = "S" }]
  }

  expect_failures = [aws_dynamodb_table.this]
}

# analytics-database ----------------------------------------------------------

run "analytics_database_is_private_encrypted_and_behind_an_iam_proxy" {
  command = apply

  module {
    source = "./modules/analytics-database"
  }

  variables {
    name                      = "santas-workshop-analytics"
    vpc_id                    = "vpc-0123"
    vpc_cidr_block            = "10.20.0.0/16"
    subnet_ids                = ["subnet-1", "subnet-2"]
    client_security_group_ids = { database-clients = "sg-clients" }
    admin_security_group_ids  = { migrator = "sg-migrator" }
  }

  assert {
    condition     = !aws_db_instance.this.publicly_accessible && aws_db_instance.this.storage_encrypted
    error_message = "The database is private and encrypted."
  }

  assert {
    condition     = aws_db_instance.this.manage_master_user_password && aws_db_instance.this.iam_database_authentication_enabled
    error_message = "RDS keeps the master password in Secrets Manager; IAM auth is on."
  }

  assert {
    condition     = aws_db_instance.this.deletion_protection && aws_db_instance.this.backup_retention_period == 7 && !aws_db_instance.this.skip_final_snapshot
    error_message = "The database is protected and backed up."
  }

  assert {
    condition     = aws_db_proxy.this.require_tls && alltrue([for a in aws_db_proxy.this.auth : a.iam_auth == "REQUIRED"])
    error_message = "The proxy requires TLS and IAM auth."
  }

  assert {
    condition     = output.iam_connect_arns["analytics_reader"] == "arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0123456789abcdef0/analytics_reader"
    error_message = "rds-db:connect ARNs name the proxy and the role."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.proxy_from_client["database-clients"].referenced_security_group_id == "sg-clients" && length(aws_vpc_security_group_ingress_rule.proxy_from_client) == 1
    error_message = "Only the client security group reaches the proxy."
  }

  assert {
    condition     = one([for p in aws_db_parameter_group.this.parameter : p.value if p.name == "rds.force_ssl"]) == "1"
    error_message = "PostgreSQL refuses connections without TLS."
  }

  assert {
    condition     = one(data.aws_iam_policy_document.proxy_assume_role.statement[0].condition).variable == "aws:SourceAccount" && tolist(one(data.aws_iam_policy_document.proxy_assume_role.statement[0].condition).values) == tolist(["123456789012"])
    error_message = "Only RDS acting for this account may assume the proxy's role."
  }

  assert {
    condition     = startswith(aws_db_instance.this.final_snapshot_identifier, "santas-workshop-analytics-final-") && length(aws_db_instance.this.final_snapshot_identifier) == length("santas-workshop-analytics-final-") + 14
    error_message = "The final snapshot is stamped with the instance's creation time, so a second destroy does not collide with the first."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.cpu.metric_name == "CPUUtilization" && aws_cloudwatch_metric_alarm.cpu.threshold == 80 &&
      aws_cloudwatch_metric_alarm.free_storage.metric_name == "FreeStorageSpace" && aws_cloudwatch_metric_alarm.free_storage.threshold == 2 * 1073741824 && aws_cloudwatch_metric_alarm.free_storage.comparison_operator == "LessThanThreshold"
    )
    error_message = "CPU above 80% and less than 2 GiB free raise alarms."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.database_connections.metric_name == "DatabaseConnections" && aws_cloudwatch_metric_alarm.database_connections.dimensions.DBInstanceIdentifier == "santas-workshop-analytics" && aws_cloudwatch_metric_alarm.database_connections.threshold == 60 &&
      aws_cloudwatch_metric_alarm.proxy_client_connections.metric_name == "ClientConnections" && aws_cloudwatch_metric_alarm.proxy_client_connections.dimensions.ProxyName == "santas-workshop-analytics" && aws_cloudwatch_metric_alarm.proxy_client_connections.threshold == 200
    )
    error_message = "Connections to the instance and client connections to the proxy raise alarms."
  }
}

run "analytics_database_rejects_turning_backups_off" {
  command = plan

  module {
    source = "./modules/analytics-database"
  }

  variables {
    name                  = "santas-workshop-analytics"
    vpc_id                = "vpc-0123"
    vpc_cidr_block        = "10.20.0.0/16"
    subnet_ids            = ["subnet-1", "subnet-2"]
    backup_retention_days = 0
  }

  expect_failures = [var.backup_retention_days]
}

# network ---------------------------------------------------------------------

run "network_has_private_subnets_endpoints_and_flow_logs" {
  command = apply

  module {
    source = "./modules/network"
  }

  variables {
    name               = "santas-workshop"
    availability_zones = ["eu-west-1a", "eu-west-1b"]
  }

  assert {
    condition     = length(aws_subnet.private) == 2 && alltrue([for s in aws_subnet.private : !s.map_public_ip_on_launch])
    error_message = "One private subnet per zone, no public IPs."
  }

  assert {
    condition     = aws_vpc_endpoint.interface["secretsmanager"].service_name == "com.amazonaws.eu-west-1.secretsmanager" && aws_vpc_endpoint.interface["secretsmanager"].private_dns_enabled
    error_message = "Secrets Manager is reachable through a private endpoint."
  }

  assert {
    condition     = length(aws_route_table.private.route) == 0
    error_message = "Private subnets have no route out of the VPC."
  }

  assert {
    condition     = aws_flow_log.this.traffic_type == "REJECT" && aws_cloudwatch_log_group.flow.retention_in_days == 30
    error_message = "Rejected traffic is logged, with a retention."
  }
}
