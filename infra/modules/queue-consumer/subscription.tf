data "aws_iam_policy_document" "queue" {
  statement {
    sid       = "TopicDeliversToQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.this.arn]

    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [var.topic_arn]
    }
  }
}

resource "aws_sqs_queue_policy" "this" {
  queue_url = aws_sqs_queue.this.id
  policy    = data.aws_iam_policy_document.queue.json
}

# SNS parks what it cannot deliver (after its own retries) in the same DLQ,
# so an accepted event is never dropped between topic and queue.
data "aws_iam_policy_document" "dlq" {
  statement {
    sid       = "TopicParksUndeliverable"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dlq.arn]

    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [var.topic_arn]
    }
  }
}

resource "aws_sqs_queue_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id
  policy    = data.aws_iam_policy_document.dlq.json
}

resource "aws_sns_topic_subscription" "this" {
  topic_arn            = var.topic_arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.this.arn
  raw_message_delivery = true
  # null: every message of the topic (the event log keeps them all, so replays miss none).
  filter_policy       = var.filter_policy == null ? null : jsonencode(var.filter_policy)
  filter_policy_scope = var.filter_policy == null ? null : "MessageAttributes"
  redrive_policy      = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn })

  depends_on = [aws_sqs_queue_policy.this, aws_sqs_queue_policy.dlq]
}
