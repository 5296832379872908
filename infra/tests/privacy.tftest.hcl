# Abuse and erasure: the per-account command quota table is the command functions'
# alone (one conditional update per command), and the child-erasure key is read only
# by the two projectors that keep erasure tombstones in DynamoDB.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region  = "eu-west-1"
  name_prefix = "santas-workshop"
}

# The mock gives every table and secret the same ARN; tell these apart.
override_resource {
  target = module.command_quota_table.aws_dynamodb_table.this
  values = { arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/santas-workshop-command-quotas" }
}

override_resource {
  target = aws_secretsmanager_secret.child_erasure_keys
  values = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:santas-workshop/child-erasure-keys-ErAsE" }
}

run "the_quota_table_takes_one_update_per_command_and_nothing_else" {
  command = apply

  assert {
    condition = (
      output.command_quota_table_name == "santas-workshop-command-quotas" &&
      module.command_quota_table.ttl_attribute == "expiresAt" && module.command_quota_table.ttl_enabled
    )
    error_message = "The quota table is named after wiring.json and expires its counters on expiresAt."
  }

  assert {
    condition = alltrue(flatten([for role, statements in local.role_statements : [
      for s in statements : role == "command" && s.actions == ["dynamodb:UpdateItem"] if contains(s.resources, module.command_quota_table.arn)
    ]]))
    error_message = "Only the command role reaches the quota table, with UpdateItem alone."
  }

  assert {
    condition = alltrue([for name, config in local.wiring.functions : (
      config.role == "command"
      ? module.function[name].environment.QUOTA_TABLE_NAME == module.command_quota_table.name && module.function[name].environment.COMMANDS_PER_MINUTE == "60"
      : !contains(keys(module.function[name].environment), "QUOTA_TABLE_NAME")
    )])
    error_message = "Command functions, and only they, get QUOTA_TABLE_NAME and COMMANDS_PER_MINUTE (60 by default, from wiring.json)."
  }
}

run "commands_per_minute_is_configurable" {
  command = plan

  variables {
    commands_per_minute = 120
  }

  assert {
    condition     = module.function["submit-letter"].environment.COMMANDS_PER_MINUTE == "120"
    error_message = "commands_per_minute reaches the command functions."
  }
}

run "commands_per_minute_must_be_a_whole_positive_number" {
  command = plan

  variables {
    commands_per_minute = 0.5
  }

  expect_failures = [var.commands_per_minute]
}

run "only_the_tombstone_keepers_read_the_child_erasure_key" {
  command = apply

  assert {
    condition = alltrue(flatten([for role, statements in local.role_statements : [
      for s in statements : (
        contains(["letters-projector", "event-log-writer"], role) ? s.actions == ["secretsmanager:GetSecretValue"] : role == "migrator"
      ) if contains(s.resources, aws_secretsmanager_secret.child_erasure_keys.arn)
    ]]))
    error_message = "Only project-letters and archive-events read the child-erasure key (and migrate fills it)."
  }

  assert {
    condition = alltrue([for name, function in module.function : (
      contains(["project-letters", "archive-events"], name)
      ? function.environment.CHILD_ERASURE_KEYS_SECRET_ARN == aws_secretsmanager_secret.child_erasure_keys.arn
      : !contains(keys(function.environment), "CHILD_ERASURE_KEYS_SECRET_ARN")
    )])
    error_message = "CHILD_ERASURE_KEYS_SECRET_ARN is for project-letters and archive-events only."
  }
}
