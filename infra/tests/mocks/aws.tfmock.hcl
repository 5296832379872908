# Realistic values for the computed attributes the provider's own validation
# reads (ARNs, URLs); everything else keeps the mock provider's random values.

mock_data "aws_iam_policy_document" {
  defaults = {
    json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}

mock_data "aws_availability_zones" {
  defaults = {
    names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  }
}

mock_data "aws_vpc_endpoint_service" {
  defaults = {
    service_name = "com.amazonaws.eu-west-1.secretsmanager"
  }
}

mock_data "aws_partition" {
  defaults = {
    partition = "aws"
  }
}

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
  }
}

mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:santas-workshop-letters"
  }
}

mock_resource "aws_sqs_queue" {
  defaults = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:santas-workshop-queue"
    url = "https://sqs.eu-west-1.amazonaws.com/123456789012/santas-workshop-queue"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/santas-workshop-role"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/santas-workshop"
  }
}

mock_resource "aws_lambda_function" {
  defaults = {
    arn        = "arn:aws:lambda:eu-west-1:123456789012:function:santas-workshop-function"
    invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:santas-workshop-function/invocations"
  }
}

mock_resource "aws_dynamodb_table" {
  defaults = {
    arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/santas-workshop-table"
  }
}

mock_resource "aws_apigatewayv2_api" {
  defaults = {
    api_endpoint  = "https://abc123defg.execute-api.eu-west-1.amazonaws.com"
    execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123defg"
  }
}

mock_resource "aws_secretsmanager_secret" {
  defaults = {
    arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:santas-workshop-role-AbCdEf"
  }
}

mock_resource "aws_db_proxy" {
  defaults = {
    arn      = "arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0123456789abcdef0"
    endpoint = "santas-workshop-analytics.proxy-abcdefghijkl.eu-west-1.rds.amazonaws.com"
  }
}

mock_resource "aws_db_instance" {
  defaults = {
    arn     = "arn:aws:rds:eu-west-1:123456789012:db:santas-workshop-analytics"
    address = "santas-workshop-analytics.abcdefghijkl.eu-west-1.rds.amazonaws.com"
    master_user_secret = [{
      secret_arn    = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf"
      kms_key_id    = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
      secret_status = "active"
    }]
  }
}

mock_resource "aws_vpc" {
  defaults = {
    cidr_block = "10.20.0.0/16"
  }
}

mock_resource "aws_db_proxy_default_target_group" {
  defaults = {
    name = "default"
  }
}

mock_resource "aws_kms_key" {
  defaults = {
    arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111"
  }
}

mock_resource "aws_cognito_user_pool" {
  defaults = {
    id       = "eu-west-1_EXAMPLE"
    endpoint = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE"
  }
}

mock_resource "aws_cloudwatch_metric_alarm" {
  defaults = {
    arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:santas-workshop-alarm"
  }
}

mock_data "aws_region" {
  defaults = {
    id = "eu-west-1"
  }
}
