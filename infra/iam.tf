# Least privilege per role: commands only publish (and keep their idempotency
# records and read the letter-id keys), queries only read their store, projectors
# only write theirs (the analytics projector also reads its pseudonym key), the
# purger only deletes in its database, and only the migrator writes secrets.
locals {
  role_statements = {
    command = [
      {
        sid       = "PublishLetterEvents"
        actions   = ["sns:Publish"]
        resources = [aws_sns_topic.letters.arn]
      },
      {
        sid       = "KeepIdempotencyRecords"
        actions   = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
        resources = [module.idempotency_table.arn]
      },
      {
        sid       = "ReadLetterIdKeys"
        actions   = ["secretsmanager:GetSecretValue"]
        resources = [aws_secretsmanager_secret.letter_id_keys.arn]
      },
      {
        # One conditional update per command: the account's counter of the minute.
        sid       = "CountCommands"
        actions   = ["dynamodb:UpdateItem"]
        resources = [module.command_quota_table.arn]
      },
    ]
    letters-reader = [{
      sid       = "ReadLetters"
      actions   = ["dynamodb:GetItem", "dynamodb:Query"]
      resources = [module.letters_table.arn, module.letters_table.index_arns["byChild"]]
    }]
    # A letter's history is one partition of the table; the byDay index serves replays only.
    event-log-reader = [{
      sid       = "ReadEventLog"
      actions   = ["dynamodb:Query"]
      resources = [module.event_log_table.arn]
    }]
    analytics-reader = [{
      sid       = "ConnectAsAnalyticsReader"
      actions   = ["rds-db:connect"]
      resources = [module.analytics_database.iam_connect_arns["analytics_reader"]]
    }]
    # Conditional updates decide last-writer-wins in the table itself: no read first.
    # Erasure replaces an erased letter by its tombstone (PutItem) and keeps, in the
    # child's partition, which letters named the child (strongly consistent Get and Query).
    letters-projector = [
      {
        sid       = "ProjectLetters"
        actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]
        resources = [module.letters_table.arn]
      },
      {
        sid       = "ReadChildErasureKeys"
        actions   = ["secretsmanager:GetSecretValue"]
        resources = [aws_secretsmanager_secret.child_erasure_keys.arn]
      },
    ]
    analytics-projector = [
      {
        sid       = "ConnectAsAnalyticsWriter"
        actions   = ["rds-db:connect"]
        resources = [module.analytics_database.iam_connect_arns["analytics_writer"]]
      },
      {
        sid       = "ReadChildPseudonymKeys"
        actions   = ["secretsmanager:GetSecretValue"]
        resources = [aws_secretsmanager_secret.child_pseudonym_keys.arn]
      },
    ]
    # Expired rows go in PostgreSQL: no queue, no table, no secret.
    analytics-purger = [{
      sid       = "ConnectAsAnalyticsWriter"
      actions   = ["rds-db:connect"]
      resources = [module.analytics_database.iam_connect_arns["analytics_writer"]]
    }]
    # The log forgets an erased letter: its tombstone is written, its events deleted; the
    # child's partition records which letters named the child (as in the letters view).
    event-log-writer = [
      {
        sid       = "AppendEventLog"
        actions   = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]
        resources = [module.event_log_table.arn]
      },
      {
        sid       = "ReadChildErasureKeys"
        actions   = ["secretsmanager:GetSecretValue"]
        resources = [aws_secretsmanager_secret.child_erasure_keys.arn]
      },
    ]
    # Queue state and a peek at the DLQs (a receive with visibility 0); the ages come from
    # CloudWatch, whose GetMetricData names no resource.
    queue-observer = [
      {
        sid       = "ReadQueueState"
        actions   = ["sqs:GetQueueAttributes"]
        resources = concat([for queue in local.operations_queues : queue.arn], [for queue in local.operations_queues : queue.dlq_arn])
      },
      {
        sid       = "PeekDeadLetters"
        actions   = ["sqs:ReceiveMessage"]
        resources = [for queue in local.operations_queues : queue.dlq_arn]
      },
      {
        sid     = "ReadPipelineMetrics"
        actions = ["cloudwatch:GetMetricData"]
        # iam-resource-star: GetMetricData supports no resource-level permissions.
        resources = ["*"]
      },
    ]
    # StartMessageMoveTask needs, on the DLQ, what the move does there (receive, delete, read
    # attributes) and, on the source queue, sending; both ARNs are read from the attributes.
    queue-redriver = [
      {
        sid       = "MoveDeadLetters"
        actions   = ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:StartMessageMoveTask"]
        resources = [for queue in local.operations_queues : queue.dlq_arn]
      },
      {
        sid       = "SendBackToQueue"
        actions   = ["sqs:GetQueueAttributes", "sqs:SendMessage"]
        resources = [for queue in local.operations_queues : queue.arn]
      },
    ]
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
      {
        # GetSecretValue tells an empty secret (fill it) from a filled one (leave it).
        sid       = "FillGeneratedKeys"
        actions   = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"]
        resources = values(local.generated_key_secrets)
      },
    ]
  }

  # With a customer managed key, readers decrypt and writers also make data keys
  # (commands write the topic and the idempotency table under it; the analytics
  # projector decrypts its pseudonym key).
  kms_actions = {
    command             = ["kms:Decrypt", "kms:GenerateDataKey"]
    letters-reader      = ["kms:Decrypt"]
    event-log-reader    = ["kms:Decrypt"]
    analytics-reader    = []
    letters-projector   = ["kms:Decrypt", "kms:GenerateDataKey"]
    analytics-projector = ["kms:Decrypt"]
    analytics-purger    = []
    event-log-writer    = ["kms:Decrypt", "kms:GenerateDataKey"]
    migrator            = ["kms:Decrypt", "kms:GenerateDataKey"]
    # Peeking decrypts a DLQ's messages; a move also encrypts them into the source queue.
    queue-observer = ["kms:Decrypt"]
    queue-redriver = ["kms:Decrypt", "kms:GenerateDataKey"]
  }

  kms_statements = {
    for role, actions in local.kms_actions : role => var.kms_key_arn == null || length(actions) == 0 ? [] : [{
      sid       = "UseDataKey"
      actions   = actions
      resources = [var.kms_key_arn]
    }]
  }
}
