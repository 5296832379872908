# Rules of AWS that the provider checks only for some inputs, at their edges.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region = "eu-west-1"
}

run "proxy_role_name_prefix_fits_iam_for_the_longest_database_name" {
  command = plan

  module {
    source = "./modules/analytics-database"
  }

  variables {
    name                      = "a-database-name-of-the-fifty-characters-allowed-xx"
    vpc_id                    = "vpc-0123"
    vpc_cidr_block            = "10.20.0.0/16"
    subnet_ids                = ["subnet-1", "subnet-2"]
    client_security_group_ids = { database-clients = "sg-clients" }
    admin_security_group_ids  = { migrator = "sg-migrator" }
  }

  assert {
    condition     = length(var.name) == 50 && length(aws_iam_role.proxy.name_prefix) <= 38
    error_message = "The proxy role's name_prefix is ${length(aws_iam_role.proxy.name_prefix)} characters; IAM allows 38."
  }
}

run "json_logs_keep_the_level_the_function_logs_at" {
  command = plan

  module {
    source = "./modules/lambda-function"
  }

  variables {
    name        = "santas-workshop-top-toys"
    filename    = "../dist/top-toys.zip"
    environment = { LOG_LEVEL = "DEBUG" }
    log_level   = "DEBUG"
  }

  assert {
    condition     = aws_lambda_function.this.logging_config[0].log_format == "JSON" && aws_lambda_function.this.logging_config[0].application_log_level == "DEBUG" && aws_lambda_function.this.logging_config[0].system_log_level == "INFO"
    error_message = "A function logging JSON at DEBUG has Lambda keep DEBUG lines too."
  }
}

run "every_function_of_the_stack_keeps_the_lines_of_log_level" {
  command = plan

  variables {
    name_prefix = "santas-workshop"
    log_level   = "DEBUG"
  }

  assert {
    condition     = alltrue([for name, f in module.function : f.environment.LOG_LEVEL == "DEBUG" && f.application_log_level == "DEBUG"])
    error_message = "Every function logs at log_level, and Lambda keeps the lines of that level."
  }
}
