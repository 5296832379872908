# Other teams' queues on the letters topic (var.letters_topic_subscribers), and the topic
# policy that lets them subscribe. A queue in this account is subscribed here. A queue in
# another account subscribes from its own account: SNS asks a queue owned elsewhere to
# confirm a subscription the topic owner creates, and Terraform cannot track one pending
# confirmation, so the subscriber's own Terraform creates it (docs/deploy-to-aws.md).

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  subscribers = {
    for name, s in var.letters_topic_subscribers : name => {
      queue_arn            = s.queue_arn
      queue_account_id     = split(":", s.queue_arn)[4]
      raw_message_delivery = try(s.raw_message_delivery, true)
      # One spelling whether given as JSON or as an object: the canonical JSON.
      filter_policy = try(s.filter_policy, null) == null ? null : can(tostring(s.filter_policy)) ? jsonencode(jsondecode(s.filter_policy)) : jsonencode(s.filter_policy)
      # postal-service => PostalService: statement ids allow letters and digits only.
      statement_id = "Subscribe${join("", [for word in split("-", name) : title(word)])}"
    }
  }
  subscribed_here = { for name, s in local.subscribers : name => s if s.queue_account_id == local.account_id }

  # jsonencode rather than a policy document data source, so plan shows (and tests read) every statement.
  letters_topic_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        # What SNS's default policy grants: the owner account manages the topic.
        Sid       = "OwnerAccountManages"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action = [
          "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission",
          "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish",
        ]
        Resource = aws_sns_topic.letters.arn
      }],
      [for name, s in local.subscribers : {
        # The queue's account may subscribe that queue, by SQS, and nothing else.
        Sid       = s.statement_id
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${s.queue_account_id}:root" }
        Action    = "sns:Subscribe"
        Resource  = aws_sns_topic.letters.arn
        Condition = { StringEquals = { "sns:Protocol" = "sqs", "sns:Endpoint" = s.queue_arn } }
      }],
    )
  })
}

resource "aws_sns_topic_policy" "letters" {
  arn    = aws_sns_topic.letters.arn
  policy = local.letters_topic_policy
}

resource "aws_sns_topic_subscription" "subscriber" {
  for_each = local.subscribed_here

  topic_arn            = aws_sns_topic.letters.arn
  protocol             = "sqs"
  endpoint             = each.value.queue_arn
  raw_message_delivery = each.value.raw_message_delivery
  # null: every event, as the subscriber chose.
  filter_policy       = each.value.filter_policy
  filter_policy_scope = each.value.filter_policy == null ? null : "MessageAttributes"

  depends_on = [aws_sns_topic_policy.letters]
}
