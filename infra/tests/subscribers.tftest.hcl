# Other teams' queues on the letters topic: subscribed here when in this account, allowed
# by the topic policy in every case, and refused when the ARN or the name is malformed.
# No AWS account is used: every aws resource comes from the mock provider (values in mocks/),
# whose account is 123456789012.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region  = "eu-west-1"
  name_prefix = "santas-workshop"
}

run "without_subscribers_the_topic_policy_lets_only_the_owner_account_in" {
  command = apply

  assert {
    condition     = [for s in jsondecode(aws_sns_topic_policy.letters.policy).Statement : s.Sid] == ["OwnerAccountManages"]
    error_message = "Without subscribers the topic policy must hold the owner's statement only: ${aws_sns_topic_policy.letters.policy}."
  }

  assert {
    condition     = jsondecode(aws_sns_topic_policy.letters.policy).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:root"
    error_message = "The owner statement must name this account."
  }

  assert {
    condition     = length(aws_sns_topic_subscription.subscriber) == 0 && output.letters_topic_subscribers == {}
    error_message = "No subscriber, no subscription."
  }
}

run "a_subscriber_in_this_account_is_subscribed_with_its_filter_and_its_policy_statement" {
  command = apply

  variables {
    letters_topic_subscribers = {
      toy-factory = {
        queue_arn     = "arn:aws:sqs:eu-west-1:123456789012:toy-factory-letters"
        filter_policy = { type = ["LetterSubmitted", "LetterAmended"] }
      }
      fraud-check = {
        queue_arn            = "arn:aws:sqs:eu-west-1:123456789012:fraud-check"
        filter_policy        = "{\"type\":[\"LetterSubmitted\"],\"schemaVersion\":[2]}"
        raw_message_delivery = false
      }
    }
  }

  assert {
    condition = (
      aws_sns_topic_subscription.subscriber["toy-factory"].protocol == "sqs" &&
      aws_sns_topic_subscription.subscriber["toy-factory"].endpoint == "arn:aws:sqs:eu-west-1:123456789012:toy-factory-letters" &&
      aws_sns_topic_subscription.subscriber["toy-factory"].topic_arn == aws_sns_topic.letters.arn &&
      aws_sns_topic_subscription.subscriber["toy-factory"].raw_message_delivery == true
    )
    error_message = "The toy factory's queue must be subscribed to the letters topic by SQS with raw delivery."
  }

  assert {
    condition = (
      jsondecode(aws_sns_topic_subscription.subscriber["toy-factory"].filter_policy) == { type = ["LetterSubmitted", "LetterAmended"] } &&
      aws_sns_topic_subscription.subscriber["toy-factory"].filter_policy_scope == "MessageAttributes"
    )
    error_message = "A filter policy given as an object must reach the subscription, on the message attributes."
  }

  assert {
    condition = (
      jsondecode(aws_sns_topic_subscription.subscriber["fraud-check"].filter_policy) == { type = ["LetterSubmitted"], schemaVersion = [2] } &&
      aws_sns_topic_subscription.subscriber["fraud-check"].raw_message_delivery == false
    )
    error_message = "A filter policy given as JSON, and raw delivery turned off, must reach the subscription."
  }

  assert {
    condition = one([for s in jsondecode(aws_sns_topic_policy.letters.policy).Statement : s if s.Sid == "SubscribeToyFactory"]) == {
      Sid       = "SubscribeToyFactory"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "sns:Subscribe"
      Resource  = aws_sns_topic.letters.arn
      Condition = { StringEquals = { "sns:Protocol" = "sqs", "sns:Endpoint" = "arn:aws:sqs:eu-west-1:123456789012:toy-factory-letters" } }
    }
    error_message = "The topic policy must let the queue's account subscribe that queue, and nothing else: ${aws_sns_topic_policy.letters.policy}."
  }

  assert {
    condition     = output.letters_topic_subscribers["toy-factory"].subscribed_here && output.letters_topic_subscribers["toy-factory"].subscription_arn != null
    error_message = "The output must say the stack subscribed the toy factory's queue."
  }
}

run "a_subscriber_in_another_account_is_allowed_to_subscribe_from_its_own_account" {
  command = apply

  variables {
    letters_topic_subscribers = {
      postal-service = {
        queue_arn     = "arn:aws:sqs:eu-west-1:210987654321:postal-letters"
        filter_policy = { type = ["LetterSubmitted"] }
      }
    }
  }

  assert {
    condition     = length(aws_sns_topic_subscription.subscriber) == 0
    error_message = "A queue of another account is subscribed from that account, not by this stack."
  }

  assert {
    condition = one([for s in jsondecode(aws_sns_topic_policy.letters.policy).Statement : s if s.Sid == "SubscribePostalService"]) == {
      Sid       = "SubscribePostalService"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = "sns:Subscribe"
      Resource  = aws_sns_topic.letters.arn
      Condition = { StringEquals = { "sns:Protocol" = "sqs", "sns:Endpoint" = "arn:aws:sqs:eu-west-1:210987654321:postal-letters" } }
    }
    error_message = "The topic policy must let the postal service's account subscribe its queue: ${aws_sns_topic_policy.letters.policy}."
  }

  assert {
    condition = output.letters_topic_subscribers["postal-service"] == {
      subscribed_here      = false
      subscription_arn     = null
      topic_arn            = aws_sns_topic.letters.arn
      queue_arn            = "arn:aws:sqs:eu-west-1:210987654321:postal-letters"
      raw_message_delivery = true
      filter_policy        = jsonencode({ type = ["LetterSubmitted"] })
    }
    error_message = "The output must give the postal service what its own subscription needs."
  }
}

run "rejects_a_queue_arn_that_is_not_an_sqs_queue" {
  command = plan

  variables {
    letters_topic_subscribers = {
      postal-service = { queue_arn = "arn:aws:sns:eu-west-1:210987654321:postal-letters" }
    }
  }

  expect_failures = [var.letters_topic_subscribers]
}

run "rejects_a_fifo_queue" {
  command = plan

  variables {
    letters_topic_subscribers = {
      postal-service = { queue_arn = "arn:aws:sqs:eu-west-1:210987654321:postal-letters.fifo" }
    }
  }

  expect_failures = [var.letters_topic_subscribers]
}

run "rejects_a_name_that_cannot_be_a_statement_id" {
  command = plan

  variables {
    letters_topic_subscribers = {
      "Postal Service" = { queue_arn = "arn:aws:sqs:eu-west-1:210987654321:postal-letters" }
    }
  }

  expect_failures = [var.letters_topic_subscribers]
}

run "rejects_a_filter_policy_that_is_not_a_json_object" {
  command = plan

  variables {
    letters_topic_subscribers = {
      postal-service = { queue_arn = "arn:aws:sqs:eu-west-1:210987654321:postal-letters", filter_policy = "type=LetterSubmitted" }
    }
  }

  expect_failures = [var.letters_topic_subscribers]
}
